/**
 * A billing API database with a long ledger, written straight into its SQLite file before the API
 * process starts: tens of thousands of HTTP movements would take most of a CI minute. The reseller,
 * customer and wallet come from the API's own routes; each ledger row then is what a movement
 * (`postEntry`) writes — the row with the balance after it, and in the change feed the wallet's
 * `update` and the transaction's `create` in the server's wire shapes — inserted in one transaction
 * with plain prepared statements and numbered in order, as the sequencer numbers a quiet feed.
 */
import SqliteDatabase from 'better-sqlite3';
import { newId } from '../../src/shared/ids.js';
import { buildApp } from '../../src/server/app.js';
import { openStore } from '../../src/server/db/database.js';
import { migrateToLatest } from '../../src/server/db/migrate.js';
import type { LedgerEntryTable, WalletTable } from '../../src/server/db/schema.js';
import { toTransaction } from '../../src/server/wire/transaction.js';
import { toWallet } from '../../src/server/wire/wallet.js';
import { Sequencer } from '../../src/server/sync/sequencer.js';
import { call, key, OPERATOR_TOKEN } from './api.js';

export interface LongLedger {
  apiKey: string;
  customerId: string;
  walletId: string;
  /** Ledger rows written (the initial balance included). */
  rows: number;
  /** The wallet's balance after them, in minor units. */
  balance: number;
}

export async function seedLongLedger(file: string, rows: number): Promise<LongLedger> {
  const store = openStore(`sqlite:${file}`);
  await migrateToLatest(store);
  const app = await buildApp({ store, operatorToken: OPERATOR_TOKEN });
  const reseller = await call(app, 'POST', '/v1/resellers', {
    token: OPERATOR_TOKEN,
    body: {
      name: 'Long Ledger Ltd',
      adminEmail: 'admin@long-ledger.example',
      adminPassword: 'correct horse battery',
    },
  });
  const apiKey = reseller.body.apiKey as string;
  const customer = await call(app, 'POST', '/v1/customers', {
    token: apiKey,
    body: { name: 'Busy Customer', email: 'busy@long-ledger.example' },
  });
  const created = await call(app, 'POST', `/v1/customers/${customer.body.id}/wallets`, {
    token: apiKey,
    body: { currency: 'USD', initialBalance: 1_000_000 },
    key: key('wallet'),
  });
  await app.close();
  if (created.status !== 201) throw new Error(`seed wallet: ${JSON.stringify(created.body)}`);

  // Whatever the routes changed gets its feed position before the bulk rows get theirs.
  await new Sequencer(store).flush();
  await store.close();

  const db = new SqliteDatabase(file);
  const walletId = created.body.id as string;
  const insertEntry = db.prepare(
    `insert into ledger_entries (id, reseller_id, customer_id, wallet_id, wallet_version, type, amount,
       balance_after, currency, status, description, reference, related_id, test, created_at)
     values (@id, @reseller_id, @customer_id, @wallet_id, @wallet_version, @type, @amount,
       @balance_after, @currency, @status, @description, @reference, @related_id, @test, @created_at)`,
  );
  const insertChange = db.prepare(
    `insert into changes (seq, reseller_id, customer_id, entity, entity_id, op, data, created_at)
     values (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const balance = db.transaction(() => {
    let wallet = db.prepare('select * from wallets where id = ?').get(walletId) as WalletTable;
    let seq = (db.prepare('select max(seq) as seq from changes').get() as { seq: number }).seq;
    const start = Date.parse(wallet.updated_at) + 1000;
    for (let i = 1; i < rows; i++) {
      const ms = start + i * 1000;
      const at = new Date(ms).toISOString();
      // Merchant credits of 10.00 and orders of 3.00 (minor units), alternating: the balance only grows.
      const amount = i % 2 === 1 ? 1_000 : -300;
      wallet = { ...wallet, balance: wallet.balance + amount, version: wallet.version + 1, updated_at: at };
      const entry: LedgerEntryTable = {
        id: newId('transaction', ms),
        reseller_id: wallet.reseller_id,
        customer_id: wallet.customer_id,
        wallet_id: wallet.id,
        wallet_version: wallet.version,
        type: amount > 0 ? 'credit' : 'payment',
        amount,
        balance_after: wallet.balance,
        currency: wallet.currency,
        status: 'completed',
        description: amount > 0 ? `Credit #${i}` : `Order #${i}`,
        reference: null,
        related_id: null,
        test: 0,
        created_at: at,
      };
      insertEntry.run(entry);
      const owner = [wallet.reseller_id, wallet.customer_id] as const;
      insertChange.run(++seq, ...owner, 'wallet', wallet.id, 'update', JSON.stringify(toWallet(wallet)), at);
      insertChange.run(
        ++seq,
        ...owner,
        'transaction',
        entry.id,
        'create',
        JSON.stringify(toTransaction(entry)),
        at,
      );
    }
    db.prepare('update wallets set balance = ?, version = ?, updated_at = ? where id = ?').run(
      wallet.balance,
      wallet.version,
      wallet.updated_at,
      walletId,
    );
    return wallet.balance;
  })();
  db.close();
  return { apiKey, customerId: customer.body.id, walletId, rows, balance };
}
