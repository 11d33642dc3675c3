import { describe, expect } from 'vitest';
import { expectCount, expectHidden, expectText, expectVisible } from './support/expect-ui.js';
import { signedOutTest as test } from './support/fixtures.js';
import { signInToHostedApi, signInWithFundedWallet } from './support/flows.js';
import { CustomerScreen, CustomersScreen } from './support/pages/customers.js';
import { WalletScreen } from './support/pages/wallet.js';

// Every test signs in to a hosted API: the console starts signed out, with no demo to load.

describe('a reseller admin at work', () => {
  test('creates a customer and a wallet, tops it up, and sees the header and the history change', async ({
    api,
    host,
    page,
    screenshot,
  }) => {
    const admin = await api.createReseller('Contoso Proxies');
    const shell = await signInToHostedApi(page, host, {
      url: api.url,
      email: admin.email,
      password: admin.password,
    });
    await expectText(shell.syncStatus, 'Online');
    // Staff own no wallet: away from a customer's or a wallet's page the header shows none.
    await expectCount(shell.balance, 0);

    // A new customer, from the Customers screen: listed at once, and confirmed by the server.
    await shell.go('Customers');
    const customers = new CustomersScreen(page);
    await customers.createCustomer({ name: 'Grace Hopper', email: 'grace@example.com' });
    await expectText(customers.row('Grace Hopper'), 'grace@example.com');
    await expectHidden(customers.pendingMark('Grace Hopper'));
    await customers.row('Grace Hopper').click();
    const customer = new CustomerScreen(page);
    await expectVisible(customer.heading('Grace Hopper'));

    // A USD wallet for them: the header now names it, with nothing in it yet.
    await customer.addWallet('USD');
    await expectCount(customer.walletChips, 1);
    await expectHidden(customer.walletChips.getByText('Pending sync'));
    await expectText(customer.walletChips, /USD.*\$0\.00/);
    await expectText(shell.balance, 'Grace Hopper · USD $0.00');
    await expectVisible(customer.wallet.noTransactions);

    // A top-up of 25: once the server confirms it, the header and the history show it.
    await customer.wallet.addCredit('25', 'Welcome credit');
    await expectText(shell.balance, '$25.00');
    await expectCount(customer.wallet.historyRows, 1);
    await expectText(customer.wallet.historyRows, /Credit.*\+\$25\.00.*Completed.*Welcome credit/);
    await expectText(customer.walletChips, /USD.*\$25\.00/);
    await expectHidden(customer.wallet.pending);
    await expectHidden(shell.outboxLink);
    // The toast that said "pending sync" as it was queued now says the server saved it.
    await expectText(page.getByRole('status').filter({ hasText: 'Add credit' }), 'Add credit $25.00 — saved');
    await expectText(shell.syncStatus, 'Online');
    await screenshot('customer-after-top-up');

    // The customer list has them, once.
    await shell.go('Customers');
    await expectCount(customers.row('Grace Hopper'), 1);
    // With the balance of each of its wallets.
    await expectText(customers.row('Grace Hopper'), /grace@example\.com\s*\$25\.00/);
    await screenshot('customers');

    // A login of Grace's own, made through the API: the trail names whose it is (below).
    const [grace] = await api.customers(admin);
    await api.createCustomerLogin(admin, grace!.id, {
      email: 'grace.login@example.com',
      password: 'Grace signs in here',
    });

    // The audit trail says who credited whose wallet, by how much and why, in dollars; its ledger
    // row opens from there.
    await shell.go('Audit trail');
    await page.getByRole('combobox', { name: 'Action' }).selectOption({ label: 'Wallet credited' });
    const audit = page.getByTestId('audit-row');
    await expectCount(audit, 1);
    await expectText(audit, `${admin.email} · Reseller admin`);
    await expectText(audit, 'Grace Hopper · USD wallet');
    await expectText(audit, 'Welcome credit');
    await expectText(audit, /Balance\s*\$0\.00 → \$25\.00\s*Amount\s*\+\$25\.00/);
    await screenshot('audit-trail');
    // A language switch redraws the trail still narrowed to that action (it used to show them all).
    const language = page.getByRole('combobox', { name: /Language/ });
    await language.selectOption('vi');
    await expectText(audit, 'Welcome credit');
    expect(await page.getByRole('combobox', { name: 'Hành động' }).inputValue()).toBe('wallet.credited');
    await language.selectOption('en');
    expect(await page.getByRole('combobox', { name: 'Action' }).inputValue()).toBe('wallet.credited');
    await expectCount(audit, 1);
    await audit.getByRole('link', { name: /^txn_/ }).click();
    const wallet = new WalletScreen(page);
    await expectVisible(wallet.heading('USD'));
    const marked = wallet.history.locator('[aria-current="true"]');
    await expectText(marked, /Credit.*\+\$25\.00.*Welcome credit/);

    // The login made for Grace reads as hers, by name: it used to show the customer's id, wider
    // than the column.
    await shell.go('Audit trail');
    await page.getByRole('combobox', { name: 'Action' }).selectOption({ label: 'User created' });
    await expectCount(audit, 1);
    await expectText(audit, /Email\s*grace\.login@example\.com\s*Role\s*Customer\s*Customer\s*Grace Hopper/);
    expect(await audit.innerText()).not.toContain(grace!.id);

    // The API holds exactly what was done, once each.
    const onServer = await api.customers(admin);
    expect(onServer.map((c) => [c.name, c.email])).toEqual([['Grace Hopper', 'grace@example.com']]);
    const serverWallets = await api.wallets(admin, onServer[0]!.id);
    expect(serverWallets.map((w) => [w.currency, w.balance])).toEqual([['USD', 2500]]);
    const history = await api.transactions(admin, serverWallets[0]!.id);
    expect(history.map((t) => [t.type, t.amount, t.description])).toEqual([
      ['credit', 2500, 'Welcome credit'],
    ]);
  });

  test('exports a one-row history and is told it in the singular', async ({ api, host, page }) => {
    // One customer, one USD wallet, one credit: a history of exactly one row, on the Wallet page.
    await signInWithFundedWallet(api, host, page, 'Contoso Proxies', {
      name: 'Grace Hopper',
      email: 'grace@example.com',
    });
    const wallet = new WalletScreen(page);
    await expectCount(wallet.historyRows, 1);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('main').getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    await expectVisible(page.getByRole('main').getByText('Exported 1 row.', { exact: true }));
  });
});
