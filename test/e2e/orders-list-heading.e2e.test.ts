import { describe, expect } from 'vitest';
import { expectCount, expectVisible, UI_TIMEOUT_MS } from './support/expect-ui.js';
import { test } from './support/fixtures.js';
import { openDemoOnline } from './support/flows.js';
import { CustomerScreen, CustomersScreen } from './support/pages/customers.js';

describe("the Orders list's heading", () => {
  test('names the customer the list is narrowed to, in English and Vietnamese; says All orders only for all of them', async ({
    host,
    page,
  }) => {
    const shell = await openDemoOnline(page, host);

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

describe("the Payments, Invoices and Subscriptions lists' headings", () => {
  test('name the customer the list is narrowed to from their page, in English and Vietnamese', async ({
    host,
    page,
  }) => {
    const shell = await openDemoOnline(page, host);
    await shell.go('Customers');
    await new CustomersScreen(page).row('An Kowalski').click();
    const customer = new CustomerScreen(page).heading('An Kowalski');
    await expectVisible(customer);
    const records = page.getByRole('navigation', { name: /An Kowalski/ });

    for (const [link, route, heading] of [
      ['Payments', 'payments', 'Payments of An Kowalski'],
      ['Invoices', 'invoices', 'Invoices of An Kowalski'],
      ['Subscriptions', 'subscriptions', 'Subscriptions of An Kowalski'],
    ] as const) {
      await records.getByRole('link', { name: link, exact: true }).click();
      await expect
        .poll(() => page.url(), { timeout: UI_TIMEOUT_MS })
        .toMatch(new RegExp(`#/${route}/customer/cus_`));
      await expectVisible(page.getByRole('heading', { level: 2, name: heading, exact: true }));
      // Every customer's list again: no customer named.
      await page
        .getByRole('main')
        .getByRole('combobox', { name: 'Customer', exact: true })
        .selectOption({ label: 'All customers' });
      await expectCount(page.getByRole('heading', { name: /An Kowalski/ }), 0);
      await page.goBack();
      await expectVisible(page.getByRole('heading', { level: 2, name: heading, exact: true }));
      await page.goBack();
      await expectVisible(customer);
    }

    // In Vietnamese, the same lists say whose they are.
    await shell.header.getByRole('combobox', { name: /^(Language|Ngôn ngữ)/ }).selectOption('vi');
    for (const [link, heading] of [
      ['Thanh toán', 'Thanh toán của An Kowalski'],
      ['Hóa đơn', 'Hóa đơn của An Kowalski'],
      ['Gói đăng ký', 'Gói đăng ký của An Kowalski'],
    ] as const) {
      await records.getByRole('link', { name: link, exact: true }).click();
      await expectVisible(page.getByRole('heading', { level: 2, name: heading, exact: true }));
      await page.goBack();
      await expectVisible(customer);
    }
  });
});
