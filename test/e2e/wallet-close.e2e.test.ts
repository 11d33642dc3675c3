import { describe, expect } from 'vitest';
import { expectHidden, expectText, expectVisible } from './support/expect-ui.js';
import { signedOutTest as test } from './support/fixtures.js';
import { signInWithFundedWallet } from './support/flows.js';

// Every test signs in to a hosted API: the console starts signed out, with no demo to load.

describe('closing a wallet', () => {
  test('staff pay the balance out by hand and close the wallet, after a confirmation', async ({
    api,
    host,
    page,
    screenshot,
  }) => {
    const { admin } = await signInWithFundedWallet(api, host, page, 'Closing Proxies', {
      name: 'Ada Lovelace',
      email: 'ada@example.com',
    });
    const main = page.getByRole('main');
    await main.getByRole('button', { name: 'Close wallet', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Close wallet' });
    await expectVisible(dialog);
    await expectText(dialog, 'Balance to pay out: $50.00');
    await dialog.getByLabel('Pay the balance out').selectOption('manual');
    // Nothing said about where the money goes: refused in the form, nothing sent.
    await dialog.getByRole('button', { name: 'Review closing' }).click();
    await expectText(dialog, 'Say where the money goes.');
    await dialog.getByLabel('Paid out to').fill('IBAN GB29 NWBK 6016 1331 9268 19');
    await dialog.getByLabel('Payout reference').fill('BACS-2041');
    await dialog.getByRole('button', { name: 'Review closing' }).click();
    await expectText(dialog, /pay out \$50\.00 to IBAN GB29/);
    await screenshot('close-wallet-confirm');
    await dialog.getByRole('button', { name: 'Close and pay out $50.00' }).click();
    await expectHidden(dialog);
    await expectText(main.getByRole('heading', { level: 1 }).locator('..'), /Closed/);
    await expectHidden(main.getByRole('button', { name: 'Close wallet', exact: true }));
    await screenshot('wallet-closed');

    const [customer] = await api.customers(admin);
    const [wallet] = (await api.wallets(admin, customer!.id)) as unknown as Array<{
      status: string;
      balance: number;
    }>;
    expect(wallet).toMatchObject({ status: 'closed', balance: 0 });
  });
});
