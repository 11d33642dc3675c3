import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/server/app.js';
import { openStore, type Store } from '../../../src/server/db/database.js';
import { takeLease } from '../../../src/server/services/retention/job-lease.js';
import { PRUNE_LEASE, Pruner, type PruneReport } from '../../../src/server/services/retention/pruner.js';
import { DIALECTS, freshDatabase, type TestDatabase } from '../../support/databases.js';
import { manualClock } from '../../support/tenants.js';

const DAY = 24 * 3_600_000;
const OLD = '2029-01-01T00:00:00.000Z';

/** Old records of every kind, written as the services write them (raw rows: only their ages matter here). */
async function seedOldRecords(
  store: Store,
  counts: { keys: number; events: number; entities: number; updates: number },
) {
  await store.write(async (trx) => {
    for (let i = 0; i < counts.keys; i++) {
      await trx
        .insertInto('idempotency_keys')
        .values({
          reseller_id: 'rsl_a',
          key: `k${i}`,
          request_hash: 'h',
          response_status: 201,
          response_body: '{}',
          created_at: OLD,
        })
        .execute();
    }
    for (let i = 0; i < counts.events; i++) {
      await trx
        .insertInto('gateway_events')
        .values({
          id: `gev_${i}`,
          reseller_id: 'rsl_a',
          provider: 'sandbox',
          event_id: `evt_${i}`,
          event: '{}',
          raw_body: null,
          received_at: OLD,
          processed_at: OLD,
          outcome: 'paid',
          lease_until: null,
          attempts: 1,
        })
        .execute();
    }
    let seq = 0;
    for (let u = 0; u < counts.updates; u++) {
      for (let e = 0; e < counts.entities; e++) {
        await trx
          .insertInto('changes')
          .values({
            seq: ++seq,
            reseller_id: 'rsl_a',
            customer_id: null,
            entity: 'wallet',
            entity_id: `wal_${e}`,
            op: u === 0 ? 'create' : 'update',
            data: JSON.stringify({ id: `wal_${e}`, version: u }),
            created_at: OLD,
          })
          .execute();
      }
    }
  });
}

async function count(store: Store, table: 'idempotency_keys' | 'gateway_events' | 'changes') {
  const row = await store.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Two pruners (two connections to one database, as two API processes have): one works, no error, nothing twice. */
describe.each(DIALECTS)('pruners side by side on %s', (dialect) => {
  const undo: Array<() => Promise<unknown> | void> = [];
  afterEach(async () => {
    while (undo.length > 0) await undo.pop()!();
  });

  /** The test's database and a second store on it (a file for SQLite: two connections). */
  async function twoStores(): Promise<[TestDatabase, Store]> {
    if (dialect === 'sqlite') {
      const dir = mkdtempSync(join(tmpdir(), 'pruners-'));
      undo.push(() => rmSync(dir, { recursive: true, force: true }));
      const db = await freshDatabase('sqlite', { file: join(dir, 'billing.sqlite') });
      undo.push(() => db.drop());
      const second = openStore(db.url);
      undo.push(() => second.close());
      return [db, second];
    }
    const db = await freshDatabase('postgres');
    undo.push(() => db.drop());
    const second = openStore(db.url, { schema: db.schema! });
    undo.push(() => second.close());
    return [db, second];
  }

  it('two pruners at once: one does the work, the other stands aside, every record deleted once', async () => {
    const [db, second] = await twoStores();
    await seedOldRecords(db.store, { keys: 250, events: 250, entities: 20, updates: 15 });
    const clock = manualClock('2029-03-01T00:00:00.000Z');
    // Small batches: the first pruner is still working when the second asks for the lease.
    const reports = await Promise.all([
      new Pruner(db.store, clock.now, {}, 25).run(),
      new Pruner(second, clock.now, {}, 25).run(),
    ]);
    const worked = reports.filter((r): r is PruneReport => r !== null);
    const total = (field: keyof PruneReport) => worked.reduce((n, r) => n + r[field], 0);
    expect(total('idempotencyKeys')).toBe(250);
    expect(total('gatewayEvents')).toBe(250);
    expect(total('feedEntries')).toBe(20 * 14);
    // Whoever did not get the lease did nothing; whoever got it after the first finished found nothing.
    expect(worked.filter((r) => r.idempotencyKeys + r.gatewayEvents + r.feedEntries > 0)).toHaveLength(1);
    expect(await count(db.store, 'idempotency_keys')).toBe(0);
    expect(await count(db.store, 'gateway_events')).toBe(0);
    // Each wallet's newest entry, and only it, is left.
    const left = await db.store.db
      .selectFrom('changes')
      .select(['entity_id', 'data'])
      .orderBy('seq')
      .execute();
    expect(left.map((r) => JSON.parse(r.data))).toEqual(
      Array.from({ length: 20 }, (_, e) => ({ id: `wal_${e}`, version: 14 })),
    );
  });

  it('a pruner that died holding the lease keeps others out only until the lease runs out', async () => {
    const [db, second] = await twoStores();
    await seedOldRecords(db.store, { keys: 3, events: 0, entities: 1, updates: 1 });
    const clock = manualClock('2029-03-01T00:00:00.000Z');
    expect(
      await takeLease(db.store, { name: PRUNE_LEASE, holder: 'crashed', now: clock.now(), ms: 5 * 60_000 }),
    ).toBe(true);
    const survivor = new Pruner(second, clock.now);
    expect(await survivor.run()).toBeNull();
    expect(await count(db.store, 'idempotency_keys')).toBe(3);
    clock.advance(5 * 60_000 + 1);
    expect(await survivor.run()).toMatchObject({ idempotencyKeys: 3 });
    // Released at the end: the next run (any process) may start at once.
    expect(await new Pruner(db.store, clock.now).run()).toMatchObject({ idempotencyKeys: 0 });
  });

  it('the API starts the pruning job itself (as it does the payment jobs)', async () => {
    const [db] = await twoStores();
    await seedOldRecords(db.store, { keys: 4, events: 3, entities: 2, updates: 2 });
    const clock = manualClock('2029-03-01T00:00:00.000Z');
    const app = await buildApp({
      store: db.store,
      clock: clock.now,
      payments: { jobs: false },
      retention: { jobs: true },
    });
    await app.ready();
    // Closing waits for a run in progress: the one started with the app.
    await app.close();
    expect(await count(db.store, 'idempotency_keys')).toBe(0);
    expect(await count(db.store, 'gateway_events')).toBe(0);
    expect(await count(db.store, 'changes')).toBe(2);
  });

  it('keeps records younger than their windows', async () => {
    const [db] = await twoStores();
    await seedOldRecords(db.store, { keys: 2, events: 2, entities: 2, updates: 3 });
    // 2029-01-01 + 2 days: past no window (72 h, 30 days, 30 days).
    const clock = manualClock(new Date(Date.parse(OLD) + 2 * DAY).toISOString());
    expect(await new Pruner(db.store, clock.now).run()).toEqual({
      idempotencyKeys: 0,
      gatewayEvents: 0,
      webhookDeliveries: 0,
      webhookEvents: 0,
      emails: 0,
      feedEntries: 0,
      feedHorizon: 0,
    });
    expect(await count(db.store, 'changes')).toBe(6);
  });
});
