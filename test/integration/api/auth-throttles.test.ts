import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Throttle, type ThrottleRule } from '../../../src/server/services/auth/throttle.js';
import { DIALECTS, freshDatabase, type TestDatabase } from '../../support/databases.js';
import { manualClock } from '../../support/tenants.js';

const RULE: ThrottleRule = { max: 5, windowMs: 60_000 };

/** The auth_throttles table (migration 0040) and its atomic counting, on both databases. */
describe.each(DIALECTS)('credential attempt counters on %s', (dialect) => {
  let db: TestDatabase;
  let clock: ReturnType<typeof manualClock>;
  let throttle: Throttle;

  beforeEach(async () => {
    db = await freshDatabase(dialect);
    clock = manualClock();
    const rules = { signInPerAccount: RULE, signInPerAddress: RULE, credentialsPerAddress: RULE };
    throttle = new Throttle(db.store, rules, clock.now);
  });
  afterEach(() => db.drop());

  it('concurrent attempts each take one slot: exactly `max` pass, the rest say when to retry', async () => {
    const results = await Promise.all(Array.from({ length: 40 }, () => throttle.reserve('k', RULE)));
    expect(results.filter((r) => r.ok)).toHaveLength(RULE.max);
    for (const r of results.filter((r) => !r.ok)) expect(r).toEqual({ ok: false, retryAfterSeconds: 60 });
    const row = await db.store.db.selectFrom('auth_throttles').selectAll().executeTakeFirstOrThrow();
    expect(row).toEqual({ key: 'k', attempts: 40, window_started_ms: clock.now().getTime() });
  });

  it('the window ends: Retry-After counts down, then a new window starts at one attempt', async () => {
    for (let i = 0; i < RULE.max; i++) await throttle.reserve('k', RULE);
    clock.advance(45_500);
    expect(await throttle.reserve('k', RULE)).toEqual({ ok: false, retryAfterSeconds: 15 });
    clock.advance(14_500);
    const fresh = await throttle.reserve('k', RULE);
    expect(fresh).toEqual({ ok: true, slot: { key: 'k', windowStartedMs: clock.now().getTime() } });
  });

  it('a refund gives back one slot of its own window only; clear forgets the key', async () => {
    const first = await throttle.reserve('k', RULE);
    if (!first.ok) throw new Error('expected a slot');
    for (let i = 1; i < RULE.max; i++) await throttle.reserve('k', RULE);
    await throttle.refund(first.slot);
    expect((await throttle.reserve('k', RULE)).ok).toBe(true);
    expect((await throttle.reserve('k', RULE)).ok).toBe(false);

    // After the window moved on, an old slot's refund changes nothing in the new one.
    clock.advance(RULE.windowMs);
    for (let i = 0; i < RULE.max; i++) await throttle.reserve('k', RULE);
    await throttle.refund(first.slot);
    expect((await throttle.reserve('k', RULE)).ok).toBe(false);

    await throttle.clear('k');
    expect((await throttle.reserve('k', RULE)).ok).toBe(true);
  });

  it('prune deletes the counters whose window ended, and only those', async () => {
    await throttle.reserve('old', RULE);
    clock.advance(RULE.windowMs - 1);
    await throttle.reserve('recent', RULE);
    clock.advance(1);
    await throttle.prune();
    const keys = await db.store.db.selectFrom('auth_throttles').select('key').execute();
    expect(keys.map((k) => k.key)).toEqual(['recent']);
  });
});
