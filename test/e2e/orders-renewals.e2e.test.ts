import { describe, expect } from 'vitest';
import { expectText, expectVisible, UI_TIMEOUT_MS } from './support/expect-ui.js';
import { test } from './support/fixtures.js';
import { signInToHostedApi } from './support/flows.js';
import { WalletScreen } from './support/pages/wallet.js';

const PASSWORD = 'correct horse battery staple';

describe('orders and renewals', () => {
  test('a customer orders, provisioning delivers 7 of 10, the history shows Payment then Refund; Renew now pays from the wallet', async ({
    api,
    host,
    page,
    screenshot,
  }) => {
    const admin = await api.createReseller('Northwind Proxies');
    const customerId = await api.createCustomer(admin, { name: 'Ada Lovelace', email: 'ada@example.com' });
    const walletId = await api.createWallet(admin, customerId, 'USD');
    await api.credit(admin, walletId, 5_000, 'Opening balance');
    await api.request('POST', '/v1/products', {
      token: admin.apiKey,
      body: { name: 'Datacenter proxy', prices: { USD: 150 }, period: 'month' },
    });
    await api.request('POST', '/v1/users', {
      token: admin.apiKey,
      body: { email: 'ada@example.com', password: PASSWORD, role: 'customer', customerId },
    });
    const shell = await signInToHostedApi(page, host, {
      url: api.url,
      email: 'ada@example.com',
      password: PASSWORD,
    });
    await expectText(shell.syncStatus, 'Online');

    // The customer orders 10 from the catalog: price, total and balance after are shown first.
    await shell.navLink('Orders').click();
    const form = page.getByRole('form', { name: 'Order from the catalog' });
    await expectVisible(form);
    await form.getByLabel('Quantity').fill('10');
    await expectText(page.getByTestId('order-total'), '$15.00');
    await expectText(page.getByTestId('order-balance-after'), '$35.00');
    await form.getByRole('button', { name: 'Place order' }).click();
    await expectText(form.getByRole('status'), /Order ORD-\d{8}-\w{6} placed/);
    const number = /ORD-\d{8}-\w{6}/.exec((await form.getByRole('status').textContent()) ?? '')![0];

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
    await row.getByRole('button', { name: 'Renew 7 × Datacenter proxy now' }).click();
    await expectText(row.getByRole('status'), /Renewed until/);
    await shell.go('Wallet');
    await expectVisible(wallet.historyRow(/Renewal: 7 × Datacenter proxy/));
    await expectText(shell.balance, '$29.00');
  });
});
