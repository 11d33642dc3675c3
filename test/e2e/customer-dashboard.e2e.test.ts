import { describe, expect } from 'vitest';
import { expectVisible, UI_TIMEOUT_MS } from './support/expect-ui.js';
import { signedOutTest as test } from './support/fixtures.js';
import { signInAsNewCustomer } from './support/flows.js';
import { DashboardScreen } from './support/pages/dashboard.js';

// Every test signs in to a hosted API: the console starts signed out, with no demo to load.

describe("a customer's dashboard", () => {
  test('speaks to the customer, in English and Vietnamese, and charts an empty wallet against $0.00 … $1.00', async ({
    api,
    host,
    page,
  }) => {
    const { shell } = await signInAsNewCustomer(api, host, page, 'Keyboard Hosting', {
      name: 'Kim Keys',
      email: 'kim@example.com',
    });
    await shell.go('Dashboard');
    const dashboard = new DashboardScreen(page);
    await expectVisible(dashboard.heading);
    // The subtitle under the title: about the customer's own balances, not the reseller's.
    const main = page.getByRole('main');
    await expectVisible(main.getByText('Your balances and activity at Keyboard Hosting', { exact: true }));
    expect(await main.getByText('Balances and activity for Keyboard Hosting').count()).toBe(0);

    // The chart of the new (empty) wallet: its value axis reads distinct amounts.
    await expectVisible(dashboard.chart);
    const axis = () =>
      dashboard.chart.evaluate((svg) =>
        [
          ...(
            svg as unknown as { querySelectorAll(s: string): Iterable<{ textContent: string | null }> }
          ).querySelectorAll('.chart-grid text'),
        ].map((label) => label.textContent),
      );
    await expect.poll(axis, { timeout: UI_TIMEOUT_MS }).toEqual(['$0.00', '$0.50', '$1.00']);

    await shell.header.getByRole('combobox', { name: /^(Language|Ngôn ngữ)/ }).selectOption('vi');
    await expectVisible(main.getByText('Số dư và hoạt động của bạn tại Keyboard Hosting', { exact: true }));
  });
});
