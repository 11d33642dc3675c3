import { describe, expect } from 'vitest';
import { expectHidden, expectText, expectVisible } from './support/expect-ui.js';
import { signedOutTest as test } from './support/fixtures.js';
import { openTopUp, signInAsNewCustomer } from './support/flows.js';

// Every test signs in to a hosted API: the console starts signed out, with no demo to load.

describe('a customer and its payers', () => {
  test('a customer told to add a payer before saving a method adds one, and can then save the method', async ({
    api,
    host,
    page,
    screenshot,
  }) => {
    // The customer wants to keep a card for later, but has no payer: the form says so and where.
    const { shell } = await signInAsNewCustomer(api, host, page, 'Payer Hosting', {
      name: 'Ada Lovelace',
      email: 'ada@example.com',
    });
    const topUp = await openTopUp(page, shell);
    await topUp.method(/Sandbox test card/).check();
    await expectHidden(topUp.saveMethod);
    await expectText(topUp.savesNeedPayer, 'add a payer first');
    await topUp.amount.fill('40');
    await topUp.savesNeedPayer.getByRole('button', { name: 'Add a payer' }).click();

    // The payer is added right there, in a dialog (it used to be a dead end, then a trip to the
    // Wallet page that lost the amount).
    const form = page.getByRole('dialog', { name: 'Add a payer' }).getByRole('form', { name: 'Add a payer' });
    await form.getByLabel('Payer name').fill('Ada at home');
    await form.getByRole('checkbox', { name: 'Make this the default payer' }).check();
    await screenshot('customer-adds-payer');
    await form.getByRole('button', { name: 'Add payer' }).click();
    await expectHidden(page.getByRole('dialog', { name: 'Add a payer' }));

    // The new payer is chosen, the method can be saved for it, and the amount is still there.
    await expectText(
      topUp.form.getByRole('combobox', { name: 'Payer' }).locator('option:checked'),
      'Ada at home',
    );
    await expectHidden(topUp.savesNeedPayer);
    await expectVisible(topUp.saveMethod);
    expect(await topUp.amount.inputValue()).toBe('40');
    await screenshot('top-up-saves-for-payer');

    // Its own wallet page lists it too, with "Add payer" for the next one.
    await shell.go('Wallet');
    const payers = page.getByRole('region', { name: 'Payers and saved methods' });
    await expectText(payers.getByTestId('payer'), /Ada at home.*Default payer/);
    await expectVisible(payers.getByRole('button', { name: 'Add payer' }));
  });
});
