import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, createApiClient, NetworkError, type ApiClient } from '../../../src/main/api/client.js';
import { BATCH_SIZE } from '../../../src/main/sync/outbox-pusher.js';
import { call, seedReseller, startApi, type TestApi } from '../../support/api.js';
import { DIALECTS } from '../../support/databases.js';
import {
  applyBehindTheOutbox,
  drain,
  offlineConsole,
  queueCredits,
  REPLAY_ACCOUNT,
} from '../../support/replay.js';
import { ok } from '../../support/tenants.js';

/** Two full batches and a half: the second is the one cut by a crash. */
const QUEUED = BATCH_SIZE * 2.5;

describe.each(DIALECTS)('an offline queue replayed in batches on %s', (dialect) => {
  let api: TestApi;
  let admin: string;
  let walletId: string;

  beforeAll(async () => {
    api = await startApi(dialect, { listen: true });
    ({ admin, walletId } = await seedReseller(api.app));
  });
  afterAll(() => api.close());

  const credits = async (label: string) => {
    const items: Array<{ description: string; amount: number }> = [];
    let cursor: string | null = null;
    do {
      const page: { items: typeof items; nextCursor: string | null } = await ok(
        call(
          api.app,
          'GET',
          `/v1/wallets/${walletId}/transactions?limit=500${cursor ? `&cursor=${cursor}` : ''}`,
          {
            token: admin,
          },
        ),
      );
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return items.filter((t) => t.description.startsWith(`${label} #`));
  };
  const balance = async () =>
    (await ok(call(api.app, 'GET', `/v1/wallets/${walletId}`, { token: admin }))).balance as number;

  it('applies every queued write exactly once: a fifth already applied before a crash, one batch cut by another', async () => {
    const label = `replay-${dialect}`;
    const c = offlineConsole(api.baseUrl, admin);
    const queued = queueCredits(c, [walletId], QUEUED, label);
    const before = await balance();
    // Every fifth write reached the server before the console died: its answer never came back.
    await applyBehindTheOutbox(
      api.baseUrl,
      admin,
      queued.filter((_, i) => i % 5 === 0),
    );

    // The second batch is applied by the server, but the console dies before recording its answer.
    const real = createApiClient(api.baseUrl, admin);
    let sent = 0;
    const dying: ApiClient = {
      ...real,
      batch: async (operations) => {
        const answer = await real.batch(operations);
        if (++sent === 2) throw new NetworkError('the core was killed before the answer was recorded');
        return answer;
      },
    };
    await c.pusher(dying).pushAll();
    expect(c.outbox.counts(REPLAY_ACCOUNT).pending).toBe(QUEUED - BATCH_SIZE);
    expect(c.outbox.list(REPLAY_ACCOUNT).filter((i) => i.state === 'sending')).toEqual([]);

    // Restarted: a new pusher drains the rest, the cut batch and the early fifth replayed by key.
    await drain(c);
    expect(c.outbox.counts(REPLAY_ACCOUNT)).toEqual({ pending: 0, rejected: 0 });
    expect(c.outbox.list(REPLAY_ACCOUNT)).toEqual([]);
    const rows = await credits(label);
    expect(rows).toHaveLength(QUEUED);
    expect(new Set(rows.map((r) => r.description)).size).toBe(QUEUED);
    expect(await balance()).toBe(before + (QUEUED * (QUEUED + 1)) / 2);
    // Linear, not one request per write: 2,500 writes in a handful of batches.
    expect(c.batches).toBeLessThanOrEqual(QUEUED / BATCH_SIZE + 2);
  });

  it('a bad write in a batch is refused on its own, naming its reason, and the others are applied', async () => {
    const label = `mixed-${dialect}`;
    const c = offlineConsole(api.baseUrl, admin);
    const queued = queueCredits(c, [walletId, 'wal_missing', walletId], 9, label);
    const before = await balance();
    await drain(c);
    const refused = c.outbox.list(REPLAY_ACCOUNT);
    expect(refused.map((i) => [i.id, i.state, i.error?.code])).toEqual(
      queued.filter((i) => i.walletId === 'wal_missing').map((i) => [i.id, 'rejected', 'not_found']),
    );
    expect(c.outbox.counts(REPLAY_ACCOUNT)).toEqual({ pending: 0, rejected: 3 });
    const applied = queued.filter((i) => i.walletId !== 'wal_missing');
    expect((await credits(label)).length).toBe(applied.length);
    expect(await balance()).toBe(
      before + applied.reduce((sum, i) => sum + (i.payload as { amount: number }).amount, 0),
    );
  });

  it('a batch refused as a whole (too large) is sent one write per request, each answered for itself', async () => {
    const label = `too-large-${dialect}`;
    const c = offlineConsole(api.baseUrl, admin);
    queueCredits(c, [walletId], 5, label);
    const real = createApiClient(api.baseUrl, admin);
    const refusing: ApiClient = {
      ...real,
      batch: () => Promise.reject(new ApiError(413, 'payload_too_large', 'the request body is too large')),
    };
    await drain(c, c.pusher(refusing));
    expect(c.outbox.counts(REPLAY_ACCOUNT)).toEqual({ pending: 0, rejected: 0 });
    expect((await credits(label)).length).toBe(5);
  });
});
