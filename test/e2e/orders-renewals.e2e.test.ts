import { describe, expect } from 'vitest';
import type { BillingApi, ResellerAdmin } from './support/billing-api.js';
import { expectCount, expectText, expectVisible, UI_TIMEOUT_MS } from './support/expect-ui.js';
import { signedOutTest as test } from './support/fixtures.js';
import { signInAsCustomerWithCatalog, signInToHostedApi } from './support/flows.js';
import { CustomerScreen, CustomersScreen } from './support/pages/customers.js';
import { ReportProblemForm, TicketsScreen } from './support/pages/tickets.js';
import { WalletScreen } from './support/pages/wallet.js';

// Every test signs in to a hosted API: the console starts signed out, with no demo to load.

describe('orders and renewals', () => {
  test('a customer orders, provisioning delivers 7 of 10, the history shows Payment then Refund; Renew now pays from the wallet', async ({
    api,
    host,
    page,
    screenshot,
  }) => {
    const { admin, shell } = await signInAsCustomerWithCatalog(api, host, page, 'month');

    // The customer orders 10 from the catalog: price, total and what stays available are shown first.
    await shell.navLink('Orders').click();
    const form = page.getByRole('form', { name: 'Order from the catalog' });
    await expectVisible(form);
    await form.getByLabel('Quantity').fill('10');
    await expectText(page.getByTestId('order-total'), '$15.00');
    await expectText(page.getByTestId('order-available-after'), '$35.00');
    await expectText(page.getByTestId('order-paid-from'), 'your USD wallet');
    await form.getByRole('button', { name: 'Place order' }).click();
    // Asked first: the money leaves the wallet at once.
    const placing = page.getByRole('dialog', { name: 'Order 10 × Datacenter proxy now?' });
    await expectText(placing, '$15.00 is paid from your USD wallet now; $35.00 stays available.');
    await placing.getByRole('button', { name: 'Pay $15.00 and place the order' }).click();
    await expectText(form.getByRole('status'), /Order ORD-\d{8}-\w{6} placed/);
    const number = /ORD-\d{8}-\w{6}/.exec((await form.getByRole('status').textContent()) ?? '')![0];

    // Until provisioning reports, nothing renews: Renew now waits, and says for what.
    await shell.header.getByRole('button', { name: 'Top Up' }).click();
    await page.getByRole('tab', { name: 'Renewals' }).click();
    const waiting = page
      .getByRole('table', { name: 'Upcoming renewals' })
      .getByTestId('renewal-row')
      .filter({ hasText: '10 × Datacenter proxy' });
    await expectText(waiting.getByTestId('renewal-waits'), `Order ${number} is still being provisioned`);
    await expect
      .poll(() => waiting.getByRole('button', { name: 'Renew now: 10 × Datacenter proxy' }).isDisabled(), {
        timeout: UI_TIMEOUT_MS,
      })
      .toBe(true);

    // The reseller's provisioning system delivers 7 of the 10.
    const orders = await api.request<{ items: Array<{ id: string; number: string }> }>('GET', '/v1/orders', {
      token: admin.apiKey,
    });
    const order = orders.items.find((o) => o.number === number)!;
    await api.request('POST', `/v1/orders/${order.id}/fulfilment`, {
      token: admin.apiKey,
      body: { provisioned: 7 },
      idempotent: true,
      expect: 200,
    });

    // The wallet's history: the payment, then the refund of the 3 not provisioned, both quoting the order.
    await shell.go('Wallet');
    const wallet = new WalletScreen(page);
    await expectVisible(wallet.historyRow(/Refund: 3 of 10/));
    const rows = wallet.historyRows.filter({ hasText: number });
    await expect.poll(() => rows.count(), { timeout: UI_TIMEOUT_MS }).toBe(2);
    await expectText(rows.nth(0), /Refund.*\+\$4\.50/s);
    await expectText(rows.nth(1), /Payment.*-\$15\.00/s);
    await screenshot('history-payment-then-refund', wallet.history);

    // Top Up → Renewals: the 7 provisioned renew monthly for $10.50; Renew now pays it from the wallet.
    await shell.header.getByRole('button', { name: 'Top Up' }).click();
    await page.getByRole('tab', { name: 'Renewals' }).click();
    const renewals = page.getByRole('table', { name: 'Upcoming renewals' });
    await expectVisible(renewals);
    const row = renewals.getByTestId('renewal-row').filter({ hasText: 'Datacenter proxy' });
    await expectText(row, '$10.50');
    await expectText(row, 'Covered');
    await expectCount(row.getByTestId('renewal-waits'), 0);
    await row.getByRole('button', { name: 'Renew now: 7 × Datacenter proxy' }).click();
    // Asked first: the money leaves the wallet at once.
    const confirm = page.getByRole('dialog', { name: 'Renew 7 × Datacenter proxy now?' });
    await expectText(confirm, '$10.50 is paid from the wallet now');
    // The language changes while it asks (applied from elsewhere: behind the modal the switch is
    // inert to a person): it asks again in Vietnamese, as the order form does.
    const language = shell.header.getByRole('combobox', { name: /^(Language|Ngôn ngữ)/ });
    await language.selectOption('vi');
    await expectVisible(page.getByRole('dialog', { name: 'Gia hạn 7 × Datacenter proxy ngay?' }));
    await language.selectOption('en');
    await expectVisible(confirm);
    await confirm.getByRole('button', { name: 'Pay $10.50 and renew' }).click();
    await expectText(row.getByRole('status'), /Renewed until/);
    await shell.go('Wallet');
    await expectVisible(wallet.historyRow(/Renewal: 7 × Datacenter proxy/));
    await expectText(shell.balance, '$29.00');

    // The order's own page, from its number: what was bought, what provisioning delivered, the
    // ledger rows that paid and refunded it, and the renewals it started.
    await shell.navLink('Orders').click();
    await page.getByRole('link', { name: number, exact: true }).click();
    await expectVisible(page.getByRole('heading', { level: 1, name: `Order ${number}` }));
    const details = page.getByRole('region', { name: 'Details' });
    await expectText(details, '10 × Datacenter proxy');
    await expectText(details, /Total\s*\$15\.00/);
    await expectText(details, /Refunded\s*\$4\.50/);
    await expectText(details, /Partly provisioned\s*7 of 10 provisioned/);
    const ledger = page.getByRole('table', { name: 'Ledger rows' });
    await expectCount(ledger.getByRole('row'), 3);
    await expectText(ledger.getByRole('row').nth(1), /Payment.*-\$15\.00.*\$35\.00/s);
    await expectText(ledger.getByRole('row').nth(2), /Refund.*\+\$4\.50.*\$39\.50/s);
    const renewalsOfOrder = page.getByRole('region', { name: 'Renewals' });
    await expectText(renewalsOfOrder, /Active.*Renews on.*\$10\.50 per month/s);
    await screenshot('order-page');
    // A problem with it is reported from its page; the ticket's About link leads back to it.
    const report = new ReportProblemForm(page);
    await report.openButton.click();
    await expectVisible(report.subject);
    expect(await report.subject.inputValue()).toBe(`Problem with order ${number}`);
    await report.message.fill('Three of the ten proxies never arrived.');
    await report.send.click();
    await expectText(report.saved, /sent to support/);
    await shell.navLink('My tickets').click();
    const tickets = new TicketsScreen(page);
    await expectVisible(tickets.ticketLink(`Problem with order ${number}`));
    await tickets.ticketLink(`Problem with order ${number}`).click();
    // Named by its number, as on its page, not by its id.
    await page.getByRole('main').getByRole('link', { name: number }).click();
    await expectVisible(page.getByRole('heading', { level: 1, name: `Order ${number}` }));
    // Its refund row opens in the wallet's history, marked.
    await ledger.getByRole('row').nth(2).getByRole('link', { name: "Open in the wallet's history" }).click();
    await expectVisible(wallet.history);
    await expectText(wallet.historyRows.filter({ hasText: number }).first(), /Refund.*\+\$4\.50/s);
    // A renewal names its product, which opens the order it came from.
    await shell.header.getByRole('button', { name: 'Top Up' }).click();
    await page.getByRole('tab', { name: 'Renewals' }).click();
    await renewals.getByRole('link', { name: '7 × Datacenter proxy' }).click();
    await expectVisible(page.getByRole('heading', { level: 1, name: `Order ${number}` }));
    // Searched for by its number, the order opens on its own page (not the whole list).
    await shell.go('Dashboard');
    await page.keyboard.press('Control+K');
    const search = page.getByRole('dialog', { name: 'Search' });
    await search.getByRole('combobox').fill(number);
    await search.getByRole('group', { name: 'Orders' }).getByRole('option').first().click();
    await expectVisible(page.getByRole('heading', { level: 1, name: `Order ${number}` }));
  });

  test('staff see whose each order and renewal is, and a customer’s page opens that customer’s orders, renewals and invoices', async ({
    api,
    host,
    page,
    screenshot,
  }) => {
    const admin = await api.createReseller('Contoso Hosting');
    const { id: productId } = await api.request<{ id: string }>('POST', '/v1/products', {
      token: admin.apiKey,
      body: { name: 'Datacenter proxy', prices: { USD: 150 }, period: 'month' },
    });
    await customerWithOrders(
      api,
      admin,
      productId,
      { name: 'Acme Ltd', email: 'billing@acme.example.com' },
      [2],
    );
    // Globex's second order is still being provisioned.
    await customerWithOrders(
      api,
      admin,
      productId,
      { name: 'Globex', email: 'ap@globex.example.com' },
      [5, 4],
    );
    const shell = await signInToHostedApi(page, host, {
      url: api.url,
      email: admin.email,
      password: admin.password,
    });
    await expectText(shell.syncStatus, 'Online');

    // Every customer's orders and renewals, each row naming its customer.
    await shell.navLink('Orders').click();
    const orders = page.getByRole('table', { name: 'Orders' });
    await expectCount(orders.getByTestId('order-row'), 3);
    await expectText(orders.getByTestId('order-row').filter({ hasText: '2 × Datacenter proxy' }), 'Acme Ltd');
    await expectText(orders.getByTestId('order-row').filter({ hasText: '5 × Datacenter proxy' }), 'Globex');
    await screenshot('orders-every-customer');
    // Ticking orders brings up what is selected and the way to the refund form below the list.
    await orders
      .getByTestId('order-row')
      .filter({ hasText: '2 × Datacenter proxy' })
      .getByRole('checkbox')
      .check();
    const selection = page.getByRole('region', { name: 'Selected orders' });
    await expectText(selection, '1 order selected');
    await selection.getByRole('button', { name: 'Refund selected…' }).click();
    await expect
      .poll(
        () =>
          page
            .getByRole('textbox', { name: 'Reason' })
            .evaluate((el) => el === el.ownerDocument.activeElement),
        {
          timeout: UI_TIMEOUT_MS,
        },
      )
      .toBe(true);
    await expectVisible(page.getByRole('button', { name: 'Preview refunds (1 selected)' }));
    // A language switch keeps the order ticked, the reason typed and the preview, redrawn in
    // Vietnamese (they used to be dropped, the refund to start over).
    await page.getByRole('textbox', { name: 'Reason' }).fill('Run 7 failed');
    await page.getByRole('button', { name: 'Preview refunds (1 selected)' }).click();
    await expectVisible(page.getByRole('table', { name: 'Refunds preview' }));
    const language = page.getByRole('combobox', { name: /^(Language|Ngôn ngữ)/ });
    await language.selectOption('vi');
    await expectText(page.getByRole('region', { name: 'Đơn hàng đã chọn' }), 'Đã chọn 1 đơn hàng');
    await expectVisible(page.getByRole('button', { name: 'Xem trước hoàn tiền (đã chọn 1)' }));
    expect(await page.getByRole('textbox', { name: 'Lý do' }).inputValue()).toBe('Run 7 failed');
    await expectVisible(page.getByRole('table', { name: 'Xem trước hoàn tiền' }));
    await expectVisible(page.getByRole('button', { name: 'Hoàn tiền các đơn hàng này' }));
    await language.selectOption('en');
    await expectText(selection, '1 order selected');
    await selection.getByRole('button', { name: 'Clear selection' }).click();
    await expectCount(selection, 0);
    // The order still provisioning: staff report what was delivered (3 of 4); the rest is refunded.
    const provisioning = orders.getByTestId('order-row').filter({ hasText: '4 × Datacenter proxy' });
    await expectText(provisioning, 'Globex');
    await expectVisible(orders.getByRole('columnheader', { name: 'Fulfilment' }));
    await provisioning.getByLabel('Provisioned of 4').fill('3');
    // The count typed stays over a language switch.
    await language.selectOption('vi');
    const inVi = page.getByTestId('order-row').filter({ hasText: '4 × Datacenter proxy' });
    expect(await inVi.getByLabel('Đã cung cấp trên tổng 4').inputValue()).toBe('3');
    await language.selectOption('en');
    await provisioning.getByRole('button', { name: /^Report for ORD-/ }).click();
    await expectText(provisioning, /Partly provisioned\s*3 of 4 provisioned/);
    await expectText(provisioning, '$1.50');
    // No order is provisioning any more: the column goes.
    await expectCount(orders.getByRole('columnheader', { name: 'Fulfilment' }), 0);
    await shell.navLink('Subscriptions').click();
    const renewals = page.getByRole('table', { name: 'Subscriptions' });
    await expectCount(renewals.getByTestId('renewal-row'), 3);
    await expectText(
      renewals.getByTestId('renewal-row').filter({ hasText: '5 × Datacenter proxy' }),
      'Globex',
    );

    // From Acme's page: its orders only, the filter naming Acme; then its renewals.
    await shell.go('Customers');
    await new CustomersScreen(page).row('Acme Ltd').click();
    const acme = new CustomerScreen(page);
    await expectVisible(acme.heading('Acme Ltd'));
    const records = page.getByRole('navigation', { name: "Acme Ltd's records" });
    const chosenCustomer = page
      .getByRole('combobox', { name: 'Customer', exact: true })
      .locator('option:checked');
    await records.getByRole('link', { name: 'Orders' }).click();
    await expectCount(orders.getByTestId('order-row'), 1);
    await expectText(
      orders.getByTestId('order-row'),
      /2 × Datacenter proxy.*Acme Ltd|Acme Ltd.*2 × Datacenter proxy/s,
    );
    await expectText(chosenCustomer, 'Acme Ltd (billing@acme.example.com)');
    await screenshot('orders-of-one-customer');
    // The order's page names its customer for staff, linked to the customer's page.
    await orders.getByTestId('order-row').getByRole('link', { name: /^ORD-/ }).click();
    await expectVisible(page.getByRole('heading', { level: 1, name: /^Order ORD-/ }));
    await expectText(page.getByRole('region', { name: 'Details' }), /Paid from\s*Acme Ltd · USD wallet/);
    await page.getByRole('main').getByRole('link', { name: 'Acme Ltd', exact: true }).click();
    await expectVisible(acme.heading('Acme Ltd'));
    await page.goBack();
    await page.goBack();
    await expectCount(orders.getByTestId('order-row'), 1);
    // Back returns to the customer's page; its Subscriptions link shows its one renewal.
    await page.goBack();
    await expectVisible(acme.heading('Acme Ltd'));
    await records.getByRole('link', { name: 'Subscriptions' }).click();
    await expectCount(renewals.getByTestId('renewal-row'), 1);
    await expectText(renewals.getByTestId('renewal-row'), '$3.00');
    await expectText(renewals.getByTestId('renewal-row'), 'Acme Ltd');
    // All customers again: every renewal, Globex's two included.
    await page
      .getByRole('combobox', { name: 'Customer', exact: true })
      .selectOption({ label: 'All customers' });
    await expectCount(renewals.getByTestId('renewal-row'), 3);
    await page.goBack();
    await expectCount(renewals.getByTestId('renewal-row'), 1);
    await expectText(chosenCustomer, 'Acme Ltd (billing@acme.example.com)');
    // Its invoices: the list filtered to Acme, which has none yet.
    await page.goBack();
    await expectVisible(acme.heading('Acme Ltd'));
    await records.getByRole('link', { name: 'Invoices' }).click();
    await expectVisible(page.getByText('No invoices match these filters'));
    await expectText(chosenCustomer, 'Acme Ltd (billing@acme.example.com)');
  });
});

/**
 * A customer with a funded USD wallet and an order of the product for each quantity given: the
 * first provisioned in full (a subscription), any other left provisioning.
 */
async function customerWithOrders(
  api: BillingApi,
  admin: ResellerAdmin,
  productId: string,
  customer: { name: string; email: string },
  [provisioned, ...provisioning]: number[],
): Promise<void> {
  const customerId = await api.createCustomer(admin, customer);
  const walletId = await api.createWallet(admin, customerId, 'USD');
  await api.credit(admin, walletId, 10_000, 'Opening balance');
  const place = (quantity: number) =>
    api.request<{ order: { id: string } }>('POST', `/v1/customers/${customerId}/orders`, {
      token: admin.apiKey,
      body: { productId, quantity, currency: 'USD' },
      idempotent: true,
      expect: 201,
    });
  const { order } = await place(provisioned!);
  await api.request('POST', `/v1/orders/${order.id}/fulfilment`, {
    token: admin.apiKey,
    body: { provisioned },
    idempotent: true,
    expect: 200,
  });
  for (const quantity of provisioning) await place(quantity);
}
