import { readFile } from 'node:fs/promises';
import { PDFParse } from 'pdf-parse';
import { describe, expect } from 'vitest';
import { expectText, expectVisible } from './support/expect-ui.js';
import { test } from './support/fixtures.js';
import { signInAsAdmin, signInToHostedApi } from './support/flows.js';
import { InvoicesScreen } from './support/pages/invoices.js';

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

    await invoices.voidIt();
    await expectText(invoices.status, 'Void');
    await expectText(invoices.amountDue, '$0.00');
  });

  test('a customer pays an open invoice from the wallet in My Invoices', async ({
    api,
    host,
    page,
    screenshot,
  }) => {
    const admin = await api.createReseller('Wallet Pay Co');
    const customerId = await api.createCustomer(admin, { name: 'Grace Hopper', email: 'grace@example.com' });
    const walletId = await api.createWallet(admin, customerId, 'USD');
    await api.credit(admin, walletId, 5_000, 'Opening balance');
    const draft = await api.request<{ id: string }>('POST', `/v1/customers/${customerId}/invoices`, {
      token: admin.apiKey,
      body: { currency: 'USD', lines: [{ description: 'Domain renewal', quantity: 2, unitAmount: 1_000 }] },
    });
    const open = await api.request<{ number: string }>('POST', `/v1/invoices/${draft.id}/finalize`, {
      token: admin.apiKey,
      idempotent: true,
      expect: 200,
    });
    const login = { email: 'grace.login@example.com', password: 'correct horse battery staple' };
    await api.request('POST', '/v1/users', {
      token: admin.apiKey,
      body: { ...login, role: 'customer', customerId },
    });
    const shell = await signInToHostedApi(page, host, { url: api.url, ...login });
    await expectText(shell.syncStatus, 'Online');

    await shell.navLink('My Invoices').click();
    const invoices = new InvoicesScreen(page);
    await expectText(invoices.table, /Unpaid/);
    await invoices.table.getByRole('link', { name: open.number }).click();
    await expectText(invoices.status, 'Unpaid');
    await invoices.payFromWallet.click();
    await expectText(invoices.status, 'Paid');
    await expectText(invoices.amountDue, '$0.00');
    await screenshot('invoice-paid');

    const history = await api.transactions(admin, walletId);
    expect(history.map((t) => [t.type, t.amount])).toContainEqual(['payment', -2_000]);
  });
});
