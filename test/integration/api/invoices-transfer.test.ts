import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, key, startApi, type TestApi } from '../../support/api.js';
import { DIALECTS } from '../../support/databases.js';
import { createTenant, expectRefusal, ok, type Tenant } from '../../support/tenants.js';

/**
 * "Invoice" as a top-up method: the customer asks for an invoice to top up its wallet, pays it by
 * bank transfer to the reseller's bank details, and staff record the transfer, which credits the
 * wallet exactly once. Any open invoice can be recorded as paid by transfer the same way.
 */
describe.each(DIALECTS)('invoices paid by bank transfer on %s', (dialect) => {
  let api: TestApi;
  let t: Tenant;

  beforeAll(async () => {
    api = await startApi(dialect);
    t = await createTenant(api.app, 'Transfer');
  });
  afterAll(() => api.close());

  const wallet = async () =>
    ok(call(api.app, 'GET', `/v1/wallets/${t.walletId}`, { token: t.admin })) as Promise<{ balance: number }>;
  const rowsFor = (invoiceId: string) =>
    api.db.store.db
      .selectFrom('ledger_entries')
      .select(['type', 'amount', 'reference'])
      .where('related_id', '=', invoiceId)
      .orderBy('wallet_version')
      .execute();

  it('"Invoice" is offered on Top Up only once the reseller turns it on, with its bank details', async () => {
    const options = () =>
      ok(call(api.app, 'GET', `/v1/wallets/${t.walletId}/top-up-options`, { token: t.customer }));
    expect((await options()).invoiceMethod).toBeNull();
    expectRefusal(
      await call(api.app, 'POST', `/v1/wallets/${t.walletId}/invoice-top-ups`, {
        token: t.customer,
        body: { amount: 1_000 },
      }),
      422,
      'method_unavailable',
      'method',
    );
    const settings = await ok(
      call(api.app, 'PUT', '/v1/invoice-settings', {
        token: t.admin,
        body: {
          prefix: 'INV-{YYYY}-',
          bankDetails: 'Acme Bank, IBAN DE89 3704 0044 0532 0130 00',
          offerTopUp: true,
        },
      }),
    );
    expect(settings).toMatchObject({ offerTopUp: true });
    expect((await options()).invoiceMethod).toEqual({
      bankDetails: 'Acme Bank, IBAN DE89 3704 0044 0532 0130 00',
    });
    expect(await ok(call(api.app, 'GET', '/v1/invoice-settings', { token: t.support }))).toMatchObject({
      offerTopUp: true,
    });
  });

  it('a top-up invoice is open with the bank details and its number as reference; marking it paid credits once', async () => {
    const before = (await wallet()).balance;
    const inv = await ok(
      call(api.app, 'POST', `/v1/wallets/${t.walletId}/invoice-top-ups`, {
        token: t.customer,
        body: { amount: 12_345 },
      }),
    );
    expect(inv).toMatchObject({
      status: 'open',
      total: 12_345,
      amountDue: 12_345,
      topUpWalletId: t.walletId,
    });
    expect(inv.number).toMatch(/^INV-\d{4}-\d{6}$/);
    expect(inv.memo).toContain('IBAN DE89 3704 0044 0532 0130 00');
    expect(inv.memo).toContain(`Reference: ${inv.number}`);
    // Paid by transfer, not from the wallet it tops up, nor through a gateway.
    expectRefusal(
      await call(api.app, 'POST', `/v1/invoices/${inv.id}/pay`, {
        token: t.customer,
        key: key(),
        body: { source: 'wallet' },
      }),
      409,
      'conflict',
      'source',
    );
    expect((await wallet()).balance).toBe(before);
    // Only staff record a transfer.
    expectRefusal(
      await call(api.app, 'POST', `/v1/invoices/${inv.id}/mark-paid`, {
        token: t.customer,
        key: key(),
        body: {},
      }),
      403,
      'forbidden',
    );

    const k = key('mark');
    const mark = () =>
      call(api.app, 'POST', `/v1/invoices/${inv.id}/mark-paid`, {
        token: t.admin,
        key: k,
        body: { reference: 'BANK-77' },
      });
    const first = await mark();
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({
      status: 'paid',
      amountDue: 0,
      amountPaid: 12_345,
      methodLastUsed: 'bank_transfer',
    });
    const replay = await mark();
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expectRefusal(
      await call(api.app, 'POST', `/v1/invoices/${inv.id}/mark-paid`, {
        token: t.admin,
        key: key(),
        body: {},
      }),
      409,
      'conflict',
      'status',
    );
    expect((await wallet()).balance).toBe(before + 12_345);
    expect((await rowsFor(inv.id)).map((r) => [r.type, Number(r.amount), r.reference])).toEqual([
      ['top_up', 12_345, inv.number],
    ]);
  });

  it('a top-up invoice is issued in its customer’s language: a Vietnamese customer reads where to pay in Vietnamese', async () => {
    const customerPath = `/v1/customers/${t.customerId}`;
    const { language } = (await ok(call(api.app, 'GET', customerPath, { token: t.admin }))) as {
      language: string | null;
    };
    await ok(call(api.app, 'PATCH', customerPath, { token: t.admin, body: { language: 'vi' } }));
    try {
      const inv = await ok(
        call(api.app, 'POST', `/v1/wallets/${t.walletId}/invoice-top-ups`, {
          token: t.customer,
          body: { amount: 12_345 },
        }),
      );
      expect(inv.lines).toEqual([expect.objectContaining({ description: 'Nạp tiền vào ví (ví USD)' })]);
      expect(inv.memo).toBe(
        `Chuyển khoản 123,45\u00a0US$ tới:\nAcme Bank, IBAN DE89 3704 0044 0532 0130 00\nNội dung chuyển khoản: ${inv.number}`,
      );
    } finally {
      await ok(call(api.app, 'PATCH', customerPath, { token: t.admin, body: { language } }));
    }
  });

  it('any open invoice recorded as paid by transfer: the money passes through the wallet (top_up, then payment)', async () => {
    const before = (await wallet()).balance;
    const draft = await ok(
      call(api.app, 'POST', `/v1/customers/${t.customerId}/invoices`, {
        token: t.admin,
        body: { currency: 'USD', lines: [{ description: 'Consulting', quantity: 3, unitAmount: 1_000 }] },
      }),
    );
    const open = await ok(
      call(api.app, 'POST', `/v1/invoices/${draft.id}/finalize`, { token: t.admin, key: key() }),
    );
    const paid = await ok(
      call(api.app, 'POST', `/v1/invoices/${open.id}/mark-paid`, { token: t.admin, key: key(), body: {} }),
    );
    expect(paid).toMatchObject({ status: 'paid', amountPaid: 3_000, amountDue: 0 });
    expect(paid.payments).toMatchObject([
      { kind: 'transfer', amount: 3_000, topUpTransactionId: expect.any(String) },
    ]);
    expect((await rowsFor(open.id)).map((r) => [r.type, Number(r.amount)])).toEqual([
      ['top_up', 3_000],
      ['payment', -3_000],
    ]);
    expect((await wallet()).balance).toBe(before);
  });

  /** An open invoice of `total` minor units on the tenant's USD wallet, to record transfers on. */
  const openInvoice = async (total: number) => {
    const draft = await ok(
      call(api.app, 'POST', `/v1/customers/${t.customerId}/invoices`, {
        token: t.admin,
        body: { currency: 'USD', lines: [{ description: 'Hosting', quantity: 1, unitAmount: total }] },
      }),
    );
    return ok(call(api.app, 'POST', `/v1/invoices/${draft.id}/finalize`, { token: t.admin, key: key() }));
  };
  const markPaid = (id: string, body: unknown, k = key('mark'), token = t.admin) =>
    call(api.app, 'POST', `/v1/invoices/${id}/mark-paid`, { token, key: k, body });

  it('a transfer of part of the amount due leaves the invoice partly paid, with its reference and day; the rest pays it', async () => {
    const before = (await wallet()).balance;
    const open = await openInvoice(5_000);
    const part = await ok(
      markPaid(open.id, { amount: 2_000, reference: 'FT-PART-1', receivedOn: '2026-01-05' }),
    );
    expect(part).toMatchObject({ status: 'partially_paid', amountPaid: 2_000, amountDue: 3_000 });
    expect(part.payments).toMatchObject([
      { kind: 'transfer', amount: 2_000, reference: 'FT-PART-1', receivedOn: '2026-01-05' },
    ]);
    // More than is still due is refused by field, and moves nothing.
    expectRefusal(
      await markPaid(open.id, { amount: 3_001, reference: 'FT-PART-2' }),
      400,
      'validation',
      'amount',
    );
    const rest = await ok(markPaid(open.id, { reference: 'FT-PART-2' }));
    expect(rest).toMatchObject({ status: 'paid', amountPaid: 5_000, amountDue: 0 });
    expect(rest.payments).toMatchObject([
      { amount: 2_000, reference: 'FT-PART-1' },
      { amount: 3_000, reference: 'FT-PART-2', receivedOn: null },
    ]);
    expect((await rowsFor(open.id)).map((r) => [r.type, Number(r.amount)])).toEqual([
      ['top_up', 2_000],
      ['payment', -2_000],
      ['top_up', 3_000],
      ['payment', -3_000],
    ]);
    expect((await wallet()).balance).toBe(before);

    const audit = await ok(
      call(api.app, 'GET', `/v1/audit?action=invoice.marked_paid&entity=${open.id}`, { token: t.admin }),
    );
    expect(audit.items.map((r: { after: unknown; reason: string }) => [r.after, r.reason])).toEqual([
      [
        {
          status: 'paid',
          amount: 3_000,
          amountPaid: 5_000,
          currency: 'USD',
          number: open.number,
          bankReference: 'FT-PART-2',
          receivedOn: null,
        },
        'FT-PART-2',
      ],
      [
        {
          status: 'partially_paid',
          amount: 2_000,
          amountPaid: 2_000,
          currency: 'USD',
          number: open.number,
          bankReference: 'FT-PART-1',
          receivedOn: '2026-01-05',
        },
        'FT-PART-1',
      ],
    ]);
  });

  it('a replayed transfer records it once; another body under its key, or another reseller, is refused', async () => {
    const open = await openInvoice(4_000);
    const k = key('once');
    const body = { amount: 1_000, reference: 'FT-ONCE' };
    await ok(markPaid(open.id, body, k));
    const replay = await markPaid(open.id, body, k);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expectRefusal(
      await markPaid(open.id, { ...body, amount: 1_500 }, k),
      422,
      'idempotency_key_reused',
      'Idempotency-Key',
    );
    const other = await createTenant(api.app, 'Elsewhere');
    expectRefusal(await markPaid(open.id, body, key(), other.admin), 404, 'not_found', 'id');
    expect(await ok(call(api.app, 'GET', `/v1/invoices/${open.id}`, { token: t.admin }))).toMatchObject({
      amountPaid: 1_000,
      amountDue: 3_000,
    });
    expect((await rowsFor(open.id)).map((r) => Number(r.amount))).toEqual([1_000, -1_000]);
  });

  it('a transfer is refused by field: not minor units, a day that is not one or is still to come', async () => {
    const open = await openInvoice(1_000);
    expectRefusal(await markPaid(open.id, { amount: 0 }), 400, 'validation', 'amount');
    expectRefusal(await markPaid(open.id, { amount: 10.5 }), 400, 'validation', 'amount');
    expectRefusal(await markPaid(open.id, { amount: '10' }), 400, 'validation', 'amount');
    expectRefusal(await markPaid(open.id, { receivedOn: '05/01/2026' }), 400, 'validation', 'receivedOn');
    expectRefusal(await markPaid(open.id, { receivedOn: '2999-01-01' }), 400, 'validation', 'receivedOn');
    expectRefusal(await markPaid(open.id, { reference: '   ' }), 400, 'validation', 'reference');
    expect(await ok(call(api.app, 'GET', `/v1/invoices/${open.id}`, { token: t.admin }))).toMatchObject({
      status: 'open',
      amountDue: 1_000,
    });
    expect(await rowsFor(open.id)).toEqual([]);
  });

  it('bad input names its field', async () => {
    const reply = await call(api.app, 'POST', `/v1/wallets/${t.walletId}/invoice-top-ups`, {
      token: t.admin,
      body: { amount: 0 },
    });
    expectRefusal(reply, 400, 'validation', 'amount');
  });
});
