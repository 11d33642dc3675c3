import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { expectHidden, expectText, expectVisible, UI_TIMEOUT_MS } from './support/expect-ui.js';
import { signedOutTest as test } from './support/fixtures.js';
import { openTopUp, signInWithFundedWallet } from './support/flows.js';
import { InvoicesScreen } from './support/pages/invoices.js';
import { PaymentScreen, PaymentsScreen, SandboxCheckoutPage } from './support/pages/top-up.js';

// Every test signs in to a hosted API: the console starts signed out, with no demo to load.

const BANK = 'Northwind Bank, IBAN DE89 3704 0044 0532 0130 00';

/** Chooses a method on the Top Up screen and presses its button; answers the page it opened, if any. */
async function topUpWith(page: Page, amount: string, method: string | RegExp, button: RegExp) {
  const form = page.getByRole('main').getByRole('form', { name: 'Top up' });
  await form.getByLabel('Amount', { exact: true }).fill(amount);
  await form.getByRole('group', { name: 'Payment method' }).getByRole('radio', { name: method }).check();
  await form.getByRole('button', { name: button }).click();
}

describe('invoices a customer asks for', () => {
  test('"Invoice" on Top Up: an open invoice with the bank details and reference; the transfer recorded credits once', async ({
    api,
    host,
    page,
    screenshot,
  }) => {
    const { admin, walletId, shell } = await signInWithFundedWallet(api, host, page, 'Northwind Proxies', {
      name: 'Ada Lovelace',
      email: 'ada@example.com',
    });
    await api.request('PUT', '/v1/invoice-settings', {
      token: admin.apiKey,
      body: { prefix: 'NW-{YYYY}-' },
    });
    // The admin offers the method on Payment settings, with the bank details it prints.
    await shell.navLink('Payment settings').click();
    const section = page.getByRole('region', { name: 'Invoice (bank transfer)' });
    await section.getByLabel('Bank details').fill(BANK);
    await section.getByRole('checkbox', { name: /Offer “Invoice \(bank transfer\)” on Top Up/ }).check();
    await section.getByRole('button', { name: 'Save invoice settings' }).click();
    await expectText(section, 'Invoice settings saved.');
    await openTopUp(page, shell);
    await topUpWith(page, '120', /Invoice \(bank transfer\)/, /^Get an invoice for \$120\.00$/);

    const invoices = new InvoicesScreen(page);
    await expectVisible(invoices.heading(/^Invoice NW-\d{4}-000001$/));
    await expectText(invoices.status, 'Unpaid');
    await expectText(invoices.amountDue, '$120.00');
    const main = page.getByRole('main');
    await expectText(main, BANK);
    await expectText(main, /Reference: NW-\d{4}-000001/);
    await screenshot('invoice-top-up');
    // Paid by that transfer only: neither the wallet it fills nor a gateway is offered (the API refuses both).
    await expectHidden(invoices.payFromWallet);
    await expectHidden(main.getByRole('button', { name: 'Pay by this method' }));

    // The transfer arrives: staff record it with the bank's reference, and confirm.
    await invoices.recordTransfer.click();
    const today = new Date().toISOString().slice(0, 10);
    await invoices.reviewTransfer({ amount: '120', reference: 'FT26120', receivedOn: today });
    await invoices.transferDialog.getByRole('button', { name: 'Record $120.00' }).click();
    await expectText(invoices.status, 'Paid');
    await expectText(invoices.amountDue, '$0.00');
    const wallet = await api.request<{ balance: number }>('GET', `/v1/wallets/${walletId}`, {
      token: admin.apiKey,
    });
    expect(wallet.balance).toBe(5_000 + 12_000);
  });

  test('a paid test-mode top-up: "Request invoice" issues a paid receipt marked as a test, numbered apart, linked from then on', async ({
    api,
    host,
    page,
  }) => {
    const { shell } = await signInWithFundedWallet(
      api,
      host,
      page,
      'Receipts Co',
      { name: 'Grace Hopper', email: 'grace@example.com' },
      { testMode: true },
    );
    await openTopUp(page, shell);
    const opened = page.context().waitForEvent('page', { timeout: UI_TIMEOUT_MS });
    await topUpWith(page, '100', /Sandbox test card/, /^Pay /);
    const checkout = new SandboxCheckoutPage(await opened);
    await checkout.page.waitForLoadState();
    await checkout.press('Pay');
    await expectText(checkout.status, 'Payment received');
    await checkout.page.close();
    await expectText(shell.balance, '$150.00');

    await shell.navLink('Payments').click();
    const payments = new PaymentsScreen(page);
    await expectText(payments.rows, 'Paid');
    await payments.open(payments.rows.first()).click();
    const detail = new PaymentScreen(page);
    await expectVisible(detail.heading);
    await page.getByRole('button', { name: 'Request invoice' }).click();

    const invoices = new InvoicesScreen(page);
    // A sandbox top-up moved no real money: its receipt is a test one, not a number of the real series.
    await expectVisible(invoices.heading(/^Invoice TEST-\d{4}-000001$/));
    await expectText(invoices.status, /Paid.*Test/);
    await expectText(page.getByTestId('invoice-test-note'), 'no real money was paid');
    await expectText(invoices.payments, /Sandbox test card.*Test/);
    await expectText(invoices.total, '$100.00');
    await expectText(invoices.amountDue, '$0.00');

    // Back on the payment, the invoice is linked instead of requested again.
    await page.goBack();
    await expectVisible(detail.heading);
    const region = page.getByRole('region', { name: 'Invoice' });
    await expectVisible(region.getByRole('link', { name: /^TEST-\d{4}-000001$/ }));
    expect(await page.getByRole('button', { name: 'Request invoice' }).count()).toBe(0);

    // The Invoices list marks it as a test too.
    await shell.navLink('Invoices').click();
    const row = invoices.table.getByRole('row', { name: /TEST-\d{4}-000001/ });
    await expectText(row, /Paid.*Test/);
  });
});
