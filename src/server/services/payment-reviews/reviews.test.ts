import { CompiledQuery, sql, type KyselyPlugin } from 'kysely';
import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/databases.js';
import { addWallet, expectRefusedUnwritten, serviceWorld } from '../../../../test/support/service-world.js';
import type { Store } from '../../db/database.js';
import type { InvoiceTable, PaymentTable } from '../../db/schema.js';
import type { InvoiceApplication } from '../../../shared/api/invoices.js';
import { paymentsId } from '../../lib/ids.js';
import { newInvoiceId } from '../invoices/common.js';
import { applyReviewTransfer, type ApplyTarget } from './apply.js';
import { listReviews } from './list.js';
import { openReview } from './open.js';
import { resolveReview } from './resolve.js';

/** An unmatched bank transfer's review (with its amount), or a question about nothing paid. */
async function review(store: Store, resellerId: string, transfer: boolean, event: string): Promise<string> {
  await store.write((trx) =>
    openReview(
      trx,
      {
        reseller_id: resellerId,
        payment_id: null,
        provider: 'vietqr',
        reason: 'unmatched',
        detail: `line ${event}`,
        provider_event: `vietqr:${event}`,
        ...(transfer ? { amount: 2_500, currency: 'USD' } : {}),
      },
      '2026-12-01T09:00:00.000Z',
    ),
  );
  const row = await store.db
    .selectFrom('payment_reviews')
    .select('id')
    .where('provider_event', '=', `vietqr:${event}`)
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * A checkout opened for an invoice (USD, 2 500 due unless told), cancelled, then paid anyway: its
 * review carries `received` minor units of `currency`, as settle.ts stores them.
 */
async function paidAnyway(
  store: Store,
  tenant: { resellerId: string; customerId: string; walletId: string },
  options: {
    received?: number;
    currency?: string;
    invoice?: Partial<InvoiceTable> | null;
    walletId?: string;
  } = {},
) {
  const now = '2026-12-01T09:00:00.000Z';
  const due = options.invoice?.amount_due ?? 2_500;
  const invoiceId = newInvoiceId();
  const invoice: InvoiceTable = {
    id: invoiceId,
    reseller_id: tenant.resellerId,
    customer_id: tenant.customerId,
    number: `INV-${invoiceId.slice(-8)}`,
    sequence: null,
    status: 'open',
    currency: 'USD',
    lines: '[]',
    subtotal: due,
    tax: 0,
    total: due,
    amount_paid: 0,
    amount_refunded: 0,
    amount_due: due,
    memo: null,
    due_date: null,
    auto_pay: null,
    method_last_used: null,
    applications: '[]',
    pending_payment_id: null,
    top_up_wallet_id: null,
    issued_at: now,
    paid_at: null,
    voided_at: null,
    created_at: now,
    updated_at: now,
    ...options.invoice,
  };
  const paymentId = paymentsId('payment');
  const payment: PaymentTable = {
    id: paymentId,
    reseller_id: tenant.resellerId,
    customer_id: tenant.customerId,
    wallet_id: options.walletId ?? tenant.walletId,
    payer_id: null,
    provider: 'sandbox',
    amount: due,
    currency: 'USD',
    status: 'cancelled',
    underpaid: 0,
    overpaid: 0,
    fee: 0,
    rail: null,
    checkout: null,
    provider_payment_id: `sbx_${paymentId}`,
    recipient: null,
    expected: null,
    memo: null,
    saved_method_id: null,
    saves_method_id: null,
    transaction_id: null,
    top_up_link_id: null,
    invoice_id: options.invoice === null ? null : invoiceId,
    failure_reason: 'cancelled before it was paid',
    idempotency_key: `key-${paymentId}`,
    expires_at: '2026-12-02T09:00:00.000Z',
    paid_at: null,
    lease_until: null,
    created_at: now,
    updated_at: now,
  };
  await store.write(async (trx) => {
    if (options.invoice !== null) await trx.insertInto('invoices').values(invoice).execute();
    await trx.insertInto('payments').values(payment).execute();
    await openReview(
      trx,
      {
        reseller_id: tenant.resellerId,
        payment_id: paymentId,
        provider: 'sandbox',
        reason: 'unmatched',
        detail: 'paid after this payment was cancelled; nothing was credited',
        amount: options.received ?? due,
        currency: options.currency ?? 'USD',
      },
      now,
    );
  });
  const review = await store.db
    .selectFrom('payment_reviews')
    .select('id')
    .where('payment_id', '=', paymentId)
    .executeTakeFirstOrThrow();
  return { reviewId: review.id, invoiceId, paymentId };
}

/** `db`, recording the SQL and parameters of every query sent through it. */
function capturing(db: Store['db']) {
  const queries: CompiledQuery[] = [];
  const executor = db.getExecutor();
  const plugin: KyselyPlugin = {
    transformQuery: ({ node, queryId }) => {
      queries.push(executor.compileQuery(node, queryId));
      return node;
    },
    transformResult: ({ result }) => Promise.resolve(result),
  };
  return { db: db.withPlugin(plugin), queries };
}

/**
 * How the database reads `query`, as its EXPLAIN prints it. A test's table is small enough that
 * PostgreSQL would rather scan it whole: it is asked which index it reads when it may not.
 */
async function explain(store: Store, query: CompiledQuery): Promise<unknown[]> {
  const explained = CompiledQuery.raw(
    `${store.dialect === 'sqlite' ? 'explain query plan' : 'explain'} ${query.sql}`,
    [...query.parameters],
  );
  if (store.dialect === 'sqlite') return (await store.db.executeQuery(explained)).rows;
  return store.db.transaction().execute(async (trx) => {
    await sql`set local enable_seqscan = off`.execute(trx);
    return (await trx.executeQuery(explained)).rows;
  });
}

describe.each(DIALECTS)('payment review services on %s', (dialect) => {
  const world = serviceWorld(dialect);

  it("lists a reseller's reviews newest first, a page at a time, each once (ties on one instant too)", async () => {
    const { store, a, b, admin } = world();
    // All opened at the same instant: the pages must part them by id.
    const ours = [];
    for (let i = 0; i < 7; i++) ours.push(await review(store, a.resellerId, i % 2 === 0, `page-${i}`));
    await review(store, b.resellerId, false, 'page-theirs');
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let pages = 0; ; pages++) {
      const { page, nextCursor } = await listReviews(store.db, admin, {}, cursor, 3);
      seen.push(...page.map((r) => r.id));
      if (nextCursor === null) {
        expect(pages).toBe(2);
        break;
      }
      cursor = nextCursor;
    }
    expect(seen).toEqual([...ours].sort().reverse());
  });

  it('reads a page of one status past a cursor by index: no sort, no walk from the newest', async () => {
    const { store } = world();
    // Many resolved reviews and a few open ones, as a reseller's list grows (a reseller of their
    // own: the world's are shared by its tests); the planner is told so.
    const pages = { resellerId: 'rsl_review_pages', canWrite: false };
    await store.db
      .insertInto('payment_reviews')
      .values(
        Array.from({ length: 600 }, (_, i) => ({
          id: `rev_${String(i).padStart(4, '0')}`,
          reseller_id: pages.resellerId,
          provider: 'vietqr',
          reason: 'unmatched',
          detail: `line ${i}`,
          status: i % 20 === 0 ? 'open' : 'resolved',
          created_at: new Date(Date.UTC(2031, 0, 1) + i * 60_000).toISOString(),
        })),
      )
      .execute();
    await sql`analyze`.execute(store.db);
    const sent = capturing(store.db);
    const first = await listReviews(sent.db, pages, { status: 'open' }, undefined, 10);
    const second = await listReviews(sent.db, pages, { status: 'open' }, first.nextCursor!, 10);
    expect([...first.page, ...second.page].map((r) => r.id)).toEqual(
      Array.from({ length: 20 }, (_, i) => `rev_${String(580 - i * 20).padStart(4, '0')}`),
    );
    const plan = JSON.stringify(await explain(store, sent.queries.at(-1)!));
    expect(plan).toMatch(/payment_reviews_reseller_status_created/);
    // The cursor is a bound of the index's range, not a filter on each row read.
    expect(plan).not.toMatch(/TEMP B-TREE|Sort|Filter/);
  });

  it('resolves a review; one of another reseller is not_found on id', async () => {
    const { store, admin, a, b, now } = world();
    const ours = await review(store, a.resellerId, false, 'r1');
    const resolved = await store.write((trx) =>
      resolveReview(trx, admin, { id: ours, note: 'checked' }, now),
    );
    expect(resolved).toMatchObject({ ok: true, value: { status: 'resolved', resolution: 'checked' } });
    expect(
      (await listReviews(store.db, admin, { status: 'resolved' }, undefined, 50)).page.map((r) => r.id),
    ).toContain(ours);
    const theirs = await review(store, b.resellerId, false, 'r2');
    await expectRefusedUnwritten(
      store,
      (trx) => resolveReview(trx, admin, { id: theirs }, now),
      'not_found',
      'id',
    );
  });

  it('applies a transfer to a wallet once; each declared refusal writes nothing', async () => {
    const { store, admin, a, b, now } = world();
    const apply = (id: string, target: ApplyTarget) => (trx: Parameters<typeof applyReviewTransfer>[0]) =>
      applyReviewTransfer(trx, admin, { id, target, actor: 'admin@alpha.example' }, now);
    const transfer = await review(store, a.resellerId, true, 'a1');

    await expectRefusedUnwritten(store, apply('rev_missing', { walletId: a.walletId }), 'not_found', 'id');
    const question = await review(store, a.resellerId, false, 'a2');
    await expectRefusedUnwritten(store, apply(question, { walletId: a.walletId }), 'conflict', 'id');
    await expectRefusedUnwritten(store, apply(transfer, { walletId: b.walletId }), 'not_found', 'walletId');
    await expectRefusedUnwritten(
      store,
      apply(transfer, { paymentId: 'pay_missing' }),
      'not_found',
      'paymentId',
    );
    const euros = await store.write((trx) => addWallet(trx, a.resellerId, a.customerId, 'EUR'));
    await expectRefusedUnwritten(store, apply(transfer, { walletId: euros }), 'validation', 'walletId');
    await store.write((trx) =>
      trx.updateTable('wallets').set({ status: 'closed' }).where('id', '=', a.otherWalletId).execute(),
    );
    await expectRefusedUnwritten(
      store,
      apply(transfer, { walletId: a.otherWalletId }),
      'wallet_closed',
      'walletId',
    );

    const applied = await store.write(apply(transfer, { walletId: a.walletId }));
    expect(applied).toMatchObject({ ok: true, value: { status: 'resolved', applied_wallet_id: a.walletId } });
    await expectRefusedUnwritten(store, apply(transfer, { walletId: a.walletId }), 'conflict', 'id');
  });

  describe("to the invoice of the review's payment", () => {
    const wallet = (store: Store, id: string) =>
      store.db.selectFrom('wallets').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const invoice = (store: Store, id: string) =>
      store.db.selectFrom('invoices').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const toInvoice = (id: string) => (trx: Parameters<typeof applyReviewTransfer>[0]) =>
      applyReviewTransfer(
        trx,
        world().admin,
        { id, target: { invoice: true }, actor: 'admin@alpha.example' },
        world().now,
      );

    it('pays the invoice from the money received; what it does not need stays in the wallet; once', async () => {
      const { store, a } = world();
      // 3 000 received for 2 500 due (the payer paid the fee and a little more).
      const { reviewId, invoiceId, paymentId } = await paidAnyway(store, a, { received: 3_000 });
      const before = await wallet(store, a.walletId);

      const applied = await store.write(toInvoice(reviewId));
      expect(applied).toMatchObject({
        ok: true,
        value: { status: 'resolved', applied_payment_id: paymentId, applied_wallet_id: a.walletId },
      });
      const paid = await invoice(store, invoiceId);
      expect(paid).toMatchObject({ status: 'paid', amount_due: 0, amount_paid: 2_500 });
      expect(JSON.parse(paid.applications) as InvoiceApplication[]).toMatchObject([
        { kind: 'gateway', amount: 2_500, paymentId, method: 'sandbox' },
      ]);
      expect((await wallet(store, a.walletId)).balance).toBe(before.balance + 500);
      const rows = await store.db
        .selectFrom('ledger_entries')
        .select(['type', 'amount'])
        .where('related_id', 'in', [paymentId, invoiceId])
        // In the order the wallet moved: two ids made in one millisecond need not sort in it.
        .orderBy('wallet_version')
        .execute();
      expect(rows).toEqual([
        { type: 'top_up', amount: 3_000 },
        { type: 'payment', amount: -2_500 },
      ]);
      const audit = await store.db
        .selectFrom('audit_records')
        .selectAll()
        .where('entity_id', '=', reviewId)
        .execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ action: 'payment_review.applied' });

      // Applied again (a second click, another admin): refused, nothing credited twice.
      await expectRefusedUnwritten(store, toInvoice(reviewId), 'conflict', 'id');
      expect((await wallet(store, a.walletId)).balance).toBe(before.balance + 500);
    });

    it('the payment whose money paid its invoice is paid, by that top-up', async () => {
      const { store, a } = world();
      const { reviewId, paymentId } = await paidAnyway(store, a);
      const applied = await store.write(toInvoice(reviewId));
      expect(applied.ok).toBe(true);
      const payment = await store.db
        .selectFrom('payments')
        .selectAll()
        .where('id', '=', paymentId)
        .executeTakeFirstOrThrow();
      expect(payment).toMatchObject({
        status: 'paid',
        transaction_id: applied.ok ? applied.value.applied_transaction_id : null,
        failure_reason: null,
      });
    });

    it('applied to its own payment, a payment opened for an invoice pays that invoice, once', async () => {
      const { store, a, admin, now } = world();
      const { reviewId, invoiceId, paymentId } = await paidAnyway(store, a);
      const before = await wallet(store, a.walletId);
      const toPayment = (trx: Parameters<typeof applyReviewTransfer>[0]) =>
        applyReviewTransfer(
          trx,
          admin,
          { id: reviewId, target: { paymentId }, actor: 'admin@alpha.example' },
          now,
        );
      expect(await store.write(toPayment)).toMatchObject({ ok: true });
      expect(await invoice(store, invoiceId)).toMatchObject({
        status: 'paid',
        amount_due: 0,
        amount_paid: 2_500,
      });
      expect(
        await store.db
          .selectFrom('payments')
          .select('status')
          .where('id', '=', paymentId)
          .executeTakeFirstOrThrow(),
      ).toEqual({ status: 'paid' });
      // In by the top-up, out to the invoice.
      expect((await wallet(store, a.walletId)).balance).toBe(before.balance);
      await expectRefusedUnwritten(store, toPayment, 'conflict', 'id');
    });

    it('pays at most the money received, never with what a hold reserves (no overdraft)', async () => {
      const { store, a } = world();
      // 5 000 due, 2 000 received; the wallet already holds 10 000, of which a hold reserves 9 000.
      await store.write((trx) =>
        trx
          .updateTable('wallets')
          // Active again: a test before closes it.
          .set({ balance: 10_000, pending_charges: 9_000, status: 'active' })
          .where('id', '=', a.otherWalletId)
          .execute(),
      );
      const other = { resellerId: a.resellerId, customerId: a.otherCustomerId, walletId: a.otherWalletId };
      const capped = await paidAnyway(store, other, { received: 2_000, invoice: { amount_due: 5_000 } });
      expect(await store.write(toInvoice(capped.reviewId))).toMatchObject({ ok: true });
      expect(await invoice(store, capped.invoiceId)).toMatchObject({
        status: 'partially_paid',
        amount_paid: 2_000,
        amount_due: 3_000,
      });
      // In by the top-up, out by the payment: the wallet's own money and its hold are untouched.
      expect(await wallet(store, a.otherWalletId)).toMatchObject({ balance: 10_000, pending_charges: 9_000 });
    });

    it('refuses, writing nothing: no invoice, an invoice paid or void, another currency, a closed wallet, another reseller', async () => {
      const { store, a, b } = world();
      const bankLine = await review(store, a.resellerId, true, 'inv-1');
      await expectRefusedUnwritten(store, toInvoice(bankLine), 'conflict', 'invoice');
      const topUp = await paidAnyway(store, a, { invoice: null });
      await expectRefusedUnwritten(store, toInvoice(topUp.reviewId), 'conflict', 'invoice');
      const paid = await paidAnyway(store, a, { invoice: { status: 'paid', amount_due: 0 } });
      await expectRefusedUnwritten(store, toInvoice(paid.reviewId), 'conflict', 'invoice');
      const voided = await paidAnyway(store, a, { invoice: { status: 'void', amount_due: 0 } });
      await expectRefusedUnwritten(store, toInvoice(voided.reviewId), 'conflict', 'invoice');
      const euros = await paidAnyway(store, a, { invoice: { currency: 'EUR' } });
      await expectRefusedUnwritten(store, toInvoice(euros.reviewId), 'validation', 'invoice');
      // The payment's wallet closed since (a GBP one here: a customer has one wallet per currency).
      const closedWallet = await store.write((trx) =>
        addWallet(trx, a.resellerId, a.customerId, 'GBP', 'closed'),
      );
      const closed = await paidAnyway(store, a, { walletId: closedWallet });
      await expectRefusedUnwritten(store, toInvoice(closed.reviewId), 'wallet_closed', 'invoice');
      const theirs = await paidAnyway(store, b);
      await expectRefusedUnwritten(store, toInvoice(theirs.reviewId), 'not_found', 'id');

      const reasons = await Promise.all(
        [bankLine, paid.reviewId, voided.reviewId].map(async (id) => {
          const result = await store.write(toInvoice(id));
          return result.ok ? null : result.failure.reason;
        }),
      );
      expect(reasons).toEqual([
        { key: 'review_without_invoice', values: {} },
        { key: 'review_invoice_not_payable', values: { invoice: expect.any(String), status: 'paid' } },
        { key: 'review_invoice_not_payable', values: { invoice: expect.any(String), status: 'void' } },
      ]);
    });
  });
});
