import { describe, expect } from 'vitest';
import { PUBLISHED_ACCOUNT_KEYS } from '../support/emulators/crypto-chain.js';
import { expectText, expectVisible } from './support/expect-ui.js';
import { signedOutTest as test } from './support/fixtures.js';
import { openTopUp, signInWithFundedWallet } from './support/flows.js';
import { PaymentSettingsScreen } from './support/pages/payment-settings.js';

// Every test signs in to a hosted API: the console starts signed out, with no demo to load.

describe('payment settings in the console', () => {
  test('a reseller raises the USD minimum to 10.00 and swaps the sandbox card for crypto; Top Up follows', async ({
    api,
    host,
    page,
    screenshot,
  }) => {
    // The admin had turned test mode (the sandbox) on: here it is swapped for a real method.
    const { shell } = await signInWithFundedWallet(
      api,
      host,
      page,
      'Fabrikam Hosting',
      { name: 'Grace Hopper', email: 'grace@example.com' },
      { testMode: true },
    );

    await shell.navLink('Payment settings').click();
    const settings = new PaymentSettingsScreen(page);
    await expectVisible(settings.heading);
    await expectVisible(settings.minimum('USD'));
    expect(await settings.minimum('USD').inputValue()).toBe('0.50');
    await screenshot('settings-defaults');

    // Crypto's credentials, typed once: saved, the form emptied, and only "Configured" shown.
    const crypto = settings.credentials('Crypto');
    await expectText(crypto, 'Not configured');
    // A private key pasted by mistake is refused beside its field, and nothing is stored.
    const zprv =
      'zprvAdG4iTXWBoARxkkzNpNh8r6Qag3irQB8PzEMkAFeTRXxHpbF9z4QgEvBRmfvqWvGp42t42nvgGpNgYSJA9iefm1yYNZKEm7z6qUWCroSQnE';
    await crypto.getByLabel('Bitcoin account key').fill(zprv);
    await crypto.getByLabel('USD per USDT (optional)').fill('1');
    await crypto.getByRole('button', { name: 'Save Crypto credentials' }).click();
    await expectText(crypto, 'private keys are never accepted');
    await expectText(crypto, 'Not configured');
    await crypto.getByLabel('Bitcoin account key').fill('');
    const xpub = PUBLISHED_ACCOUNT_KEYS.tron;
    await crypto.getByLabel('Tron account key').fill(xpub);
    // This server has no chain API for Tron: a key alone would take payments nothing could confirm,
    // so it is refused beside the key, saying what to do.
    await crypto.getByRole('button', { name: 'Save Crypto credentials' }).click();
    await expectText(crypto, 'No chain source watches Tron on this server');
    await expectText(crypto, 'CHAIN_TRON_API_URL');
    await expectText(crypto, 'Not configured');
    await screenshot('settings-credentials-no-chain-source');
    await crypto.getByLabel('Chain source URL').fill('https://chain.example.com');
    await crypto.getByRole('button', { name: 'Save Crypto credentials' }).click();
    await expectText(crypto.getByRole('status'), 'Crypto credentials saved.');
    await expectText(crypto, 'Configured');
    expect(await crypto.getByLabel('Tron account key').inputValue()).toBe('');
    expect(await page.content()).not.toContain(xpub);
    await screenshot('settings-credentials-saved');

    // Raise the minimum: mistakes are shown beside the field as typed, then it is saved.
    const usd = settings.limits('USD');
    await settings.minimum('USD').fill('10.005');
    await expectText(usd, 'USD has at most 2 decimals.');
    await settings.minimum('USD').fill('10.00');
    await expectText(usd, '= $10.00');
    await usd.getByRole('button', { name: 'Save USD limits' }).click();
    await expectText(usd.getByRole('status'), 'USD limits saved.');

    // Offer crypto, stop offering the sandbox card.
    await settings.offer('Crypto').check();
    expect(await settings.offer('Sandbox test card').isChecked()).toBe(true);
    await settings.offer('Sandbox test card').uncheck();
    await settings.saveMethods.click();
    await expectText(settings.methods.getByRole('status'), 'Methods saved.');
    expect(await settings.offer('Sandbox test card').isChecked()).toBe(false);
    expect(await settings.offer('Crypto').isChecked()).toBe(true);
    await screenshot('settings-saved');

    // Top Up now enforces the new minimum as it is typed, and offers crypto alone.
    const topUp = await openTopUp(page, shell);
    await topUp.amount.fill('9.99');
    await expect.poll(() => topUp.amountMessage()).toBe('The smallest top-up is $10.00.');
    await topUp.amount.fill('10');
    await expect.poll(() => topUp.amountMessage()).not.toBe('The smallest top-up is $10.00.');
    await expectVisible(topUp.method(/Crypto/));
    expect(await topUp.methods.getByRole('radio').count()).toBe(1);
    expect(await topUp.method(/sandbox/i).count()).toBe(0);
    await screenshot('top-up-after-settings');
  });
});
