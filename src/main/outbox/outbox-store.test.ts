import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLocalDatabase } from '../cache/open-database.js';
import { createDesktopCore } from '../core.js';
import { MemorySecretStore } from '../session/secret-store.js';
import { outboxMigrations } from './outbox-migrations.js';
import { OutboxStore, type NewIntent, type Settled } from './outbox-store.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rc-outbox-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const ACCOUNT = 'https://api.example|rsl_1|key_1';
const NOW = '2030-01-01T00:00:00.000Z';

/** The outbox file as the core opens it, for as long as `use` runs. */
function withOutbox<T>(use: (outbox: OutboxStore) => T): T {
  const { db } = openLocalDatabase(join(dir, 'outbox.sqlite'), outboxMigrations, { rebuildable: false });
  try {
    return use(new OutboxStore(db));
  } finally {
    db.close();
  }
}

const topUp = (walletRef: string, amount: number): NewIntent => ({
  kind: 'wallet.credit',
  payload: { amount, description: `Top-up of ${amount}` },
  customerRef: 'cus_1',
  walletRef,
  currency: 'USD',
  summary: { key: 'walletCredit', values: { amount, currency: 'USD' } },
});

describe('outbox store', () => {
  it('marks a batch sending and says which writes were still there to send', () => {
    withOutbox((outbox) => {
      const kept = outbox.enqueue(ACCOUNT, topUp('wal_1', 100), NOW, 'obx_kept');
      const discarded = outbox.enqueue(ACCOUNT, topUp('wal_1', 200), NOW, 'obx_discarded');
      outbox.discard(discarded.id);
      expect([...outbox.markSendingMany([kept.id, discarded.id])]).toEqual([kept.id]);
      expect(outbox.get(kept.id)).toMatchObject({ state: 'sending', attempts: 1 });
      expect(outbox.counts(ACCOUNT)).toEqual({ pending: 1, rejected: 0 });
    });
  });

  it('reads the queue a page at a time, on from the last write read: none skipped or repeated when one is discarded or confirmed mid-read', () => {
    withOutbox((outbox) => {
      // Five in the same millisecond and one a moment earlier, for another account between them:
      // the queue's order is when each was made, then the order they were made in.
      for (const n of [1, 2, 3]) outbox.enqueue(ACCOUNT, topUp('wal_1', n), NOW, `obx_${n}`);
      outbox.enqueue('another|account|key', topUp('wal_9', 9), NOW, 'obx_other');
      for (const n of [4, 5]) outbox.enqueue(ACCOUNT, topUp('wal_1', n), NOW, `obx_${n}`);
      outbox.enqueue(ACCOUNT, topUp('wal_1', 0), '2029-12-31T23:59:59.999Z', 'obx_0');
      // And one a moment later: a page runs from the end of one instant into the next.
      outbox.enqueue(ACCOUNT, topUp('wal_1', 6), '2030-01-01T00:00:00.001Z', 'obx_6');

      const first = outbox.pageAfter(ACCOUNT, null, 2);
      expect(first.items.map((i) => i.id)).toEqual(['obx_0', 'obx_1']);
      // Mid-pass the user discards a write already read and one not yet read, and one is confirmed:
      // an offset of 2 would now skip obx_2 and obx_4; reading on from obx_1 does not.
      outbox.discard('obx_0');
      outbox.confirm('obx_1');
      outbox.discard('obx_3');
      const second = outbox.pageAfter(ACCOUNT, first.next, 2);
      expect(second.items.map((i) => i.id)).toEqual(['obx_2', 'obx_4']);
      const third = outbox.pageAfter(ACCOUNT, second.next, 2);
      expect(third.items.map((i) => i.id)).toEqual(['obx_5', 'obx_6']);
      const fourth = outbox.pageAfter(ACCOUNT, third.next, 2);
      expect(fourth).toEqual({ items: [], next: null });
    });
  });

  it('settles a batch all or nothing, its counts right either way', () => {
    const states = (outbox: OutboxStore) => outbox.list(ACCOUNT).map((i) => [i.id, i.state]);
    const outcomes = (serverId: string): Settled[] => [
      { id: 'obx_1', outcome: 'confirmed' },
      { id: 'obx_2', outcome: 'rejected', error: { code: 'validation', message: 'refused' } },
      { id: 'obx_4', outcome: 'pending' },
      { id: 'obx_3', outcome: 'confirmed', mapping: { localId: 'local_wal_1', serverId } },
    ];
    withOutbox((outbox) => {
      for (const n of [1, 2, 3, 4]) outbox.enqueue(ACCOUNT, topUp('wal_1', n), NOW, `obx_${n}`);
      outbox.reject('obx_4', { code: 'validation', message: 'refused before' });
      const before = states(outbox);
      expect(outbox.counts(ACCOUNT)).toEqual({ pending: 3, rejected: 1 });

      // The last outcome cannot be stored (a mapping without its server id): none of them is.
      expect(() => outbox.settle(outcomes(null as unknown as string))).toThrow();
      expect(states(outbox)).toEqual(before);
      expect(outbox.counts(ACCOUNT)).toEqual({ pending: 3, rejected: 1 });

      outbox.settle(outcomes('wal_3'));
      expect(states(outbox)).toEqual([
        ['obx_2', 'rejected'],
        ['obx_4', 'pending'],
      ]);
      expect(outbox.resolve('local_wal_1')).toBe('wal_3');
      expect(outbox.counts(ACCOUNT)).toEqual({ pending: 1, rejected: 1 });
    });
    // Counted afresh from the file: the same as the counts kept along the way.
    expect(withOutbox((outbox) => outbox.counts(ACCOUNT))).toEqual({ pending: 1, rejected: 1 });
  });

  it('finds the queued write that creates a local id, and none once it is discarded', () => {
    withOutbox((outbox) => {
      outbox.enqueue(
        ACCOUNT,
        {
          kind: 'customer.create',
          payload: { localId: 'local_cus_1', name: 'Lan', email: 'lan@example.com' },
          customerRef: 'local_cus_1',
          walletRef: null,
          currency: null,
          summary: { key: 'customerCreate', values: { name: 'Lan' } },
        },
        NOW,
        'obx_creates',
      );
      expect(outbox.creatorOf(ACCOUNT, 'local_cus_1')).toBe('obx_creates');
      expect(outbox.creatorOf('another|account|key', 'local_cus_1')).toBeNull();
      outbox.discard('obx_creates');
      expect(outbox.creatorOf(ACCOUNT, 'local_cus_1')).toBeNull();
    });
  });

  it('keeps queued writes across closing and reopening its file: same keys, same order', () => {
    const queued = withOutbox((outbox) => [
      // Made in the same millisecond: the order they were made in still holds.
      outbox.enqueue(ACCOUNT, topUp('wal_1', 500), NOW, 'obx_c'),
      outbox.enqueue(ACCOUNT, topUp('wal_1', 700), NOW, 'obx_a'),
      outbox.enqueue('another|account|key', topUp('wal_9', 900), NOW, 'obx_other'),
      outbox.enqueue(ACCOUNT, topUp('wal_2', 300), NOW, 'obx_b'),
    ]);

    const reopened = withOutbox((outbox) => outbox.list(ACCOUNT));
    expect(reopened.map((i) => i.id)).toEqual(['obx_c', 'obx_a', 'obx_b']);
    expect(reopened).toEqual([queued[0], queued[1], queued[3]]);
    expect(new Set(reopened.map((i) => i.idempotencyKey)).size).toBe(3);
  });

  it('remembers a write marked as being sent, so that after a crash it goes again under its key', () => {
    const queued = withOutbox((outbox) => {
      const item = outbox.enqueue(ACCOUNT, topUp('wal_1', 500), NOW, 'obx_1');
      outbox.markSending(item.id);
      return item;
    });
    expect(withOutbox((outbox) => outbox.list(ACCOUNT))).toEqual([
      { ...queued, state: 'sending', attempts: 1 },
    ]);
  });

  it('keeps the server id a local record became, and shows it in what refers to it', () => {
    withOutbox((outbox) => {
      const create = outbox.enqueue(
        ACCOUNT,
        {
          kind: 'wallet.create',
          payload: { localId: 'local_wal_1', currency: 'EUR' },
          customerRef: 'cus_1',
          walletRef: 'local_wal_1',
          currency: 'EUR',
          summary: { key: 'walletCreate', values: { currency: 'EUR', name: 'Acme' } },
        },
        NOW,
        'obx_1',
      );
      outbox.enqueue(ACCOUNT, topUp('local_wal_1', 500), NOW, 'obx_2');
      outbox.confirm(create.id, { localId: 'local_wal_1', serverId: 'wal_777' });
    });
    withOutbox((outbox) => {
      expect(outbox.resolve('local_wal_1')).toBe('wal_777');
      expect(outbox.list(ACCOUNT)).toEqual([expect.objectContaining({ id: 'obx_2', walletId: 'wal_777' })]);
    });
  });

  it('moves a corrupt outbox file aside, keeps its bytes, says so, and starts an empty one', async () => {
    const garbage = 'not an SQLite file, yet maybe the only copy of what the user queued\n'.repeat(64);
    writeFileSync(join(dir, 'outbox.sqlite'), garbage);
    const logs: string[] = [];
    const core = await createDesktopCore(
      {
        dataDir: dir,
        secrets: new MemorySecretStore(),
        openExternal: async () => false,
        log: (message) => logs.push(message),
      },
      () => true,
    );
    try {
      const aside = readdirSync(dir).filter((f) => f.startsWith('outbox.sqlite.corrupt-'));
      expect(aside).toHaveLength(1);
      expect(readFileSync(join(dir, aside[0]!), 'utf8')).toBe(garbage);
      expect(logs).toEqual([`outbox was corrupt; kept at ${join(dir, aside[0]!)} for recovery`]);
      expect(core.outbox.list(ACCOUNT)).toEqual([]);
      core.outbox.enqueue(ACCOUNT, topUp('wal_1', 500), NOW, 'obx_1');
      expect(core.outbox.counts(ACCOUNT)).toEqual({ pending: 1, rejected: 0 });
    } finally {
      await core.stop();
    }
  });
});
