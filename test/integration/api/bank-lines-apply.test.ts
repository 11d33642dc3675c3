import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, key } from '../../support/api.js';
import { DIALECTS } from '../../support/databases.js';
import { createPaymentTenant, type PaymentTenant } from '../../support/payment-records.js';
import { startPaymentsApi, type PaymentsApi } from '../../support/payments.js';
import { expectRefusal, ok } from '../../support/tenants.js';

/**
 * The reconciliation workbench's one write: a confirmed bank-statement line pays a pending top-up
 * or an open invoice. The bank's reference anchors it: retried, replayed from another desktop or
 * raced, one line credits its wallet once.
 */
describe.each(DIALECTS)('applying bank-statement lines on %s', (dialect) => {
  let api: PaymentsApi;
  let t: PaymentTenant;

  beforeAll(async () => {
    api = await startPaymentsApi(dialect);
    t = await createPaymentTenant(api.app, api.db.store, 'Recon');
  });
  afterAll(() => api.close());

  const apply = (body: object, token = t.admin) =>
    call(api.app, 'POST', '/v1/bank-lines/apply', { token, body });
  const line = (target: object, amount: number, bankReference = `FT${key()}`) => ({
    bankReference,
    date: '2026-12-01',
    amount,
    currency: 'USD',
    description: `MBVCB.123.${bankReference}.CT tu NGUYEN VAN A`,
    target,
  });
  const balanceOf = async (walletId: string) =>
    (await ok(call(api.app, 'GET', `/v1/wallets/${walletId}`, { token: t.admin }))).balance as number;
  const rowsWithReference = async (walletId: string, reference: string) =>
    (
      await ok(call(api.app, 'GET', `/v1/wallets/${walletId}/transactions?limit=500`, { token: t.admin }))
    ).items.filter((r: any) => r.reference === reference || r.relatedId === reference);

  it('a pending top-up is paid by its line once, however often the line is applied', async () => {
    const payment = await ok(call(api.app, 'GET', `/v1/payments/${t.topUpId}`, { token: t.admin }));
    expect(payment.status).not.toBe('paid');
    const before = await balanceOf(t.walletId);
    const body = line({ kind: 'payment', id: t.topUpId }, payment.amount);

    const first = await ok(apply(body));
    expect(first).toMatchObject({ alreadyApplied: false, walletId: t.walletId, amount: payment.amount });
    // A retry, a second desktop, a different key: the first application, nothing more credited.
    const again = await ok(apply(body));
    expect(again).toMatchObject({ alreadyApplied: true, transactionId: first.transactionId });

    expect(await balanceOf(t.walletId)).toBe(before + payment.amount);
    expect(await ok(call(api.app, 'GET', `/v1/payments/${t.topUpId}`, { token: t.admin }))).toMatchObject({
      status: 'paid',
      // The statement line that paid it, once: staff searching for the bank's reference find it.
      bankReferences: [body.bankReference],
    });
    expect(await rowsWithReference(t.walletId, t.topUpId)).toHaveLength(1);
  });

  it('concurrent applications of one line credit once', async () => {
    const before = await balanceOf(t.otherWalletId);
    const body = line({ kind: 'invoice', id: t.otherOpenInvoiceId }, 1_000);
    const replies = await Promise.all([apply(body), apply(body), apply(body)]);
    const answers = await Promise.all(replies.map((r) => ok(r)));
    expect(answers.filter((a) => !a.alreadyApplied)).toHaveLength(1);
    expect(new Set(answers.map((a) => a.transactionId)).size).toBe(1);
    const invoice = await ok(
      call(api.app, 'GET', `/v1/invoices/${t.otherOpenInvoiceId}`, { token: t.admin }),
    );
    expect(invoice).toMatchObject({ status: 'paid', amountDue: 0 });
    // The transfer tops the wallet up and pays the invoice from it: the balance ends where it was.
    expect(await balanceOf(t.otherWalletId)).toBe(before);

    // Another line for the paid invoice (a second transfer on one statement): refused as paid, with
    // what staff can do, and no promise of a payment review (none is opened for a bank line).
    const second = await apply(line({ kind: 'invoice', id: t.otherOpenInvoiceId }, 1_000));
    expectRefusal(second, 409, 'conflict', 'target.id');
    expect(second.body.error.message).toMatch(
      /^invoice \S+ is already paid: .*credit what arrived to the customer's wallet/,
    );
    expect(second.body.error.message).not.toContain('payment review');
    expect(await balanceOf(t.otherWalletId)).toBe(before);
  });

  it('refuses a line whose amount is not what the target asks, an unknown target, and a non-admin', async () => {
    const short = await apply(line({ kind: 'invoice', id: t.openInvoiceId }, 999));
    expectRefusal(short, 400, 'validation', 'amount');
    expect(short.body.error.message).toMatch(
      /the invoice asks .*: a line is applied for the exact amount only; credit what arrived to the customer's wallet instead$/,
    );
    expectRefusal(
      await apply(line({ kind: 'payment', id: 'pay_01NOTAPAYMENT0000000000000' }, 100)),
      404,
      'not_found',
      'target.id',
    );
    expectRefusal(
      await apply(line({ kind: 'invoice', id: t.openInvoiceId }, 1_000), t.support),
      403,
      'forbidden',
    );
    const bad = await apply({ ...line({ kind: 'invoice', id: t.openInvoiceId }, 1_000), date: '01/12/2026' });
    expectRefusal(bad, 400, 'validation', 'date');
    // None of the refusals used the line: it still applies, once.
    const good = line({ kind: 'invoice', id: t.openInvoiceId }, 1_000);
    expect(await ok(apply(good))).toMatchObject({ alreadyApplied: false });
  });

  it("another tenant cannot apply a line to this tenant's records", async () => {
    const other = await createPaymentTenant(api.app, api.db.store, 'Neighbour');
    const reply = await apply(line({ kind: 'payment', id: t.otherTopUpId }, 100), other.admin);
    expectRefusal(reply, 404, 'not_found', 'target.id');
  });
});
