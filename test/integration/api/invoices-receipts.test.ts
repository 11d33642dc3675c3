import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, key } from '../../support/api.js';
import { DIALECTS } from '../../support/databases.js';
import { pressSandboxButton, startPaymentsApi, type PaymentsApi } from '../../support/payments.js';
import { createTenant, expectRefusal, ok, type Tenant } from '../../support/tenants.js';

/**
 * A receipt invoice for a paid top-up, at the customer's request: issued `paid` with the next number
 * of the reseller's series (a test-mode top-up's: a test, numbered `TEST-…` apart) and its own PDF, one per payment however often (or concurrently) it is
 * asked for, and nothing moves — the top-up's ledger row is the money.
 */
describe.each(DIALECTS)('receipt invoices for paid top-ups on %s', (dialect) => {
  let api: PaymentsApi;
  let t: Tenant;
  let other: Tenant;

  beforeAll(async () => {
    api = await startPaymentsApi(dialect, { listen: true });
    t = await createTenant(api.app, 'Receipts');
    other = await createTenant(api.app, 'Elsewhere');
  });
  afterAll(() => api.close());

  const topUp = async (walletId: string, amount: number, token = t.customer) => {
    const reply = await call(api.app, 'POST', `/v1/wallets/${walletId}/top-ups`, {
      token,
      key: key('topup'),
      body: { amount, provider: 'sandbox' },
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    return reply.body as { id: string; checkout: { url: string } };
  };
  const paidTopUp = async (walletId: string, amount: number, token = t.customer) => {
    const created = await topUp(walletId, amount, token);
    expect((await pressSandboxButton(created.checkout.url, 'pay')).status).toBe(200);
    await api.app.payments.settled();
    return ok(call(api.app, 'GET', `/v1/payments/${created.id}`, { token: t.admin }));
  };
  /**
   * A top-up that real money paid: opened on the sandbox, then paid by a bank transfer staff apply
   * from the statement (the reconciliation workbench), so its `top_up` ledger row is no test.
   */
  const realPaidTopUp = async (walletId: string, amount: number, token = t.customer) => {
    const created = await topUp(walletId, amount, token);
    const bankReference = `FT${key('ref')}`;
    await ok(
      call(api.app, 'POST', '/v1/bank-lines/apply', {
        token: t.admin,
        body: {
          bankReference,
          date: '2026-12-01',
          amount,
          currency: 'USD',
          description: `MBVCB.123.${bankReference}.CT`,
          target: { kind: 'payment', id: created.id },
        },
      }),
    );
    return ok(call(api.app, 'GET', `/v1/payments/${created.id}`, { token: t.admin }));
  };
  const lastNumber = async () =>
    (await ok(call(api.app, 'GET', '/v1/invoice-settings', { token: t.admin }))).lastNumber as number;
  const requestReceipt = (paymentId: string, token = t.customer) =>
    call(api.app, 'POST', `/v1/payments/${paymentId}/invoice`, { token });
  const ledgerCount = async () =>
    (
      await api.db.store.db
        .selectFrom('ledger_entries')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('reseller_id', '=', t.resellerId)
        .executeTakeFirstOrThrow()
    ).n;

  it('a paid top-up gets a paid, numbered invoice; asking again answers the same one', async () => {
    const payment = await realPaidTopUp(t.walletId, 4_200);
    const rowsBefore = Number(await ledgerCount());
    const first = await requestReceipt(payment.id);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const receipt = first.body;
    expect(receipt).toMatchObject({
      customerId: t.customerId,
      status: 'paid',
      currency: 'USD',
      total: 4_200,
      amountPaid: 4_200,
      amountDue: 0,
      receiptPaymentId: payment.id,
      test: false,
      payments: [
        { kind: 'receipt', amount: 4_200, paymentId: payment.id, transactionId: payment.transactionId },
      ],
    });
    expect(receipt.payments[0]).not.toHaveProperty('test');
    expect(receipt.number).toMatch(/^INV-\d{4}-\d{6}$/);
    expect(receipt.lines).toEqual([
      expect.objectContaining({ quantity: 1, unitAmount: 4_200, amount: 4_200 }),
    ]);

    // Paid in full by a gateway payment: receivers hear `invoice.paid` once, asked again or not.
    const paidEvents = () =>
      api.db.store.db
        .selectFrom('webhook_events')
        .select(['type', 'data'])
        .where('reseller_id', '=', t.resellerId)
        .where('type', 'like', 'invoice.%')
        .execute()
        .then((rows) =>
          rows
            .map((r) => [r.type, JSON.parse(r.data).invoice] as const)
            .filter(([, invoice]) => invoice.id === receipt.id),
        );
    expect(await paidEvents()).toEqual([['invoice.paid', receipt]]);

    const again = await requestReceipt(payment.id, t.admin);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(receipt);
    expect(await paidEvents()).toHaveLength(1);
    // The receipt documents the money: no ledger row was written for it.
    expect(Number(await ledgerCount())).toBe(rowsBefore);
    // Staff find it among the customer's paid invoices.
    const list = await ok(
      call(api.app, 'GET', `/v1/invoices?customerId=${t.customerId}&status=paid`, { token: t.admin }),
    );
    expect(list.items.filter((i: any) => i.receiptPaymentId === payment.id)).toHaveLength(1);
  });

  it('concurrent requests for one payment issue one invoice and use one number', async () => {
    const payment = await realPaidTopUp(t.walletId, 1_500);
    const series = lastNumber;
    const before = await series();
    const replies = await Promise.all(Array.from({ length: 4 }, () => requestReceipt(payment.id)));
    expect(replies.map((r) => r.status).sort()).toEqual([200, 200, 200, 201]);
    expect(new Set(replies.map((r) => r.body.id)).size).toBe(1);
    expect(await series()).toBe(before + 1);
    expect(replies[0]!.body.number).toMatch(new RegExp(`${String(before + 1).padStart(6, '0')}$`));
  });

  it('the receipt has its own PDF with its number and total', async () => {
    const payment = await realPaidTopUp(t.walletId, 2_750);
    const receipt = await ok(requestReceipt(payment.id));
    const response = await api.app.inject({
      method: 'GET',
      url: `/v1/invoices/${receipt.id}/pdf`,
      headers: { authorization: `Bearer ${t.customer}` },
    });
    expect(response.statusCode).toBe(200);
    const parser = new PDFParse({ data: new Uint8Array(response.rawPayload) });
    const { text } = await parser.getText();
    await parser.destroy();
    expect(text).toContain(receipt.number);
    expect(text).toContain('Total: 27.50 USD');
    expect(text).toContain('Paid');
    expect(text).not.toMatch(/test/i);
  });

  it("a test-mode top-up's receipt is a test, numbered TEST-… on its own counter: the real series does not move", async () => {
    const before = await lastNumber();
    const sandbox = await paidTopUp(t.walletId, 3_300);
    const first = await ok(requestReceipt(sandbox.id));
    expect(first).toMatchObject({
      status: 'paid',
      total: 3_300,
      test: true,
      receiptPaymentId: sandbox.id,
      payments: [{ kind: 'receipt', amount: 3_300, paymentId: sandbox.id, test: true }],
    });
    const year = first.issuedAt.slice(0, 4);
    expect(first.number).toBe(`TEST-${year}-000001`);
    expect(first.memo).toContain('no real money');
    expect(await lastNumber()).toBe(before);
    // Asked again: the same test receipt, no second test number.
    expect(await ok(requestReceipt(sandbox.id, t.admin))).toEqual(first);
    const second = await ok(requestReceipt((await paidTopUp(t.walletId, 100)).id));
    expect(second).toMatchObject({ number: `TEST-${year}-000002`, test: true });
    expect(await lastNumber()).toBe(before);
    // The change feed carries the flag to the desktops.
    const feed = await api.db.store.db
      .selectFrom('changes')
      .select('data')
      .where('entity', '=', 'invoice')
      .where('entity_id', '=', first.id)
      .execute();
    expect(feed.map((c) => JSON.parse(c.data).test)).toEqual([true]);

    // The next real receipt, then the next finalized invoice, take the next real numbers: no gap.
    const real = await ok(requestReceipt((await realPaidTopUp(t.walletId, 500)).id));
    expect(real).toMatchObject({ test: false });
    expect(real.number).toBe(`INV-${year}-${String(before + 1).padStart(6, '0')}`);
    const draft = await ok(
      call(api.app, 'POST', `/v1/customers/${t.customerId}/invoices`, {
        token: t.admin,
        body: { currency: 'USD', lines: [{ description: 'Hosting', quantity: 1, unitAmount: 1_000 }] },
      }),
    );
    const finalized = await ok(
      call(api.app, 'POST', `/v1/invoices/${draft.id}/finalize`, { token: t.admin, key: key('fin') }),
    );
    expect(finalized).toMatchObject({
      number: `INV-${year}-${String(before + 2).padStart(6, '0')}`,
      test: false,
    });
    expect(await lastNumber()).toBe(before + 2);

    // Its PDF says so at the top.
    const response = await api.app.inject({
      method: 'GET',
      url: `/v1/invoices/${first.id}/pdf`,
      headers: { authorization: `Bearer ${t.customer}` },
    });
    const parser = new PDFParse({ data: new Uint8Array(response.rawPayload) });
    const { text } = await parser.getText();
    await parser.destroy();
    expect(text).toContain(`Test receipt TEST-${year}-000001`);
    expect(text).toContain('TEST MODE — no real money was paid');
  });

  it('an invoice paid through the sandbox keeps its real number; its payment says it is a test', async () => {
    const draft = await ok(
      call(api.app, 'POST', `/v1/customers/${t.customerId}/invoices`, {
        token: t.admin,
        body: { currency: 'USD', lines: [{ description: 'Hosting', quantity: 1, unitAmount: 1_200 }] },
      }),
    );
    const open = await ok(
      call(api.app, 'POST', `/v1/invoices/${draft.id}/finalize`, { token: t.admin, key: key('fin') }),
    );
    expect(open).toMatchObject({ status: 'open', test: false, number: expect.stringMatching(/^INV-/) });
    const checkout = await ok(
      call(api.app, 'POST', `/v1/invoices/${open.id}/payments`, {
        token: t.customer,
        key: key('pay'),
        body: { provider: 'sandbox' },
      }),
    );
    expect((await pressSandboxButton(checkout.checkout.url, 'pay')).status).toBe(200);
    await api.app.payments.settled();
    const paid = await ok(call(api.app, 'GET', `/v1/invoices/${open.id}`, { token: t.admin }));
    expect(paid).toMatchObject({
      status: 'paid',
      number: open.number,
      test: false,
      payments: [{ kind: 'gateway', amount: 1_200, method: 'sandbox', test: true }],
    });
    // Its PDF is still the real invoice, and says how much of it was test money.
    const response = await api.app.inject({
      method: 'GET',
      url: `/v1/invoices/${open.id}/pdf?lang=en`,
      headers: { authorization: `Bearer ${t.customer}` },
    });
    const parser = new PDFParse({ data: new Uint8Array(response.rawPayload) });
    const { text } = await parser.getText();
    await parser.destroy();
    expect(text).toContain(`Invoice ${open.number}`);
    expect(text).toContain('Of which paid in test mode (no real money): 12.00 USD');
  });

  it('a real series may not look like the test one', async () => {
    const reply = await call(api.app, 'PUT', '/v1/invoice-settings', {
      token: t.admin,
      body: { prefix: 'TEST-{YYYY}-' },
    });
    expectRefusal(reply, 400, 'validation', 'prefix');
  });

  it('refused: an unpaid top-up, support agents, other customers and other tenants', async () => {
    const unpaid = await topUp(t.walletId, 900);
    expectRefusal(await requestReceipt(unpaid.id), 409, 'conflict', 'status');
    const paid = await paidTopUp(t.walletId, 800);
    expectRefusal(await requestReceipt(paid.id, t.support), 403, 'forbidden');
    // Another customer's payment, even of the same reseller, does not exist for this customer.
    const neighbours = await paidTopUp(t.otherWalletId, 700, t.admin);
    expectRefusal(await requestReceipt(neighbours.id), 404, 'not_found', 'id');
    expectRefusal(await requestReceipt(paid.id, other.admin), 404, 'not_found', 'id');
    expectRefusal(await requestReceipt('pay_unknown', t.admin), 404, 'not_found', 'id');
    // None of the refusals issued an invoice.
    const list = await ok(call(api.app, 'GET', `/v1/invoices?status=paid`, { token: t.admin }));
    const receiptsFor = (id: string) => list.items.filter((i: any) => i.receiptPaymentId === id);
    expect([unpaid.id, paid.id, neighbours.id].flatMap(receiptsFor)).toEqual([]);
    // The admin may issue the neighbour's receipt: it belongs to that customer.
    expect(await ok(requestReceipt(neighbours.id, t.admin))).toMatchObject({
      customerId: t.otherCustomerId,
      receiptPaymentId: neighbours.id,
    });
  });
});
