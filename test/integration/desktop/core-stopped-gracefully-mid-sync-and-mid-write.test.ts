import { existsSync } from 'node:fs';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cacheState, newestFeedPosition, serverState } from '../../support/billing-state.js';
import { waitForStatus, waitUntilSettled } from '../../support/core-client.js';
import { DesktopScene } from '../../support/desktop-scene.js';
import { seedLongLedger } from '../../support/long-ledger.js';
import { deliveredFeedPosition } from '../../support/recording-proxy.js';
import { WatchedCore } from '../../support/watched-core.js';

/** Four feed pages of 5000 changes (each ledger row makes two): the SIGTERM lands mid-sync. */
const LEDGER_ROWS = 10_000;

/** What a closed local database holds, read without writing to it (no checkpoint, no recovery). */
function inspect(file: string, sql: string): unknown[] {
  const db = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    return db.prepare(sql).all();
  } finally {
    db.close();
  }
}

describe('desktop core stopped (SIGTERM) in the middle of its initial sync, with a write on its way', () => {
  let scene: DesktopScene;
  /** Core processes started by the test: killed even if it timed out in a wait. */
  const cores = new Set<WatchedCore>();
  const startCore = async (dataDir: string, workDir: string) => {
    const core = await WatchedCore.start(dataDir, workDir);
    cores.add(core);
    return core;
  };
  beforeEach(() => {
    scene = new DesktopScene();
  });
  afterEach(async () => {
    for (const core of cores) await core.kill();
    cores.clear();
    await scene.close();
  });

  it('takes no new call, lets the write finish and records its answer, closes its databases and exits 0', async () => {
    const dbFile = join(scene.dir('api'), 'billing.sqlite');
    const seeded = await seedLongLedger(dbFile, LEDGER_ROWS);
    const api = await scene.api(dbFile);
    const proxy = await scene.proxy(api.url);
    const dataDir = scene.dir('console');
    const signIn = { method: 'api_key', url: proxy.url, apiKey: seeded.apiKey } as const;

    proxy.hold((e) => e.method === 'POST');
    const first = await startCore(dataDir, scene.dir('cwd-1'));
    await first.client.invoke('session:connect', signIn);
    await waitForStatus(first.client, (s) => (s.progress?.applied ?? 0) > 0);
    const queued = await first.client.invoke('wallets:credit', {
      walletId: seeded.walletId,
      amount: 4_321,
      description: 'Sent as the console closed',
    });
    const sent = await proxy.waitFor((e) => e.method === 'POST' && e.state === 'held');

    // The write is on its way when the core is told to stop.
    first.terminate();
    await first.line('STOPPING SIGTERM');
    // It takes no new work (its IPC connection is closed: the call never reaches the core)...
    await expect(first.client.invoke('outbox:list', {})).rejects.toThrow();
    // ...and waits for the answer to the write it sent, which then arrives.
    const applied = await proxy.forward(sent);
    // It rode in a batch (POST /v1/batch), which answers 200 with the write's own 201 inside.
    expect(applied).toMatchObject({ status: 200, delivered: true });
    expect(await first.exited, first.output()).toEqual({ code: 0, signal: null });
    expect(first.output().split('\n'), first.output()).toContain('STOPPED');

    // Closed cleanly: no WAL left to replay, both files intact, the answer recorded (the outbox is
    // empty), and the cache's cursor is a page boundary it holds every row of.
    for (const name of ['cache.sqlite', 'outbox.sqlite'])
      expect(existsSync(join(dataDir, `${name}-wal`))).toBe(false);
    expect(inspect(join(dataDir, 'outbox.sqlite'), 'select id from outbox')).toEqual([]);
    const [meta] = inspect(join(dataDir, 'cache.sqlite'), `select value from meta where key = 'cursor'`) as [
      { value: string },
    ];
    const [cached] = inspect(
      join(dataDir, 'cache.sqlite'),
      'select count(*) as n, max(seq) as last from transactions',
    ) as [{ n: number; last: number }];
    const ledgerRowsThrough = (seq: number) =>
      (
        inspect(
          dbFile,
          `select count(*) as n from changes where entity = 'transaction' and op = 'create' and seq <= ${seq}`,
        ) as [{ n: number }]
      )[0].n;
    // Every ledger row the feed had brought up to the stored cursor. The feed worker writes a page's
    // rows before the page's cursor is stored, so the next page's may be there too: then in feed
    // order, none missing before the last one held.
    expect(cached.n).toBeGreaterThan(0);
    expect(cached.n).toBeGreaterThanOrEqual(ledgerRowsThrough(Number(meta.value)));
    expect(cached.n).toBe(ledgerRowsThrough(cached.last));

    // Started again: it resumes from the stored page, and sends nothing again.
    const restartedAt = proxy.position;
    const second = await startCore(dataDir, scene.dir('cwd-2'));
    try {
      await second.client.invoke('session:connect', signIn);
      expect(await second.client.invoke('outbox:list', {})).toEqual([]);
      const newest = await newestFeedPosition(api.url, seeded.apiKey);
      await waitUntilSettled(second.client, () => deliveredFeedPosition(proxy) >= newest);
      expect(proxy.exchanges.filter((e) => e.method === 'POST' && e.order >= restartedAt)).toEqual([]);

      const server = await serverState(api.url, seeded.apiKey);
      expect(server.transactions.filter((t) => t.description === 'Sent as the console closed')).toEqual([
        expect.objectContaining({ type: 'credit', amount: 4_321 }),
      ]);
      expect(queued.id).toBeTruthy();
      expect(await cacheState(second.client)).toEqual(server);

      // A second stop, quiet this time, is as clean.
      second.terminate();
      expect(await second.exited, second.output()).toEqual({ code: 0, signal: null });
    } finally {
      await second.kill();
    }
  }, 120_000);

  it('once stopping, refuses new calls with shutting_down and waits for the call under way; a second stop is the same stop', async () => {
    const { core, client } = await scene.core();
    const underWay = client.call('outbox:list', {});
    const stopping = core.stop();
    expect(await client.call('sync:status', {})).toEqual({
      ok: false,
      error: { code: 'shutting_down', message: 'the console is closing' },
    });
    expect(core.stop()).toBe(stopping);
    expect(await underWay).toEqual({ ok: true, value: [] });
    await stopping;
  });
});
