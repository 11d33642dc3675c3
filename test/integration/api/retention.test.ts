import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, key, startApi, type TestApi } from '../../support/api.js';
import { DIALECTS } from '../../support/databases.js';
import {
  createTenant,
  expectRefusal,
  manualClock,
  ok,
  readFeed,
  settleFeed,
  type Tenant,
} from '../../support/tenants.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** What a desktop ends up with after applying `changes` in order: each entity's last state. */
function replay(changes: any[]): Map<string, unknown> {
  const state = new Map<string, unknown>();
  for (const c of changes) state.set(`${c.entity}:${c.id}`, c.data);
  return state;
}

/** Retention of idempotency answers and compaction of the change feed (the pruning job, run by hand). */
describe.each(DIALECTS)('retention on %s', (dialect) => {
  let api: TestApi;
  let t: Tenant;
  let clock: ReturnType<typeof manualClock>;

  beforeEach(async () => {
    clock = manualClock();
    api = await startApi(dialect, { clock: clock.now });
    t = await createTenant(api.app, 'Keeper');
  });
  afterEach(() => api.close());

  const credit = (idempotencyKey: string, amount: number) =>
    call(api.app, 'POST', `/v1/wallets/${t.walletId}/credits`, {
      token: t.admin,
      key: idempotencyKey,
      body: { amount, description: 'Goodwill' },
    });
  const balance = async () =>
    (await ok(call(api.app, 'GET', `/v1/wallets/${t.walletId}`, { token: t.admin }))).balance as number;

  it('forgets idempotency answers older than 72 hours and still replays younger ones', async () => {
    const old = key('old');
    const first = await ok(credit(old, 500));
    clock.advance(2 * HOUR);
    const young = key('young');
    const second = await ok(credit(young, 700));
    // 72 h and a minute after the first: the first is past the window, the second (70 h) is not.
    clock.advance(70 * HOUR + 60_000);
    const report = await api.app.pruner.run();
    expect(report?.idempotencyKeys).toBeGreaterThanOrEqual(1);

    const before = await balance();
    const replay = await credit(young, 700);
    expect(replay.status).toBe(201);
    expect(replay.body.transaction.id).toBe(second.transaction.id);
    expect(await balance()).toBe(before);
    // The young key still knows its request: another body under it is refused.
    expectRefusal(await credit(young, 701), 422, 'idempotency_key_reused', 'Idempotency-Key');
    // The old key is gone: the server no longer knows it (a different body is a new request now).
    const reused = await credit(old, 900);
    expect(reused.status).toBe(201);
    expect(reused.body.transaction.id).not.toBe(first.transaction.id);
    expect(await balance()).toBe(before + 900);
  });

  it('folds the change feed so that a sync from the start still gets every current entity and ledger row', async () => {
    // A customer's own feed (an API key: a session would have expired over these weeks).
    const customerKey = (
      await ok(
        call(api.app, 'POST', '/v1/api-keys', {
          token: t.admin,
          body: { name: 'Customer app', role: 'customer', customerId: t.customerId },
        }),
      )
    ).key as string;
    // A month of activity on the same entities: each wallet update, hold and customer has many entries.
    for (let i = 0; i < 6; i++) {
      await ok(credit(key(), 100 + i));
      await ok(
        call(api.app, 'PATCH', `/v1/customers/${t.customerId}`, {
          token: t.admin,
          body: { name: `Renamed ${i}` },
        }),
      );
      clock.advance(DAY);
    }
    await ok(
      call(api.app, 'POST', `/v1/holds/${t.holdId}/capture`, { token: t.admin, key: key(), body: {} }),
    );
    clock.advance(31 * DAY);
    // A desktop that synced then: its cursor is at the horizon, past every entry the fold deletes.
    await settleFeed(api.db.store);
    const recentCursor = (await readFeed(api.app, t.admin)).at(-1).seq as number;
    // Recent activity, after the horizon, on some of the same entities.
    await ok(credit(key(), 999));
    await settleFeed(api.db.store);

    const full = await readFeed(api.app, t.admin);
    const customerFull = await readFeed(api.app, customerKey);
    const newest = full[full.length - 1].seq as number;
    const ledgerRows = full.filter((c) => c.entity === 'transaction').map((c) => c.id);
    const pageAfter = async (cursor: number) =>
      ok(call(api.app, 'GET', `/v1/sync/changes?cursor=${cursor}&limit=5000`, { token: t.admin }));
    const recentBefore = await pageAfter(recentCursor);

    const report = await api.app.pruner.run();
    expect(report!.feedEntries).toBeGreaterThan(0);
    expect(report!.feedHorizon).toBeGreaterThan(0);
    expect(report!.feedHorizon).toBeLessThan(newest);

    const folded = await readFeed(api.app, t.admin);
    expect(folded.length).toBe(full.length - report!.feedEntries);
    // The same final state as the whole feed, entity for entity.
    expect(replay(folded)).toEqual(replay(full));
    expect(replay(await readFeed(api.app, customerKey))).toEqual(replay(customerFull));
    // Every ledger row is still there, once; below the horizon every entity appears once.
    expect(folded.filter((c) => c.entity === 'transaction').map((c) => c.id)).toEqual(ledgerRows);
    const old = folded.filter((c) => c.seq <= report!.feedHorizon).map((c) => `${c.entity}:${c.id}`);
    expect(new Set(old).size).toBe(old.length);
    // The server's own answer for the renamed customer is what the folded feed ends with.
    const customer = await ok(call(api.app, 'GET', `/v1/customers/${t.customerId}`, { token: t.admin }));
    expect(replay(folded).get(`customer:${t.customerId}`)).toEqual(customer);

    // A desktop past the horizon sees no difference.
    expect(await pageAfter(recentCursor)).toEqual(recentBefore);
    // A desktop whose cursor had entries folded away after it is told to start again.
    const behind = full.find((c) => c.seq < report!.feedHorizon && c.seq > 0)!.seq as number;
    expectRefusal(
      await call(api.app, 'GET', `/v1/sync/changes?cursor=${behind}`, { token: t.admin }),
      410,
      'cursor_expired',
      'cursor',
    );
    // Position 0 is a sync from scratch: never refused.
    expect((await pageAfter(0)).changes.length).toBe(folded.length);
  });

  it("judges a customer's cursor by that customer's own folded entries, not its neighbours'", async () => {
    const customerKey = async (customerId: string) =>
      (
        await ok(
          call(api.app, 'POST', '/v1/api-keys', {
            token: t.admin,
            body: { name: 'Customer app', role: 'customer', customerId },
          }),
        )
      ).key as string;
    const quiet = await customerKey(t.customerId);
    const busy = await customerKey(t.otherCustomerId);
    await settleFeed(api.db.store);
    // Both customers' desktops are up to date with their own feeds.
    const quietCursor = (await readFeed(api.app, quiet)).at(-1).seq as number;
    const busyCursor = (await readFeed(api.app, busy)).at(-1).seq as number;
    // A month in which only the other customer's wallet moves: its older wallet states are folded.
    for (let i = 0; i < 4; i++) {
      await ok(
        call(api.app, 'POST', `/v1/wallets/${t.otherWalletId}/credits`, {
          token: t.admin,
          key: key(),
          body: { amount: 10 + i, description: 'Goodwill' },
        }),
      );
      clock.advance(DAY);
    }
    clock.advance(31 * DAY);
    await settleFeed(api.db.store);
    const report = await api.app.pruner.run();
    expect(report!.feedEntries).toBeGreaterThan(0);
    expect(report!.feedHorizon).toBeGreaterThan(quietCursor);

    const page = (token: string, cursor: number) =>
      call(api.app, 'GET', `/v1/sync/changes?cursor=${cursor}&limit=5000`, { token });
    // The quiet customer missed nothing: none of its entries was folded.
    expect(await ok(page(quiet, quietCursor))).toMatchObject({ changes: [], hasMore: false });
    // The busy one had entries folded after its cursor, and starts again; so does the reseller's staff.
    expectRefusal(await page(busy, busyCursor), 410, 'cursor_expired', 'cursor');
    expectRefusal(await page(t.admin, quietCursor), 410, 'cursor_expired', 'cursor');
  });

  it('a second run with nothing new to fold deletes nothing and moves no cursor', async () => {
    for (let i = 0; i < 3; i++) await ok(credit(key(), 10));
    clock.advance(31 * DAY);
    await settleFeed(api.db.store);
    const first = await api.app.pruner.run();
    const after = await readFeed(api.app, t.admin);
    const second = await api.app.pruner.run();
    expect(first!.feedEntries).toBeGreaterThan(0);
    expect(second).toMatchObject({ idempotencyKeys: 0, gatewayEvents: 0, feedEntries: 0 });
    expect(await readFeed(api.app, t.admin)).toEqual(after);
  });
});
