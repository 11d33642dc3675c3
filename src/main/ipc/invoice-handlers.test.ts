import { afterEach, describe, expect, it } from 'vitest';
import type { Invoice } from '../../shared/api/invoices.js';
import type { Session } from '../../shared/ipc-contract.js';
import { testInvoice } from '../../shared/testing/records.js';
import type { ApiClient } from '../api/client.js';
import {
  created,
  handlerWorld,
  TEST_ACCOUNT as ACCOUNT,
  testCustomer,
  testWallet,
} from '../testing/handler-world.js';

/** A draft for USD 22.00, as the API answers creating the one DRAFT below describes. */
const serverInvoice = (over: Partial<Invoice> = {}): Invoice =>
  testInvoice({
    number: null,
    status: 'draft',
    currency: 'USD',
    lines: [{ description: 'Hosting', quantity: 2, unitAmount: 1_000, taxRateBps: 1_000, amount: 2_000 }],
    subtotal: 2_000,
    tax: 200,
    total: 2_200,
    amountDue: 2_200,
    issuedAt: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...over,
  });

const world = (role: Session['role'], client: Partial<ApiClient> = {}) =>
  handlerWorld(role, { client, changes: created({ entity: 'customer', data: testCustomer() }) });

let w: ReturnType<typeof world>;
afterEach(() => w?.close());

const DRAFT = {
  customerId: 'cus_1',
  currency: 'USD',
  lines: [{ description: 'Hosting', quantity: 2, unitAmount: 1_000, taxRateBps: 1_000 }],
};

describe('invoice handlers', () => {
  it('a draft is queued (offline too), listed as pending, then sent and cached as the server answered', async () => {
    const sent: unknown[] = [];
    w = world('reseller_admin', {
      createInvoice: async (customerId: string, body: unknown, key: string) => {
        sent.push({ customerId, body, key });
        return serverInvoice();
      },
    });
    const queued = await w.call('invoices:create-draft', DRAFT);
    expect(queued).toMatchObject({
      ok: true,
      value: {
        kind: 'invoice.create',
        state: 'pending',
        payload: { localId: expect.stringMatching(/^local_inv_/) },
      },
    });
    const listed = await w.call('invoices:list', {});
    expect(listed).toMatchObject({ ok: true, value: [{ status: 'draft', pending: true, subtotal: 2_000 }] });
    // Queued: there is nothing on the server to finalize yet.
    const localId = (queued as { value: { payload: { localId: string } } }).value.payload.localId;
    expect(await w.call('invoices:finalize', { invoiceId: localId })).toMatchObject({
      ok: false,
      error: { code: 'not_sent' },
    });

    await w.startEngine().idle();
    const key = (sent as Array<{ key: string }>)[0]?.key;
    expect(key).toMatch(/^idem_/);
    expect(sent).toEqual([{ customerId: 'cus_1', body: { currency: 'USD', lines: DRAFT.lines }, key }]);
    expect(w.outbox.list(ACCOUNT)).toEqual([]);
    expect(await w.call('invoices:list', {})).toMatchObject({
      ok: true,
      value: [{ id: 'inv_1', pending: false, total: 2_200, customerName: testCustomer().name }],
    });
    // The local id leads to the server's invoice.
    expect(await w.call('invoices:get', { invoiceId: localId })).toMatchObject({
      ok: true,
      value: { id: 'inv_1' },
    });
  });

  it('roles: support agents write no invoice, customers neither draft nor finalize nor void', async () => {
    w = world('support_agent');
    expect(await w.call('invoices:create-draft', DRAFT)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await w.call('invoices:pay-wallet', { invoiceId: 'inv_1' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    w.close();
    w = world('customer');
    expect(await w.call('invoices:create-draft', DRAFT)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await w.call('invoices:finalize', { invoiceId: 'inv_1' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await w.call('invoices:void', { invoiceId: 'inv_1' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('refuses bad input naming the field, and queues nothing', async () => {
    w = world('reseller_admin');
    expect(await w.call('invoices:create-draft', { ...DRAFT, lines: [] })).toMatchObject({
      ok: false,
      error: { code: 'validation', field: 'lines' },
    });
    expect(
      await w.call('invoices:create-draft', {
        ...DRAFT,
        lines: [{ description: 'x', quantity: 1, unitAmount: 1.5 }],
      }),
    ).toMatchObject({ ok: false, error: { code: 'validation', field: 'lines.0.unitAmount' } });
    expect(w.outbox.list(ACCOUNT)).toEqual([]);
  });

  it('a wallet payment answered by the API goes into the cache', async () => {
    const paid = serverInvoice({
      number: 'INV-2026-000001',
      status: 'paid',
      amountPaid: 2_200,
      amountDue: 0,
    });
    w = world('customer', { payInvoiceFromWallet: async () => paid });
    expect(await w.call('invoices:pay-wallet', { invoiceId: 'inv_1' })).toMatchObject({
      ok: true,
      value: paid,
    });
    expect(w.cache.invoice('inv_1')).toEqual(paid);
  });

  it('staff record a bank transfer: the paid invoice goes into the cache; support agents may not', async () => {
    const paid = serverInvoice({
      number: 'INV-2026-000002',
      status: 'paid',
      amountPaid: 2_200,
      amountDue: 0,
    });
    const sent: unknown[] = [];
    w = world('reseller_admin', {
      markInvoicePaid: async (invoiceId: string, body: unknown) => {
        sent.push({ invoiceId, body });
        return paid;
      },
    });
    const transfer = { amount: 2_200, reference: 'BANK-1', receivedOn: '2026-03-02' };
    expect(await w.call('invoices:mark-paid', { invoiceId: 'inv_1', ...transfer })).toMatchObject({
      ok: true,
      value: paid,
    });
    expect(sent).toEqual([{ invoiceId: 'inv_1', body: transfer }]);
    // An amount that is not minor units, or a day that is not one, never reaches the API.
    for (const [bad, field] of [
      [{ amount: 12.5 }, 'amount'],
      [{ receivedOn: '2/3/2026' }, 'receivedOn'],
    ] as const) {
      expect(await w.call('invoices:mark-paid', { invoiceId: 'inv_1', ...bad })).toMatchObject({
        ok: false,
        error: { code: 'validation', field },
      });
    }
    expect(sent).toHaveLength(1);
    expect(w.cache.invoice('inv_1')).toEqual(paid);
    w.close();
    w = world('support_agent');
    expect(await w.call('invoices:mark-paid', { invoiceId: 'inv_1' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('a customer requests the receipt of a paid top-up: cached, then found again by its payment', async () => {
    const receipt = serverInvoice({
      id: 'inv_r1',
      number: 'INV-2026-000007',
      status: 'paid',
      amountPaid: 2_200,
      amountDue: 0,
      receiptPaymentId: 'pay_1',
    });
    const asked: string[] = [];
    w = world('customer', {
      requestReceiptInvoice: async (paymentId: string) => {
        asked.push(paymentId);
        return receipt;
      },
    });
    expect(await w.call('invoices:receipt-of', { paymentId: 'pay_1' })).toEqual({ ok: true, value: null });
    expect(await w.call('invoices:request-receipt', { paymentId: 'pay_1' })).toMatchObject({
      ok: true,
      value: receipt,
    });
    expect(asked).toEqual(['pay_1']);
    expect(await w.call('invoices:receipt-of', { paymentId: 'pay_1' })).toEqual({ ok: true, value: receipt });
    expect(await w.call('invoices:receipt-of', { paymentId: 'pay_2' })).toEqual({ ok: true, value: null });
    w.close();
    w = world('support_agent');
    expect(await w.call('invoices:request-receipt', { paymentId: 'pay_1' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('"Invoice" on Top Up: the open invoice for the amount is asked for online and cached', async () => {
    const open = serverInvoice({
      id: 'inv_t1',
      number: 'INV-2026-000009',
      status: 'open',
      topUpWalletId: 'wal_1',
      memo: 'Pay by bank transfer to: Acme Bank\nReference: INV-2026-000009',
    });
    const sent: unknown[] = [];
    w = handlerWorld('customer', {
      client: {
        topUpInvoice: async (walletId: string, amount: number, key: string) => {
          sent.push({ walletId, amount, key: typeof key });
          return open;
        },
      },
      changes: created(
        { entity: 'customer', data: testCustomer() },
        { entity: 'wallet', data: testWallet() },
      ),
    });
    expect(await w.call('invoices:top-up', { walletId: testWallet().id, amount: 12_345 })).toMatchObject({
      ok: true,
      value: open,
    });
    expect(sent).toEqual([{ walletId: testWallet().id, amount: 12_345, key: 'string' }]);
    expect(w.cache.invoice('inv_t1')).toEqual(open);
  });

  it('Electron saves or opens the PDF the API rendered; without a document host it says to download', async () => {
    const pdf = Buffer.from('%PDF-1.3 INV-2026-000002');
    const saved: Array<{ name: string; bytes: string }> = [];
    const opened: Array<{ name: string; bytes: string }> = [];
    w = handlerWorld('customer', {
      client: { invoicePdf: async () => pdf.toString('base64') },
      changes: created({ entity: 'customer', data: testCustomer() }),
      documents: {
        save: async (name, bytes) => {
          saved.push({ name, bytes: bytes.toString() });
          return `/home/ada/${name}`;
        },
        open: async (name, bytes) => {
          opened.push({ name, bytes: bytes.toString() });
          return true;
        },
        choose: async () => null,
      },
    });
    w.cache.putInvoice(serverInvoice({ number: 'INV-2026-000002', status: 'open' }));
    expect(await w.call('invoices:save-pdf', { invoiceId: 'inv_1' })).toEqual({
      ok: true,
      value: { path: '/home/ada/INV-2026-000002.pdf' },
    });
    expect(await w.call('invoices:open-pdf', { invoiceId: 'inv_1' })).toEqual({
      ok: true,
      value: { opened: true },
    });
    expect(saved).toEqual([{ name: 'INV-2026-000002.pdf', bytes: pdf.toString() }]);
    expect(opened).toEqual([{ name: 'INV-2026-000002.pdf', bytes: pdf.toString() }]);
    w.close();
    w = world('customer', { invoicePdf: async () => pdf.toString('base64') });
    expect(await w.call('invoices:save-pdf', { invoiceId: 'inv_1' })).toMatchObject({
      ok: false,
      error: { code: 'unsupported' },
    });
  });

  it('invoices:named reads the cached invoices a screen names at once, as invoices:get reads each', async () => {
    const asked: string[] = [];
    w = world('reseller_admin', {
      invoice: async (id) => {
        asked.push(id);
        throw new Error('not asked: the cache holds them');
      },
    });
    const ids = Array.from({ length: 40 }, (_, i) => `inv_${i + 1}`);
    for (const [i, id] of ids.entries()) {
      w.cache.putInvoice(
        serverInvoice({ id, number: `INV-2026-${String(i + 1).padStart(6, '0')}`, status: 'open' }),
      );
    }
    const named = (await w.call('invoices:named', { invoiceIds: [...ids, 'inv_missing'] })) as {
      ok: true;
      value: Array<{ id: string }>;
    };
    expect(named.ok).toBe(true);
    const byId = new Map(named.value.map((invoice) => [invoice.id, invoice]));
    expect([...byId.keys()].sort()).toEqual([...ids].sort());
    for (const id of ids) {
      expect(byId.get(id)).toEqual(
        ((await w.call('invoices:get', { invoiceId: id })) as { value: unknown }).value,
      );
    }
    expect(asked).toEqual([]);
    for (const [invoiceIds, field] of [
      [[], 'invoiceIds'],
      [Array.from({ length: 501 }, (_, i) => `inv_${i}`), 'invoiceIds'],
    ] as const) {
      expect(await w.call('invoices:named', { invoiceIds })).toMatchObject({
        ok: false,
        error: { code: 'validation', field },
      });
    }
  });

  it('fetches the PDF in the language the console asks for; without one, the API chooses', async () => {
    const asked: Array<string | undefined> = [];
    w = world('customer', {
      invoicePdf: async (_id, language) => {
        asked.push(language);
        return Buffer.from('%PDF-1.3').toString('base64');
      },
    });
    w.cache.putInvoice(serverInvoice({ number: 'INV-2026-000002', status: 'open' }));
    expect(await w.call('invoices:pdf', { invoiceId: 'inv_1', language: 'vi' })).toMatchObject({ ok: true });
    expect(await w.call('invoices:pdf', { invoiceId: 'inv_1', language: 'en' })).toMatchObject({ ok: true });
    expect(await w.call('invoices:pdf', { invoiceId: 'inv_1' })).toMatchObject({ ok: true });
    expect(asked).toEqual(['vi', 'en', undefined]);
    expect(await w.call('invoices:pdf', { invoiceId: 'inv_1', language: 'fr' })).toMatchObject({
      ok: false,
      error: { code: 'validation', field: 'language' },
    });
  });

  it('invoice settings: staff read them, only the admin offers "Invoice" on Top Up', async () => {
    const stored = { prefix: 'INV-{YYYY}-', lastNumber: 3, bankDetails: 'Acme Bank', offerTopUp: true };
    const sent: unknown[] = [];
    w = world('reseller_admin', {
      invoiceSettings: async () => ({ ...stored, offerTopUp: false }),
      updateInvoiceSettings: async (body: unknown) => {
        sent.push(body);
        return stored;
      },
    });
    expect(await w.call('invoices:settings', {})).toMatchObject({ ok: true, value: { offerTopUp: false } });
    const body = { prefix: 'INV-{YYYY}-', bankDetails: 'Acme Bank', offerTopUp: true };
    expect(await w.call('invoices:update-settings', body)).toEqual({ ok: true, value: stored });
    expect(sent).toEqual([body]);
    w.close();
    w = world('support_agent', { invoiceSettings: async () => stored });
    expect(await w.call('invoices:settings', {})).toMatchObject({ ok: true, value: stored });
    expect(await w.call('invoices:update-settings', body)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });
});
