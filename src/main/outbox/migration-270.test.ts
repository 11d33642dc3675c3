import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../cache/migrate.js';
import { outboxMigrations } from './outbox-migrations.js';
import { OutboxStore } from './outbox-store.js';

const ACCOUNT = 'https://api.example|rsl_1|key_1';

describe('outbox migration 270: summaries stored as a translation key and values', () => {
  it('keeps the English sentence of a write queued before it, word for word, as a legacy summary', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(
      db,
      outboxMigrations.filter((m) => m.version < 270),
    );
    db.prepare(
      `insert into outbox (id, account, kind, state, payload, idempotency_key, customer_ref, wallet_ref, currency,
         summary, error_code, error_message, attempts, created_at)
       values ('obx_old', ?, 'wallet.credit', 'pending', '{"amount":1050,"description":"Old"}', 'key-old',
         'cus_1', 'wal_1', 'USD', 'Add credit $10.50 — "quoted"', null, null, 0, '2030-01-01T00:00:00.000Z')`,
    ).run(ACCOUNT);

    migrate(
      db,
      outboxMigrations.filter((m) => m.version <= 270),
    );
    const [item] = new OutboxStore(db).list(ACCOUNT);
    expect(item?.summary).toEqual({ key: 'legacy', values: { text: 'Add credit $10.50 — "quoted"' } });
    // The queued write itself is untouched: same key, same payload.
    expect(item).toMatchObject({ idempotencyKey: 'key-old', payload: { amount: 1050, description: 'Old' } });
    db.close();
  });

  it('stores new summaries as keys and reads them back as they were given', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db, outboxMigrations);
    const outbox = new OutboxStore(db);
    const summary = {
      key: 'walletAdjust',
      values: { amount: -500, currency: 'USD', reason: 'Refund' },
    } as const;
    outbox.enqueue(
      ACCOUNT,
      {
        kind: 'wallet.adjust',
        payload: { amount: -500, reason: 'Refund' },
        customerRef: 'cus_1',
        walletRef: 'wal_1',
        currency: 'USD',
        summary,
      },
      '2030-01-01T00:00:00.000Z',
      'obx_1',
    );
    expect(db.prepare('select summary_json from outbox').pluck().get()).toBe(JSON.stringify(summary));
    expect(outbox.get('obx_1')?.summary).toEqual(summary);
    db.close();
  });

  it('shows a summary it cannot read as its raw text rather than failing the whole list', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db, outboxMigrations);
    const outbox = new OutboxStore(db);
    outbox.enqueue(
      ACCOUNT,
      {
        kind: 'wallet.credit',
        payload: { amount: 1, description: '' },
        customerRef: null,
        walletRef: 'wal_1',
        currency: 'USD',
        summary: { key: 'walletCredit', values: { amount: 1, currency: 'USD' } },
      },
      '2030-01-01T00:00:00.000Z',
      'obx_1',
    );
    db.prepare(`update outbox set summary_json = '{"key":"fromTheFuture","values":{}}'`).run();
    expect(outbox.get('obx_1')?.summary).toEqual({
      key: 'legacy',
      values: { text: '{"key":"fromTheFuture","values":{}}' },
    });
    db.close();
  });
});
