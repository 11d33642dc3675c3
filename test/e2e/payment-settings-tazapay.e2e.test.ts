import { describe, expect } from 'vitest';
import { expectText, expectVisible } from './support/expect-ui.js';
import { signedOutTest as test } from './support/fixtures.js';
import { openTopUp, signInWithFundedWallet } from './support/flows.js';
import { PaymentSettingsScreen } from './support/pages/payment-settings.js';

// Every test signs in to a hosted API: the console starts signed out, with no demo to load.

describe('Tazapay in the console', () => {
  test('a reseller stores its Tazapay keys, offers Tazapay, and Top Up lists it beside the other methods', async ({
    api,
    host,
    page,
    screenshot,
  }) => {
    const { shell } = await signInWithFundedWallet(api, host, page, 'Tailspin Proxies', {
      name: 'Katherine Johnson',
      email: 'katherine@example.com',
    });

    await shell.navLink('Payment settings').click();
    const settings = new PaymentSettingsScreen(page);
    await expectVisible(settings.heading);

    // The form names each field; a lower-case country is refused beside its field, then corrected.
    const tazapay = settings.credentials('Tazapay');
    await expectText(tazapay, 'Not configured');
    const secret = 'tailspin-tazapay-api-secret-0123456789';
    await tazapay.getByLabel('API key').fill('tailspin-tazapay-key');
    await tazapay.getByLabel('API secret').fill(secret);
    await tazapay.getByLabel('Webhook secret token').fill('tailspin-webhook-secret-token-0123');
    await tazapay.getByLabel('Customer country').fill('sg');
    await tazapay.getByLabel('Environment').selectOption('sandbox');
    await tazapay.getByRole('button', { name: 'Save Tazapay credentials' }).click();
    await expectText(tazapay, 'two-letter ISO country code');
    await tazapay.getByLabel('API secret').fill(secret);
    await tazapay.getByLabel('Customer country').fill('SG');
    await tazapay.getByRole('button', { name: 'Save Tazapay credentials' }).click();
    await expectText(tazapay.getByRole('status'), 'Tazapay credentials saved.');
    await expectText(tazapay, 'Configured');
    expect(await page.content()).not.toContain(secret);
    await screenshot('tazapay-credentials-saved');

    await settings.offer('Tazapay').check();
    await settings.saveMethods.click();
    await expectText(settings.methods.getByRole('status'), 'Methods saved.');
    expect(await settings.offer('Tazapay').isChecked()).toBe(true);

    const topUp = await openTopUp(page, shell);
    await expectVisible(topUp.method(/Tazapay \(cards and local methods\)/));
    await topUp.method(/Tazapay/).check();
    await topUp.amount.fill('100');
    // The method's default fee is asked on top: 100.00 + 2.9%.
    await expectText(topUp.total, '$102.90');
    await screenshot('tazapay-top-up');
  });
});
