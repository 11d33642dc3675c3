import { describe, expect } from 'vitest';
import { expectCount, expectHidden, expectText, expectVisible } from './support/expect-ui.js';
import { signedOutTest as test } from './support/fixtures.js';
import { signInWithFundedWallet } from './support/flows.js';
import { CustomerScreen, CustomersScreen } from './support/pages/customers.js';

// Every test signs in to a hosted API: the console starts signed out, with no demo to load.

describe('limits on merchant credits', () => {
  test('a credit above the confirmation amount is asked about first; above the maximum it is refused', async ({
    api,
    host,
    page,
    screenshot,
  }) => {
    const { admin, walletId, shell } = await signInWithFundedWallet(api, host, page, 'Acme Proxies', {
      name: 'Acme',
      email: 'acme@example.com',
    });
    await shell.go('Customers');
    await new CustomersScreen(page).row('Acme').click();
    const customer = new CustomerScreen(page);
    await expectVisible(customer.heading('Acme'));
    const wallet = customer.wallet;

    // 5,000.00 USD is above the default confirmation amount (1,000.00 USD): the console asks.
    await wallet.submitCredit('5000', 'Large credit');
    await expectText(
      wallet.confirmDialog,
      "Add 5,000.00 USD to Acme's wallet? This is above your confirmation amount of 1,000.00 USD.",
    );
    await screenshot('confirm-large-credit');
    // Going back returns to the form, still filled in, and queues nothing.
    await wallet.confirmDialog.getByRole('button', { name: 'Go back' }).click();
    await expectHidden(wallet.confirmDialog);
    await expectVisible(wallet.addCreditDialog.getByLabel('Description'));
    expect(await wallet.addCreditDialog.getByLabel('Description').inputValue()).toBe('Large credit');
    await expectHidden(shell.outboxLink);

    // 999,999,999,999 (the report's credit) is over the maximum: said at the field, nothing queued.
    await wallet.submitCredit('999999999999', 'Free money');
    await expectText(wallet.addCreditDialog, /The most one movement can be is 10,000,000\.00 USD/);
    await expectHidden(wallet.confirmDialog);

    // Confirmed, the 5,000.00 credit goes through.
    await wallet.submitCredit('5000', 'Large credit');
    await wallet.confirmDialog.getByRole('button', { name: 'Add 5,000.00 USD' }).click();
    await expectHidden(wallet.addCreditDialog);
    await expectText(shell.balance, '$5,050.00');
    await expectCount(wallet.historyRow('Large credit'), 1);

    // A small credit is queued without a question.
    await wallet.addCredit('10', 'Small credit');
    await expectCount(wallet.historyRow('Small credit'), 1);
    const history = await api.transactions(admin, walletId);
    expect(history.map((t) => [t.type, t.amount])).toEqual([
      ['credit', 1_000],
      ['credit', 500_000],
      ['credit', 5_000],
    ]);
  });
});
