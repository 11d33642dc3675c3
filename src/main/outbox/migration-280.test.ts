import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../cache/migrate.js';
import { outboxMigrations } from './outbox-migrations.js';
import { OutboxStore } from './outbox-store.js';

const ACCOUNT = 'https://api.example|rsl_1|key_1';
const REASON = { key: 'insufficient_funds', values: { available: 1_000, needed: 1_500, currency: 'USD' } };

function queueAdjustment(outbox: OutboxStore, id: string) {
  outbox.enqueue(
    ACCOUNT,
    {
      kind: 'wallet.adjust',
      payload: { amount: -1_500, reason: 'Chargeback' },
      customerRef: 'cus_1',
      walletRef: 'wal_1',
      currency: 'USD',
      summary: { key: 'walletAdjust', values: { amount: -1_500, currency: 'USD', reason: 'Chargeback' } },
    },
    '2030-01-01T00:00:00.000Z',
    id,
  );
}

describe('outbox migration 280: a refusal keeps its reason as data', () => {
  it('keeps a write refused before it as it was: its code and message, no reason', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(
      db,
      outboxMigrations.filter((m) => m.version < 280),
    );
    db.prepare(
      `insert into outbox (id, account, kind, state, payload, idempotency_key, customer_ref, wallet_ref, currency,
         summary_json, error_code, error_message, attempts, created_at)
       values ('obx_old', ?, 'wallet.adjust', 'rejected', '{"amount":-1500,"reason":"Chargeback"}', 'key-old',
         'cus_1', 'wal_1', 'USD', '{"key":"legacy","values":{"text":"Adjust"}}', 'insufficient_funds',
         'available balance is 10.00 USD, 15.00 USD needed', 1, '2030-01-01T00:00:00.000Z')`,
    ).run(ACCOUNT);

    migrate(db, outboxMigrations);
    expect(new OutboxStore(db).get('obx_old')?.error).toEqual({
      code: 'insufficient_funds',
      message: 'available balance is 10.00 USD, 15.00 USD needed',
    });
    db.close();
  });

  it('reads back the reason a refusal was stored with, and forgets it when the write is retried', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db, outboxMigrations);
    const outbox = new OutboxStore(db);
    queueAdjustment(outbox, 'obx_1');
    const refusal = { code: 'insufficient_funds', message: 'available balance is 10.00 USD', reason: REASON };
    outbox.reject('obx_1', refusal);
    expect(outbox.get('obx_1')?.error).toEqual(refusal);

    outbox.markPending('obx_1');
    expect(outbox.get('obx_1')?.error).toBeNull();
    expect(db.prepare('select error_reason from outbox').pluck().get()).toBeNull();
    db.close();
  });

  it('shows a stored reason it cannot read as no reason, keeping the message', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db, outboxMigrations);
    const outbox = new OutboxStore(db);
    queueAdjustment(outbox, 'obx_1');
    queueAdjustment(outbox, 'obx_2');
    outbox.reject('obx_1', { code: 'insufficient_funds', message: 'refused' });
    outbox.reject('obx_2', { code: 'insufficient_funds', message: 'refused' });
    db.prepare(`update outbox set error_reason = 'not json' where id = 'obx_1'`).run();
    db.prepare(`update outbox set error_reason = '{"key":1}' where id = 'obx_2'`).run();
    for (const id of ['obx_1', 'obx_2'])
      expect(outbox.get(id)?.error).toEqual({ code: 'insufficient_funds', message: 'refused' });
    db.close();
  });
});
