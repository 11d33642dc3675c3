import { describe, expect } from 'vitest';
import { expectCount, expectHidden, expectText, expectVisible } from './support/expect-ui.js';
import { signedOutTest as test } from './support/fixtures.js';
import { signInToHostedApi } from './support/flows.js';
import { CustomerScreen, CustomersScreen } from './support/pages/customers.js';

// Every test signs in to a hosted API: the console starts signed out, with no demo to load.

/** The console retries with backoff (up to 15 s between attempts) once its API is back. */
const RECONNECT_TIMEOUT_MS = 40_000;

describe('working while the billing API is down', () => {
  test('keeps writes as pending sync while offline and applies each exactly once when the API is back', async ({
    api,
    host,
    page,
    screenshot,
  }) => {
    const admin = await api.createReseller('Fabrikam Proxies');
    const shell = await signInToHostedApi(page, host, {
      url: api.url,
      email: admin.email,
      password: admin.password,
    });
    await expectText(shell.syncStatus, 'Online');
    const apiUrl = api.url;

    // The API goes away: the console notices on its own and says so.
    await api.stop();
    await expectText(shell.syncStatus, /^Offline/);

    // A customer, a wallet and a credit, all made offline: each is kept and marked as not yet synced.
    await shell.go('Customers');
    const customers = new CustomersScreen(page);
    await customers.createCustomer({ name: 'Katherine Johnson', email: 'katherine@example.com' });
    await expectVisible(customers.pendingMark('Katherine Johnson'));
    await customers.row('Katherine Johnson').click();
    const customer = new CustomerScreen(page);
    await expectVisible(customer.heading('Katherine Johnson'));
    await customer.addWallet('USD');
    await expectCount(customer.walletChips, 1);
    await expectText(customer.walletChips, /USD.*Pending sync/);
    await customer.wallet.addCredit('25', 'Offline credit');

    const pending = page.getByRole('main').getByTestId('pending-rows').getByRole('listitem');
    await expectText(pending.filter({ hasText: 'New customer' }), 'Pending sync');
    await expectText(pending.filter({ hasText: 'New wallet' }), 'Pending sync');
    await expectText(pending.filter({ hasText: 'Credit' }), /\+\$25\.00.*Pending sync/);
    await expectText(shell.syncStatus, /^Offline/);
    await expectText(shell.outboxLink, '3 changes pending');
    // Only the server computes balances: the queued credit is not in any of them yet.
    await expectText(shell.balance, '$0.00');
    await expectVisible(customer.wallet.noTransactions);
    await screenshot('offline-pending');

    // The API comes back on the same port and database: everything is sent, once.
    await api.start();
    expect(api.url).toBe(apiUrl);
    await expectText(shell.syncStatus, 'Online', RECONNECT_TIMEOUT_MS);
    await expectHidden(shell.outboxLink, RECONNECT_TIMEOUT_MS);
    await expectHidden(page.getByTestId('pending-rows'));
    await expectText(shell.balance, '$25.00');

    // Listed once, confirmed, with one wallet holding the one credit.
    await shell.go('Customers');
    await expectCount(customers.row('Katherine Johnson'), 1);
    await expectHidden(customers.pendingMark('Katherine Johnson'));
    await customers.row('Katherine Johnson').click();
    await expectVisible(customer.heading('Katherine Johnson'));
    await expectCount(customer.walletChips, 1);
    await expectText(customer.walletChips, /USD.*\$25\.00/);
    await expectCount(customer.wallet.historyRows, 1);
    await expectText(customer.wallet.historyRows, /Credit.*\+\$25\.00.*Completed.*Offline credit/);
    await expectHidden(page.getByTestId('pending-rows'));
    await screenshot('back-online');

    // The API agrees: one customer, one wallet, one credit.
    const onServer = await api.customers(admin);
    expect(onServer.map((c) => c.name)).toEqual(['Katherine Johnson']);
    const wallets = await api.wallets(admin, onServer[0]!.id);
    expect(wallets.map((w) => [w.currency, w.balance])).toEqual([['USD', 2500]]);
    const history = await api.transactions(admin, wallets[0]!.id);
    expect(history.map((t) => [t.type, t.amount, t.description])).toEqual([
      ['credit', 2500, 'Offline credit'],
    ]);
  });
});
