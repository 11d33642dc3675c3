import { describe, expect } from 'vitest';
import { expectText, expectVisible, UI_TIMEOUT_MS } from './support/expect-ui.js';
import { signedOutTest as test } from './support/fixtures.js';
import { signInAsNewCustomer } from './support/flows.js';
import { COMMON_SIZES, cutText, expectInside, overlappingPairs } from './support/layout.js';
import { DashboardScreen } from './support/pages/dashboard.js';

// Every test signs in to a hosted API: the console starts signed out, with no demo to load.

describe("a customer's dashboard", () => {
  test("speaks to the customer, in English and Vietnamese, and charts an empty wallet against $0.00 … $1.00, and heads every wallet's balance", async ({
    api,
    host,
    page,
    screenshot,
  }) => {
    const { admin, customerId, shell } = await signInAsNewCustomer(api, host, page, 'Keyboard Hosting', {
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

    // A second wallet, in đồng: the header shows both balances, each in its own currency (it used
    // to show the first wallet's alone), whole beside Top Up at 1024 px.
    const vnd = await api.createWallet(admin, customerId, 'VND');
    await api.credit(admin, vnd, 81_043_842, 'Opening balance');
    await expectText(shell.balance, /^Số dư 0,00\sUS\$ · 81\.043\.842\s₫$/u);
    // Each amount lies whole inside its pill, at every common size: a pill narrower than its
    // amounts let Top Up cover "81.043.8", which reads as another balance.
    const vndAmount = shell.balance.getByText(/81\.043\.842/);
    for (const size of [...COMMON_SIZES].reverse()) {
      await page.setViewportSize(size);
      await expectInside(vndAmount, shell.balance, `the đồng balance inside its pill at ${size.width} px`);
    }
    expect(
      await overlappingPairs([
        ['balance', shell.balance],
        ['Top Up', shell.header.getByRole('button', { name: 'Nạp tiền' })],
        ['sync status', shell.syncStatus],
      ]),
    ).toEqual([]);
    await expectInside(shell.balance, shell.header, 'the balances inside the header at 1024 px');
    expect(await cutText(shell.balance)).toBe('');
    await expectText(shell.balance, /^0,00\sUS\$ · 81\.043\.842\s₫$/u);
    await screenshot('header-two-wallets-vi-1024', shell.header);

    // A narrower window still (900 px): the balances stay whole, and so do the language switch and
    // the theme at the header's end (Search and "Online" give up their words, kept as their names).
    await page.setViewportSize({ width: 900, height: 700 });
    await expectInside(vndAmount, shell.balance, 'the đồng balance inside its pill at 900 px');
    for (const [name, item] of [
      ['language', shell.header.getByRole('combobox', { name: /^Ngôn ngữ/ })],
      ['theme', shell.header.getByRole('button', { name: /^(Theme|Giao diện)/ })],
      ['search', shell.header.getByRole('button', { name: /^Tìm kiếm/ })],
    ] as const)
      await expectInside(item, shell.header, `${name} inside the header at 900 px`);
    await expectText(shell.syncStatus, 'Trực tuyến');
    await screenshot('header-two-wallets-vi-900', shell.header);
  });
});
