import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { expectHidden, expectText, expectVisible, textOf, UI_TIMEOUT_MS } from './support/expect-ui.js';
import { ARTIFACTS_DIR, signedOutTest as test, type E2EFixtures } from './support/fixtures.js';
import { openTopUp, signInWithFundedWallet } from './support/flows.js';
import { PaymentSettingsScreen } from './support/pages/payment-settings.js';
import {
  PaymentScreen,
  PaymentsScreen,
  SandboxCheckoutPage,
  type TopUpScreen,
} from './support/pages/top-up.js';
import { WalletScreen } from './support/pages/wallet.js';

// Every test signs in to a hosted API: the console starts signed out, with no demo to load.

/**
 * A reseller admin with one customer whose USD wallet holds $50.00, signed in, on the Top Up screen.
 * Test mode (the sandbox) is off for a new reseller: the admin turns it on through the API, or
 * (`viaSettings`) on the Payment settings screen, where it is said to be a test.
 */
async function signInAndOpenTopUp(
  api: E2EFixtures['api'],
  host: E2EFixtures['host'],
  page: Page,
  options: { viaSettings?: boolean; screenshot?: E2EFixtures['screenshot'] } = {},
) {
  const { shell } = await signInWithFundedWallet(
    api,
    host,
    page,
    'Northwind Proxies',
    { name: 'Ada Lovelace', email: 'ada@example.com' },
    { testMode: !options.viaSettings },
  );
  if (options.viaSettings) {
    await shell.navLink('Payment settings').click();
    const settings = new PaymentSettingsScreen(page);
    await expectVisible(settings.heading);
    await expectText(settings.testModeNote(), 'Test mode — payments are not real');
    expect(await settings.offer('Sandbox test card').isChecked()).toBe(false);
    await settings.offer('Sandbox test card').check();
    await settings.saveMethods.click();
    await expectText(settings.methods.getByRole('status'), 'Methods saved.');
    expect(await settings.offer('Sandbox test card').isChecked()).toBe(true);
    await expectText(settings.testModeNote(), 'Test mode — payments are not real');
    await options.screenshot?.('settings-test-mode');
  }
  return { shell, topUp: await openTopUp(page, shell) };
}

/** A screenshot of the gateway's page (not the console's), kept with the others as an artifact. */
async function checkoutShot(checkout: SandboxCheckoutPage, name: string): Promise<void> {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  await checkout.page.screenshot({
    path: join(ARTIFACTS_DIR, `top-up-sandbox--${name}.png`),
    fullPage: true,
  });
}

/** Presses Pay on the Top Up screen and returns the hosted checkout the console opened for it. */
async function payAndFollowToCheckout(page: Page, topUp: TopUpScreen): Promise<SandboxCheckoutPage> {
  const opened = page.context().waitForEvent('page', { timeout: UI_TIMEOUT_MS });
  await topUp.submit.click();
  const checkout = await opened;
  await checkout.waitForLoadState();
  expect(checkout.url()).toMatch(/\/sandbox\/checkout\/sbx_/);
  return new SandboxCheckoutPage(checkout);
}

describe('topping up through the sandbox gateway', () => {
  test('a card top-up paid on the hosted page raises the balance in the header, marked as a test everywhere', async ({
    api,
    host,
    page,
    screenshot,
  }) => {
    // The admin turns test mode on in Payment settings, then, from the Wallet page: the Top Up screen,
    // with presets and the limits checked as they are typed.
    const { shell, topUp } = await signInAndOpenTopUp(api, host, page, { viaSettings: true, screenshot });
    await expectVisible(topUp.heading);
    // Asked to pay nothing: it says what is missing and takes the person to the amount.
    await topUp.submit.click();
    await expect.poll(() => topUp.amountMessage(), { timeout: UI_TIMEOUT_MS }).toBe('Enter an amount.');
    await expect
      .poll(() => topUp.amount.evaluate((el) => el === el.ownerDocument.activeElement), {
        timeout: UI_TIMEOUT_MS,
      })
      .toBe(true);
    await topUp.amount.fill('0.1');
    await expect.poll(() => topUp.amountMessage()).toBe('The smallest top-up is $0.50.');
    await topUp.amount.fill('20000');
    await expect.poll(() => topUp.amountMessage()).toBe('The largest top-up is $15,000.00.');
    await screenshot('top-up-limit');
    await topUp.preset('$100.00').click();
    expect(await topUp.amount.inputValue()).toBe('100');
    expect(await topUp.preset('$100.00').getAttribute('aria-pressed')).toBe('true');
    // The method says it is a test, and so does the form once it is chosen.
    await topUp.method(/Sandbox test card.*Test mode/).check();
    await expectText(topUp.testModeBanner, 'Test mode — payments are not real');
    // No payer yet: no "Save this method" the API would refuse, but how to add one.
    await expectHidden(topUp.saveMethod);
    await expectText(topUp.savesNeedPayer, 'add a payer first');
    await screenshot('top-up-form');

    // Pay: the hosted page opens in a page of its own, and the console waits for the payment.
    const checkout = await payAndFollowToCheckout(page, topUp);
    await expectVisible(topUp.waiting);
    await expectVisible(topUp.openPaymentPage);
    await screenshot('top-up-waiting');
    await expectText(checkout.testModeBanner, 'TEST MODE — no real money');
    await checkoutShot(checkout, 'sandbox-checkout');
    await checkout.press('Pay');
    await expectText(checkout.status, 'Payment received');
    await expectText(checkout.testModeBanner, 'TEST MODE — no real money');
    await checkoutShot(checkout, 'sandbox-checkout-paid');

    // The console learns it from the server: paid, the new balance, a notice.
    await expectText(topUp.status, 'Top-up of $100.00 paid. New balance: $150.00.');
    await expectText(shell.balance, '$150.00');
    await expectText(page.getByTestId('payment-notice'), 'Top-up of $100.00 paid.');
    await screenshot('top-up-paid');

    // The Payments screen lists it as paid.
    await shell.navLink('Payments').click();
    const payments = new PaymentsScreen(page);
    await expectVisible(payments.heading);
    await expectText(payments.rows, /\$100\.00.*Sandbox test card/);
    await expectText(payments.rows, 'Paid');
    await expectText(payments.rows, 'Test');
    await screenshot('payments');

    // Its own page says it is a test too.
    await payments.open(payments.rows.first()).click();
    const detail = new PaymentScreen(page);
    await expectVisible(detail.heading);
    await expectText(detail.summary, /\$100\.00.*Sandbox test card.*Paid.*Test/);
    await screenshot('payment-test');

    // And so does its ledger row in the wallet's history.
    await shell.go('Wallet');
    const wallet = new WalletScreen(page);
    const row = wallet.historyRow('Test top-up via Sandbox test card');
    await expectText(row, /\$100\.00.*Completed.*Test.*Test top-up/);
    await screenshot('wallet-history-test');
  });

  test('a declined card ends in a clear message and a way to try again, with nothing credited', async ({
    api,
    host,
    page,
    screenshot,
  }) => {
    const { shell, topUp } = await signInAndOpenTopUp(api, host, page);
    await topUp.amount.fill('25');
    await topUp.method(/Sandbox test card/).check();

    const checkout = await payAndFollowToCheckout(page, topUp);
    await expectVisible(topUp.waiting);
    await checkout.press('Decline');
    await expectText(checkout.status, 'declined');
    await checkoutShot(checkout, 'sandbox-checkout-declined');

    // Said once, from the payment's failure code: not "The payment failed. The payment was declined."
    await expectText(topUp.status, 'The payment was declined. Nothing was charged to your wallet.');
    expect(await textOf(topUp.status)).not.toContain('The payment failed.');
    await expectVisible(topUp.tryAgain);
    await expectText(page.getByTestId('payment-notice'), 'Top-up of $25.00 failed');
    await expectText(shell.balance, '$50.00');
    await screenshot('top-up-declined');

    await topUp.tryAgain.click();
    await expectVisible(topUp.form);
  });
});
