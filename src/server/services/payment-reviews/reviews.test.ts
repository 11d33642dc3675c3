import { CompiledQuery, sql, type KyselyPlugin } from 'kysely';
import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/databases.js';
import { addWallet, expectRefusedUnwritten, serviceWorld } from '../../../../test/support/service-world.js';
import type { Store } from '../../db/database.js';
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
});
