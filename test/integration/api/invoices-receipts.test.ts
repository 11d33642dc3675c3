import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, key } from '../../support/api.js';
import { DIALECTS } from '../../support/databases.js';
import { pressSandboxButton, startPaymentsApi, type PaymentsApi } from '../../support/payments.js';
import { createTenant, expectRefusal, ok, type Tenant } from '../../support/tenants.js';

/**
 * A receipt invoice for a paid top-up, at the customer's request: issued `paid` with the next number
 * of the reseller's series and its own PDF, one per payment however often (or concurrently) it is
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
    const payment = await paidTopUp(t.walletId, 4_200);
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
      payments: [
        { kind: 'receipt', amount: 4_200, paymentId: payment.id, transactionId: payment.transactionId },
      ],
    });
    expect(receipt.number).toMatch(/^INV-\d{4}-\d{6}$/);
    expect(receipt.lines).toEqual([
      expect.objectContaining({ quantity: 1, unitAmount: 4_200, amount: 4_200 }),
    ]);

    const again = await requestReceipt(payment.id, t.admin);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(receipt);
    // The receipt documents the money: no ledger row was written for it.
    expect(Number(await ledgerCount())).toBe(rowsBefore);
    // Staff find it among the customer's paid invoices.
    const list = await ok(
      call(api.app, 'GET', `/v1/invoices?customerId=${t.customerId}&status=paid`, { token: t.admin }),
    );
    expect(list.items.filter((i: any) => i.receiptPaymentId === payment.id)).toHaveLength(1);
  });

  it('concurrent requests for one payment issue one invoice and use one number', async () => {
    const payment = await paidTopUp(t.walletId, 1_500);
    const series = async () =>
      (await ok(call(api.app, 'GET', '/v1/invoice-settings', { token: t.admin }))).lastNumber as number;
    const before = await series();
    const replies = await Promise.all(Array.from({ length: 4 }, () => requestReceipt(payment.id)));
    expect(replies.map((r) => r.status).sort()).toEqual([200, 200, 200, 201]);
    expect(new Set(replies.map((r) => r.body.id)).size).toBe(1);
    expect(await series()).toBe(before + 1);
    expect(replies[0]!.body.number).toMatch(new RegExp(`${String(before + 1).padStart(6, '0')}$`));
  });

  it('the receipt has its own PDF with its number and total', async () => {
    const payment = await paidTopUp(t.walletId, 2_750);
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
