import { describe } from 'vitest';
import { expectHidden, expectText, expectVisible } from './support/expect-ui.js';
import { test } from './support/fixtures.js';
import { openTopUp, signInToHostedApi } from './support/flows.js';
import { TopUpScreen } from './support/pages/top-up.js';

describe('a customer and its payers', () => {
  test('a customer told to add a payer before saving a method adds one, and can then save the method', async ({
    api,
    host,
    page,
    screenshot,
  }) => {
    const admin = await api.createReseller('Payer Hosting');
    await api.turnOnTestMode(admin);
    const customerId = await api.createCustomer(admin, { name: 'Ada Lovelace', email: 'ada@example.com' });
    await api.createWallet(admin, customerId, 'USD');
    const login = { email: 'ada@example.com', password: 'analytical engine 1843' };
    await api.request('POST', '/v1/users', {
      token: admin.apiKey,
      body: { ...login, role: 'customer', customerId },
    });

    // The customer wants to keep a card for later, but has no payer: the form says so and where.
    const shell = await signInToHostedApi(page, host, { url: api.url, ...login });
    const topUp = await openTopUp(page, shell);
    await topUp.method(/Sandbox test card/).check();
    await expectHidden(topUp.saveMethod);
    await expectText(topUp.savesNeedPayer, 'add a payer first');
    await topUp.savesNeedPayer.getByRole('link', { name: 'Add a payer' }).click();

    // Its own wallet page offers "Add payer" (it used to offer nothing: a dead end).
    const payers = page.getByRole('region', { name: 'Payers and saved methods' });
    await expectText(payers, 'No payers yet');
    await payers.getByRole('button', { name: 'Add payer' }).click();
    const form = page.getByRole('dialog', { name: 'Add a payer' }).getByRole('form', { name: 'Add a payer' });
    await form.getByLabel('Payer name').fill('Ada at home');
    await form.getByRole('checkbox', { name: 'Make this the default payer' }).check();
    await screenshot('customer-adds-payer');
    await form.getByRole('button', { name: 'Add payer' }).click();
    await expectText(payers.getByTestId('payer'), /Ada at home.*Default payer/);

    // Back on Top Up, the new payer is chosen and the method can be saved for it.
    await page.getByRole('main').getByRole('link', { name: 'Top Up', exact: true }).click();
    const again = new TopUpScreen(page);
    await expectVisible(again.form);
    await again.method(/Sandbox test card/).check();
    await expectHidden(again.savesNeedPayer);
    await expectVisible(again.saveMethod);
    await screenshot('top-up-saves-for-payer');
  });
});
