import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PDFParse } from 'pdf-parse';
import { describe, expect } from 'vitest';
import { mineBlocks, sendCoins } from '../support/emulators/crypto-chain.js';
import { startStripeEmulator } from '../support/emulators/stripe.js';
import { BillingApi } from './support/billing-api.js';
import { launchChainApi, offerCrypto } from './support/chain-api.js';
import { expectHidden, expectText, expectVisible, UI_TIMEOUT_MS } from './support/expect-ui.js';
import { signedOutTest as test } from './support/fixtures.js';
import { signInAsAdmin, signInAsCustomerToInvoice } from './support/flows.js';
import { CryptoCheckout } from './support/pages/crypto-checkout.js';
import { InvoicesScreen } from './support/pages/invoices.js';

// Every test signs in to a hosted API: the console starts signed out, with no demo to load.

describe('invoices in the console', () => {
  test('staff create a draft, finalize it, fetch its PDF and void it', async ({
    api,
    host,
    page,
    screenshot,
  }) => {
    const admin = await api.createReseller('Invoicing Co');
    await api.createCustomer(admin, { name: 'Ada Lovelace', email: 'ada@example.com' });
    const shell = await signInAsAdmin(page, host, api, admin);
    await expectText(shell.syncStatus, 'Online');

    await shell.navLink('Invoices').click();
    const invoices = new InvoicesScreen(page);
    await invoices.createDraft('Ada Lovelace', { description: 'Hosting plan', unitPrice: '12.50' });
    // Sent through the outbox and confirmed: a draft the server holds, ready to finalize.
    await expectVisible(invoices.finalize);
    await expectText(invoices.status, 'Draft');
    await expectText(invoices.total, '$12.50');

    await invoices.finalize.click();
    await expectVisible(invoices.heading(/^Invoice INV-\d{4}-000001$/));
    await expectText(invoices.status, 'Unpaid');
    await expectText(invoices.amountDue, '$12.50');
    await screenshot('invoice-open');

    const [download] = await Promise.all([page.waitForEvent('download'), invoices.downloadPdf.click()]);
    const parser = new PDFParse({ data: new Uint8Array(await readFile((await download.path())!)) });
    const { text } = await parser.getText();
    await parser.destroy();
    expect(text).toMatch(/Invoice INV-\d{4}-000001/);
    expect(text).toContain('Total: 12.50 USD');

    // Open PDF: a new tab showing the same document (Electron opens the system's viewer instead).
    const opened = new PDFParse({ data: await invoices.openedPdf() });
    const openedText = (await opened.getText()).text;
    await opened.destroy();
    expect(openedText).toMatch(/Invoice INV-\d{4}-000001/);
    expect(openedText).toContain('Total: 12.50 USD');

    await invoices.voidIt();
    await expectText(invoices.status, 'Void');
    await expectText(invoices.amountDue, '$0.00');

    // The list names the customer of each invoice, linked to the customer's page.
    await shell.navLink('Invoices').click();
    await invoices.table.getByRole('link', { name: 'Ada Lovelace', exact: true }).click();
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Ada Lovelace' }));
  });

  test('a console in Vietnamese downloads the PDF in Vietnamese, whatever the customer’s language', async ({
    api,
    host,
    page,
  }) => {
    const admin = await api.createReseller('Invoicing Co');
    // No language chosen for Ada: the API alone would write her PDF in English.
    await api.createCustomer(admin, { name: 'Ada Lovelace', email: 'ada@example.com' });
    const shell = await signInAsAdmin(page, host, api, admin);
    await expectText(shell.syncStatus, 'Online');
    await shell.navLink('Invoices').click();
    const invoices = new InvoicesScreen(page);
    await invoices.createDraft('Ada Lovelace', { description: 'Hosting plan', unitPrice: '12.50' });
    await invoices.finalize.click();
    await expectVisible(invoices.heading(/^Invoice INV-\d{4}-000001$/));

    await page.getByRole('combobox', { name: 'Language' }).selectOption('vi');
    const download = page.getByRole('main').getByRole('button', { name: 'Tải PDF' });
    const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
    const parser = new PDFParse({ data: new Uint8Array(await readFile((await file.path())!)) });
    const text = (await parser.getText()).text.replace(/\s+/g, ' ');
    await parser.destroy();
    expect(text).toMatch(/Hóa đơn INV-\d{4}-000001/);
    expect(text).toContain('Khách hàng: Ada Lovelace <ada@example.com>');
    expect(text).toContain('Tổng cộng: 12,50 US$');
    expect(text).not.toContain('Total:');

    // The list's filters are kept when the language is switched back (they used to be cleared).
    await page.getByRole('navigation').first().getByRole('link', { name: 'Hóa đơn', exact: true }).click();
    const main = page.getByRole('main');
    await main.getByRole('combobox', { name: 'Trạng thái' }).selectOption('paid');
    await main.getByLabel('Từ ngày').fill('2020-01-02');
    await expectText(main, 'Không có hóa đơn nào khớp với bộ lọc');
    await page.getByRole('combobox', { name: /Language/ }).selectOption('en');
    expect(await main.getByRole('combobox', { name: 'Status' }).inputValue()).toBe('paid');
    expect(await main.getByLabel('From').inputValue()).toBe('2020-01-02');
    await expectText(main, 'No invoices match these filters');
  });

  test('staff record a bank transfer: asked how much, which reference and day, confirmed, then recorded', async ({
    api,
    host,
    page,
    screenshot,
  }) => {
    const admin = await api.createReseller('Transfer Co');
    const customerId = await api.createCustomer(admin, { name: 'Ada Lovelace', email: 'ada@example.com' });
    const walletId = await api.createWallet(admin, customerId, 'USD');
    const draft = await api.request<{ id: string }>('POST', `/v1/customers/${customerId}/invoices`, {
      token: admin.apiKey,
      body: { currency: 'USD', lines: [{ description: 'Support plan', quantity: 1, unitAmount: 10_000 }] },
    });
    const open = await api.request<{ id: string; number: string }>(
      'POST',
      `/v1/invoices/${draft.id}/finalize`,
      { token: admin.apiKey, idempotent: true, expect: 200 },
    );
    const shell = await signInAsAdmin(page, host, api, admin);
    await expectText(shell.syncStatus, 'Online');
    await shell.navLink('Invoices').click();
    const invoices = new InvoicesScreen(page);
    await invoices.table.getByRole('link', { name: open.number }).click();
    await expectText(invoices.status, 'Unpaid');

    // The click opens a form with the amount due; a reference is asked for before anything else.
    await invoices.recordTransfer.click();
    await expectText(invoices.transferDialog, 'Amount due: $100.00');
    expect(await invoices.transferDialog.getByLabel('Amount received').inputValue()).toBe('100');
    await invoices.transferDialog.getByRole('button', { name: 'Review transfer' }).click();
    await expectText(invoices.transferDialog, "Enter the bank's reference for the transfer.");
    await invoices.reviewTransfer({ amount: '120', reference: 'FT26001', receivedOn: '2026-12-04' });
    await expectText(invoices.transferDialog, 'More than the amount due: record at most $100.00.');

    // Less than due: the confirmation says what the ledger will show, and nothing is recorded yet.
    await invoices.reviewTransfer({ amount: '40', reference: 'FT26001', receivedOn: '2026-12-04' });
    await expectText(
      invoices.transferDialog.getByTestId('transfer-confirmation'),
      "$40.00 arrived by bank transfer FT26001 on Dec 4, 2026. The customer's USD wallet is credited $40.00 and the invoice paid from it. $60.00 stays due on the invoice.",
    );
    await screenshot('invoice-transfer-confirm');
    expect(await api.transactions(admin, walletId)).toEqual([]);
    await invoices.transferDialog.getByRole('button', { name: 'Record $40.00' }).click();

    await expectText(invoices.status, 'Partially paid');
    await expectText(invoices.amountDue, '$60.00');
    await expectText(invoices.payments, 'Bank transfer FT26001, arrived Dec 4, 2026');
    await expectHidden(invoices.transferDialog);
    const history = await api.transactions(admin, walletId);
    expect(history.map((t) => [t.type, t.amount]).sort()).toEqual([
      ['payment', -4_000],
      ['top_up', 4_000],
    ]);
    const audit = await api.request<{ items: Array<{ after: Record<string, unknown> }> }>(
      'GET',
      `/v1/audit?action=invoice.marked_paid&entity=${open.id}`,
      { token: admin.apiKey },
    );
    expect(audit.items.map((r) => r.after)).toMatchObject([
      { amount: 4_000, currency: 'USD', bankReference: 'FT26001', receivedOn: '2026-12-04' },
    ]);
    // The audit trail reads it as staff gave it: the invoice by number, money in its currency.
    await shell.go('Audit trail');
    const row = page.getByTestId('audit-row').filter({ hasText: 'Invoice marked paid' });
    await expectText(row, `Invoice ${open.number}`);
    await expectText(
      row,
      /Status\s*Partly paid\s*Amount\s*\$40\.00\s*Paid\s*\$40\.00\s*Bank reference\s*FT26001\s*Arrived on\s*Dec 4, 2026/,
    );
  });

  test('a customer pays an open invoice from the wallet in My Invoices', async ({
    api,
    host,
    page,
    screenshot,
  }) => {
    const admin = await api.createReseller('Wallet Pay Co');
    // The sandbox test card beside the wallet: a checkout opened first, then the wallet chosen.
    await api.turnOnTestMode(admin);
    const customerId = await api.createCustomer(admin, { name: 'Grace Hopper', email: 'grace@example.com' });
    const walletId = await api.createWallet(admin, customerId, 'USD');
    await api.credit(admin, walletId, 5_000, 'Opening balance');
    const open = await api.openInvoice(admin, customerId, {
      currency: 'USD',
      description: 'Domain renewal',
      quantity: 2,
      unitAmount: 1_000,
    });
    const customer = { admin, customerId, email: 'grace.login@example.com' };
    const { invoices } = await signInAsCustomerToInvoice(api, host, page, customer, open.number);
    await expectText(invoices.status, 'Unpaid');
    await page.getByLabel('Payment method').selectOption({ label: 'Sandbox test card' });
    await page.getByRole('button', { name: 'Pay by this method' }).click();
    const openPage = page.getByRole('button', { name: 'Open the payment page' });
    await expectVisible(openPage);
    const { pendingPaymentId: checkout } = await api.request<{ pendingPaymentId: string }>(
      'GET',
      `/v1/invoices/${open.id}`,
      { token: admin.apiKey },
    );
    // Nothing moves before the payer has seen which wallet pays and what it holds.
    await invoices.payFromWallet.click();
    const confirm = page.getByRole('dialog', { name: 'Pay from the wallet?' });
    await expectText(
      confirm,
      '$20.00 goes from Grace Hopper · USD wallet to this invoice ($50.00 available).',
    );
    await expectText(invoices.status, 'Unpaid');
    await confirm.getByRole('button', { name: 'Pay $20.00' }).click();
    await expectText(invoices.status, 'Paid');
    await expectText(page.getByRole('status'), 'Paid $20.00 from Grace Hopper · USD wallet.');
    await expectText(invoices.amountDue, '$0.00');
    // The card checkout opened first is cancelled with it: it can no longer be opened and paid.
    await expectText(page.getByTestId('top-up-status'), 'The payment was cancelled before it was paid.');
    await expectHidden(openPage);
    await screenshot('invoice-paid');
    const payment = await api.request<{ status: string }>('GET', `/v1/payments/${checkout}`, {
      token: admin.apiKey,
    });
    expect(payment.status).toBe('cancelled');

    const history = await api.transactions(admin, walletId);
    expect(history.map((t) => [t.type, t.amount])).toContainEqual(['payment', -2_000]);
  });

  test('a customer pays an invoice by crypto QR: Processing while unconfirmed, then Paid', async ({
    workdir,
    host,
    page,
  }) => {
    const { chain, api, close } = await launchChainApi(workdir, 'billing-crypto.sqlite');
    try {
      const admin = await api.createReseller('Crypto Invoices');
      await offerCrypto(api, admin, { USDT: '1', BTC: '50000', ETH: '2500' });
      const customerId = await api.createCustomer(admin, {
        name: 'Satoshi Tanaka',
        email: 'satoshi@example.com',
      });
      const open = await api.openInvoice(admin, customerId, {
        currency: 'USD',
        description: 'Proxy plan',
        unitAmount: 2_500,
      });
      const customer = { admin, customerId, email: 'satoshi.login@example.com' };
      const { invoices } = await signInAsCustomerToInvoice(api, host, page, customer, open.number);
      await expectText(invoices.status, 'Unpaid');
      await page.getByLabel('Payment method').selectOption({ label: 'Crypto' });
      await page.getByLabel('Coin').selectOption({ label: 'USDT on Tron (TRC-20)' });
      await page.getByRole('button', { name: 'Pay by this method' }).click();

      const crypto = new CryptoCheckout(page);
      await expectVisible(crypto.qrCode);
      const alt = (await crypto.qrCode.getAttribute('alt')) ?? '';
      const address = /to (T[1-9A-HJ-NP-Za-km-z]{33})$/.exec(alt)?.[1];
      expect(address).toBeDefined();
      await expectText(crypto.amount, '25.000000 USDT');

      await sendCoins(chain.url, address!, '25');
      await mineBlocks(chain.url, 1);
      await expectText(invoices.status, 'Processing');
      await mineBlocks(chain.url, 2);
      await expectText(invoices.status, 'Paid');
      await expectText(invoices.amountDue, '$0.00');
      // Told as the invoice's payment, not as a top-up of the wallet.
      await expectText(page.getByTestId('top-up-status'), 'Payment of $25.00 for this invoice received.');
      await expectText(
        page.getByTestId('payment-notice'),
        `Payment of $25.00 for invoice ${open.number} received.`,
      );
    } catch (error) {
      console.error(`--- billing API output ---\n${api.output()}`);
      throw error;
    } finally {
      await close();
    }
  });

  test('while its saved card is charged for the rest, an auto-pay invoice reads Processing with no Pay or Void; a void asked before is refused in words', async ({
    workdir,
    host,
    page,
  }) => {
    const keys = {
      secretKey: 'sk_test_51ChargingCard',
      webhookSecret: 'whsec_charging',
      accountId: 'acct_1ChargingCard',
    };
    const stripe = await startStripeEmulator({
      secretKey: keys.secretKey,
      accountId: keys.accountId,
      webhook: { secret: keys.webhookSecret },
    });
    const api = new BillingApi({
      cwd: workdir,
      dbFile: join(workdir, 'billing-card.sqlite'),
      env: { GATEWAY_STRIPE_API_BASE_URL: stripe.baseUrl, OUTBOUND_ALLOW_PRIVATE_NETWORKS: 'true' },
    });
    api.launch();
    let held: ReturnType<typeof stripe.holdCharges> | undefined;
    try {
      const admin = await api.createReseller('Card Invoices');
      await api.offerMethod(admin, 'stripe', keys, {
        enabled: true,
        label: 'Card',
        feeBasisPoints: 0,
        processingTime: 'Instant',
      });
      stripe.setWebhookUrl(`${api.url}/v1/webhooks/stripe/${admin.resellerId}`);
      const customerId = await api.createCustomer(admin, { name: 'Ada Lovelace', email: 'ada@example.com' });
      const walletId = await api.createWallet(admin, customerId, 'USD');
      const payer = await api.request<{ id: string }>('POST', `/v1/customers/${customerId}/payers`, {
        token: admin.apiKey,
        body: { name: 'Accounts payable' },
      });
      // The card is saved as a payer saves one: a $10.00 top-up paid on the hosted page, "save" ticked.
      const saving = await api.request<{ checkout: { url: string } }>(
        'POST',
        `/v1/wallets/${walletId}/top-ups`,
        {
          token: admin.apiKey,
          idempotent: true,
          body: { amount: 1_000, provider: 'stripe', payerId: payer.id, saveMethod: true },
        },
      );
      await stripe.pay(saving.checkout.url.split('/').pop()!, { last4: '4242' });
      const methods = () =>
        api.request<{ items: Array<{ status: string }> }>(
          'GET',
          `/v1/customers/${customerId}/payment-methods`,
          {
            token: admin.apiKey,
          },
        );
      await expect
        .poll(async () => (await methods()).items.map((m) => m.status), { timeout: UI_TIMEOUT_MS })
        .toEqual(['confirmed']);
      // $35.00 with auto-pay: at finalize the wallet pays its $10.00, the saved card the rest.
      const draft = await api.request<{ id: string }>('POST', `/v1/customers/${customerId}/invoices`, {
        token: admin.apiKey,
        body: {
          currency: 'USD',
          autoPay: true,
          // Long past: while its card is being charged it is still not flagged Overdue.
          dueDate: '2020-01-02',
          lines: [{ description: 'Proxy plan', quantity: 1, unitAmount: 3_500 }],
        },
      });

      const shell = await signInAsAdmin(page, host, api, admin);
      await expectText(shell.syncStatus, 'Online');
      await shell.navLink('Invoices').click();
      const invoices = new InvoicesScreen(page);
      await invoices.table.getByRole('link', { name: 'Draft' }).click();
      await expectText(invoices.status, 'Draft');
      // Staff are about to void the draft when it is finalized elsewhere and the card charged.
      await invoices.voidInvoice.click();
      const voidDialog = page.getByRole('dialog', { name: 'Void this invoice?' });
      await expectVisible(voidDialog);

      held = stripe.holdCharges();
      const finalized = api.request<{ number: string; status: string }>(
        'POST',
        `/v1/invoices/${draft.id}/finalize`,
        { token: admin.apiKey, idempotent: true, expect: 200 },
      );
      await held.reached;
      await expectText(invoices.status, 'Processing');
      await expectText(invoices.amountDue, '$25.00');
      await expectHidden(page.getByRole('main').getByText('Overdue', { exact: true }));

      // The void asked for before is refused, worded as a void that waits (not as a payment refused):
      // the card's money would otherwise only fill the wallet.
      await voidDialog.getByRole('button', { name: 'Void' }).click();
      await expectText(
        page.getByRole('main'),
        /Invoice INV-\d{4}-000001 cannot be voided while payment \S+ is being confirmed by its provider; try again once it ends\./,
      );
      await expectHidden(page.getByText(/takes no other payment/));
      await expectText(invoices.status, 'Processing');
      // Nothing is offered that the API would refuse while the card is being charged.
      await expectHidden(invoices.voidInvoice);
      await expectHidden(invoices.payFromWallet);
      await expectHidden(page.getByRole('button', { name: 'Pay by this method' }));
      await expectHidden(invoices.recordTransfer);

      held.answer();
      expect(await finalized).toMatchObject({ status: 'paid' });
      await expectText(invoices.status, 'Paid');
      await expectText(invoices.amountDue, '$0.00');
    } finally {
      held?.answer();
      await api.stop();
      await stripe.close();
    }
  });
});
