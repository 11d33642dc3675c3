import { describe, expect } from 'vitest';
import { expectCount, expectHidden, expectText, expectVisible } from './support/expect-ui.js';
import { test } from './support/fixtures.js';
import { signInToHostedApi } from './support/flows.js';
import { ConnectionScreen } from './support/pages/connection.js';
import { CustomersScreen } from './support/pages/customers.js';
import { DashboardScreen } from './support/pages/dashboard.js';
import { WalletScreen } from './support/pages/wallet.js';

describe('signing in to a separately started billing API', () => {
  test('shows that reseller: empty at first, then the data the API gets', async ({
    api,
    host,
    page,
    screenshot,
  }) => {
    const admin = await api.createReseller('Northwind Proxies');

    const shell = await signInToHostedApi(page, host, {
      url: api.url,
      email: admin.email,
      password: admin.password,
    });

    // Signed in to that API, as that reseller's admin.
    const connection = new ConnectionScreen(page);
    await expectText(connection.current, api.url);
    await expectText(connection.current, 'Northwind Proxies');
    await expectText(connection.current, 'Reseller admin');
    await expectVisible(shell.reseller('Northwind Proxies'));
    await expectText(shell.syncStatus, 'Online');
    await screenshot('connection');

    // A new reseller has nothing yet, and every screen says so.
    await shell.go('Dashboard');
    const dashboard = new DashboardScreen(page);
    await expectVisible(dashboard.noWallets);
    await expectCount(shell.balance, 0);
    await expectText(dashboard.activity, 'No activity yet');
    await screenshot('dashboard-empty');
    await shell.go('Customers');
    const customers = new CustomersScreen(page);
    await expectVisible(customers.empty);
    await expectCount(customers.rows, 0);

    // Another client of the API adds a customer, a wallet and a top-up: the console shows them.
    const customerId = await api.createCustomer(admin, { name: 'Ada Lovelace', email: 'ada@example.com' });
    const walletId = await api.createWallet(admin, customerId, 'USD');
    await api.credit(admin, walletId, 12_345, 'Top up by card');

    await expectVisible(customers.row('Ada Lovelace'));
    await expectText(customers.row('Ada Lovelace'), 'ada@example.com');
    await expectHidden(customers.empty);

    await shell.go('Dashboard');
    await expectCount(dashboard.walletCards, 1);
    await expectText(dashboard.walletCards, /USD.*Balance\s*\$123\.45/);
    await expectCount(shell.balance, 0);
    await expectVisible(dashboard.chart);
    await expectText(dashboard.activity, /Top up by card.*\+\$123\.45/);
    await screenshot('dashboard-with-data');

    await dashboard.walletCards.click();
    const wallet = new WalletScreen(page);
    await expectVisible(wallet.heading('USD'));
    await expectText(shell.balance, 'Ada Lovelace · USD $123.45');
    await expectText(wallet.balance('Balance'), '$123.45');
    await expectCount(wallet.historyRows, 1);
    await expectText(wallet.historyRows, /Credit.*\+\$123\.45.*Completed.*Top up by card/);
    expect(await wallet.pending.count()).toBe(0);
    await screenshot('wallet');
  });
});
