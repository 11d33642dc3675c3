import { describe, expect } from 'vitest';
import { expectVisible, UI_TIMEOUT_MS, expectText } from './support/expect-ui.js';
import { test } from './support/fixtures.js';
import { CustomerScreen, CustomersScreen } from './support/pages/customers.js';
import { Shell } from './support/pages/shell.js';

describe("the Orders list's heading", () => {
  test('names the customer the list is narrowed to, in English and Vietnamese; says All orders only for all of them', async ({
    host,
    page,
  }) => {
    const shell = new Shell(page);
    await shell.open(host);
    await expectText(shell.syncStatus, 'Online');

    // From a customer's page, their Orders link narrows the list to them.
    await shell.go('Customers');
    await new CustomersScreen(page).row('An Kowalski').click();
    await expectVisible(new CustomerScreen(page).heading('An Kowalski'));
    await page
      .getByRole('navigation', { name: /An Kowalski/ })
      .getByRole('link', { name: 'Orders' })
      .click();
    await expect.poll(() => page.url(), { timeout: UI_TIMEOUT_MS }).toMatch(/#\/orders\/customer\/cus_/);
    await expectVisible(page.getByRole('heading', { level: 2, name: 'Orders of An Kowalski', exact: true }));
    await expectVisible(page.getByRole('table', { name: 'Orders' }));

    // Every customer's list again: "All orders".
    await page
      .getByRole('main')
      .getByRole('combobox', { name: 'Customer', exact: true })
      .selectOption({ label: 'All customers' });
    await expectVisible(page.getByRole('heading', { level: 2, name: 'All orders', exact: true }));

    // Back to the one customer's list, in Vietnamese.
    await page.goBack();
    await shell.header.getByRole('combobox', { name: /^(Language|Ngôn ngữ)/ }).selectOption('vi');
    await expectVisible(
      page.getByRole('heading', { level: 2, name: 'Đơn hàng của An Kowalski', exact: true }),
    );
  });
});
