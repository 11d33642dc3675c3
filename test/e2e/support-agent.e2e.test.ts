import { describe, expect } from 'vitest';
import { expectCount, expectText, expectVisible } from './support/expect-ui.js';
import { signedOutTest as test } from './support/fixtures.js';
import { signInToHostedApi } from './support/flows.js';
import { CustomerScreen, CustomersScreen } from './support/pages/customers.js';
import { DashboardScreen } from './support/pages/dashboard.js';
import { WalletScreen } from './support/pages/wallet.js';

// Every test signs in to a hosted API: the console starts signed out, with no demo to load.

/** Every control that changes something, as a reseller admin sees them. */
const WRITE_CONTROLS = /^(New customer|Create customer|Add wallet|Add credit|Adjust|Adjust balance)$/;

describe('a support agent', () => {
  test('reads customers, wallets and histories, and is offered nothing that changes them', async ({
    api,
    host,
    page,
    screenshot,
  }) => {
    const admin = await api.createReseller('Tailspin Proxies');
    const customerId = await api.createCustomer(admin, { name: 'Alan Turing', email: 'alan@example.com' });
    const walletId = await api.createWallet(admin, customerId, 'USD');
    await api.credit(admin, walletId, 5_300, 'Top up via PayPal');
    // A monthly plan, ordered ($3.00 of the $53.00) and provisioned: an order and a renewal to read.
    const { id: productId } = await api.request<{ id: string }>('POST', '/v1/products', {
      token: admin.apiKey,
      body: { name: 'Datacenter proxy', prices: { USD: 150 }, period: 'month' },
    });
    const { order } = await api.request<{ order: { id: string } }>(
      'POST',
      `/v1/customers/${customerId}/orders`,
      {
        token: admin.apiKey,
        body: { productId, quantity: 2, currency: 'USD' },
        idempotent: true,
        expect: 201,
      },
    );
    await api.request('POST', `/v1/orders/${order.id}/fulfilment`, {
      token: admin.apiKey,
      body: { provisioned: 2 },
      idempotent: true,
      expect: 200,
    });
    const agent = { email: 'agent@tailspin.example.com', password: 'helpful support agent' };
    await api.createUser(admin, { ...agent, role: 'support_agent' });

    const shell = await signInToHostedApi(page, host, { url: api.url, ...agent });
    await expectText(shell.header, 'Support agent');
    await expectVisible(shell.reseller('Tailspin Proxies'));
    const writeControls = page.getByRole('main').getByRole('button', { name: WRITE_CONTROLS });

    // The dashboard: the wallet and its balance, readable.
    await shell.go('Dashboard');
    const dashboard = new DashboardScreen(page);
    await expectCount(dashboard.walletCards, 1);
    await expectText(dashboard.walletCards, /USD.*Balance\s*\$50\.00/);
    // No customer's balance in the header of staff away from that customer's pages.
    await expectCount(shell.balance, 0);
    await expectText(dashboard.activity, /Top up via PayPal.*\+\$53\.00/);
    await expectCount(writeControls, 0);

    // Customers: listed and searchable, but no New customer.
    await shell.go('Customers');
    const customers = new CustomersScreen(page);
    await expectText(customers.row('Alan Turing'), 'alan@example.com');
    await expectCount(writeControls, 0);
    await screenshot('customers');

    // A customer's page: wallets and history, with no Add wallet, Add credit or Adjust.
    await customers.row('Alan Turing').click();
    const customer = new CustomerScreen(page);
    await expectVisible(customer.heading('Alan Turing'));
    await expectCount(customer.walletChips, 1);
    await expectCount(customer.wallet.historyRows, 2);
    await expectText(
      customer.wallet.historyRows.filter({ hasText: 'Top up via PayPal' }),
      /Credit.*\+\$53\.00.*Completed.*Top up via PayPal/,
    );
    await expectCount(customer.addWalletForm, 0);
    await expectCount(writeControls, 0);
    await screenshot('customer');

    // The Wallet page: balances and history, read-only too.
    await shell.go('Wallet');
    const wallet = new WalletScreen(page);
    await expectVisible(wallet.heading('USD'));
    await expectText(wallet.balance('Balance'), '$50.00');
    await expectCount(wallet.historyRows, 2);
    await expectCount(writeControls, 0);
    expect(await wallet.addCreditButton.count()).toBe(0);
    await screenshot('wallet');

    // Orders and renewals: whose they are, and nothing that places, renews, cancels or refunds them.
    const changesOrders = page.getByRole('main').getByRole('button', {
      name: /^(Place order|Renew now: .*|Cancel auto-renew.*|Report for ORD-.*|Preview refunds.*|Refund these orders)$/,
    });
    await shell.navLink('Orders').click();
    const orders = page.getByRole('table', { name: 'Orders' }).getByTestId('order-row');
    await expectCount(orders, 1);
    await expectText(orders, /2 × Datacenter proxy/);
    await expectText(orders, 'Alan Turing');
    await expectCount(changesOrders, 0);
    await expectCount(page.getByRole('region', { name: 'New order for a customer' }), 0);
    await shell.navLink('Subscriptions').click();
    const renewals = page.getByRole('table', { name: 'Subscriptions' }).getByTestId('renewal-row');
    await expectCount(renewals, 1);
    await expectText(renewals, /2 × Datacenter proxy.*Alan Turing.*\$3\.00/s);
    await expectCount(changesOrders, 0);
    await screenshot('subscriptions');
  });
});
