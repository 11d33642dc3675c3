/**
 * The sync bench's data: a few customers and wallets with a long ledger, generated deterministically
 * (the same rows every run) and written straight into the billing API's SQLite file — far faster than
 * a million HTTP movements, and still what the API would have written: every row carries the balance
 * after it, wallets hold the sum of their ledger, and the change feed has a numbered row per entity
 * with the entity's wire shape (the server's own wire functions) as its data.
 *
 * The feed is the one a live server records (ledger/movements.ts writeEntry): a `create` per
 * customer and wallet, then per movement the wallet's new state and the ledger row, in that order —
 * two feed entries per ledger row. The history lies within the last three weeks, younger than the
 * API's feed compaction age (30 days by default), so that the API folds none of it away on start.
 */
import SqliteDatabase from 'better-sqlite3';
import { transactionTuple, type TransactionTuple } from '../../src/main/sync/feed-page.js';
import { hashSecret, newSecret } from '../../src/server/auth/secrets.js';
import { openStore } from '../../src/server/db/database.js';
import { migrateToLatest } from '../../src/server/db/migrate.js';
import type { CustomerTable, LedgerEntryTable, WalletTable } from '../../src/server/db/schema.js';
import { toCustomer } from '../../src/server/wire/customer.js';
import { toTransaction } from '../../src/server/wire/transaction.js';
import { toWallet } from '../../src/server/wire/wallet.js';

/**
 * The cache's transactions columns, in its order: what the raw anchor inserts. The feed's tuple with,
 * after the wallet, the row's place in its wallet's history (from 1), as the cache numbers it.
 */
export type CacheRow = TransactionTuple extends [infer Seq, infer Id, infer WalletId, ...infer Rest]
  ? [seq: Seq, id: Id, walletId: WalletId, ordinal: number, ...rest: Rest]
  : never;

export interface Seeded {
  apiKey: string;
  rows: number;
  /** Ledger rows per wallet and the balance after them, the wallet with the most rows first. */
  wallets: Array<{ id: string; rows: number; balance: number }>;
  /** The newest feed position: the sync is caught up when the cache's cursor reaches it. */
  lastSeq: number;
  /** What the synced cache must hold: Σ amount and Σ seq over every row, and a sample of rows. */
  expected: { amount: number; seqs: number; sample: CacheRow[] };
}

const RESELLER = 'rsl_01BENCHSYNC0000000000000000';
const DAY_MS = 86_400_000;
/** Midnight 20 days ago: the same rows all day long (the anchor and the seed are made in one run). */
const START_MS = (Math.floor(Date.now() / DAY_MS) - 20) * DAY_MS;
const CREATED_MS = START_MS - DAY_MS;
/** 20 days of history at most: 1.7 s between movements for a million rows, 30 s for a few. */
const stepMs = (rows: number) => Math.min(30_000, Math.floor((20 * DAY_MS) / Math.max(1, rows)));
const CURRENCIES = ['USD', 'EUR', 'VND', 'GBP'] as const;
/** Feed positions before the first movement: each customer's and wallet's `create`. */
const FIRST_SEQ = 2 * CURRENCIES.length + 1;
/** The feed position of ledger row `i`: after its wallet's new state. */
const seqOf = (i: number) => FIRST_SEQ + 2 * i + 1;
/** Where each ledger row goes: half to the first wallet (the deep history the bench pages through). */
const walletOf = (i: number) => (i % 2 === 0 ? 0 : 1 + ((i >> 1) % 3));
/** Every SAMPLE-th row is compared field by field after the sync. */
const SAMPLE = 9973;

const B32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
function base32(value: number, width: number): string {
  let out = '';
  let rest = value;
  for (let i = 0; i < width; i++) {
    out = B32[rest % 32] + out;
    rest = Math.floor(rest / 32);
  }
  return out;
}
/** ULID-shaped like the API's ids (time, then 16 "random" characters), but the same every run. */
const idAt = (prefix: string, ms: number, n: number) =>
  `${prefix}_${base32(ms, 10)}${base32((n * 2_654_435_761) % 2 ** 40, 8)}${base32(n, 8)}`;
const iso = (ms: number) => new Date(ms).toISOString();

function customersAndWallets() {
  const t0 = iso(CREATED_MS);
  const customers: CustomerTable[] = CURRENCIES.map((_, c) => ({
    id: idAt('cus', CREATED_MS, c),
    reseller_id: RESELLER,
    name: `Bench Customer ${c + 1}`,
    email: `bench-${c + 1}@example.com`,
    external_ref: null,
    search_text: `bench customer ${c + 1}\nbench-${c + 1}@example.com\n`,
    created_at: t0,
    updated_at: t0,
  }));
  const wallets: WalletTable[] = CURRENCIES.map((currency, c) => ({
    id: idAt('wal', CREATED_MS, c),
    reseller_id: RESELLER,
    customer_id: customers[c]!.id,
    currency,
    status: 'active',
    balance: 0,
    pending_charges: 0,
    version: 0,
    created_at: t0,
    updated_at: t0,
  }));
  return { customers, wallets };
}

/**
 * The ledger, one movement at a time, moving `wallets` as it goes (balance, version = the row's
 * place in its wallet's history). Top-ups, payments never above the balance, partial refunds of the
 * newest payment and small adjustments: no row takes a wallet below zero.
 */
function* ledger(rows: number, wallets: WalletTable[]): Generator<LedgerEntryTable> {
  /** Each wallet's newest payment not yet refunded. */
  const lastPayment = wallets.map((): { id: string; amount: number } | null => null);
  const step = stepMs(rows);
  for (let i = 0; i < rows; i++) {
    const w = walletOf(i);
    const wallet = wallets[w]!;
    const ms = START_MS + i * step;
    const id = idAt('txn', ms, i);
    const k = wallet.version + 1;
    const paid = lastPayment[w];
    let type: LedgerEntryTable['type'] = 'payment';
    let amount = -Math.min(wallet.balance, 1_000 + (i % 4_001));
    let description = `Order #${k}`;
    let relatedId: string | null = null;
    if (k % 10 === 1 || amount === 0) {
      // A gateway top-up settled: it names its payment (reference and related record), as settle.ts does.
      type = 'top_up';
      amount = 50_000 + (i % 997) * 10;
      description = 'Top-up by card';
      relatedId = `pay_${base32(i, 12)}`;
    } else if (k % 10 === 8 && paid) {
      type = 'refund';
      amount = Math.max(1, Math.floor(paid.amount / 2));
      description = `Refund: order #${k - 1}`;
      relatedId = paid.id;
      lastPayment[w] = null;
    } else if (k % 10 === 9) {
      type = 'adjustment';
      amount = wallet.balance > 100 ? -100 : 100;
      description = 'Rounding correction';
    }
    if (type === 'payment') lastPayment[w] = { id, amount: -amount };
    wallet.balance += amount;
    wallet.version = k;
    wallet.updated_at = iso(ms);
    yield {
      id,
      reseller_id: RESELLER,
      customer_id: wallet.customer_id,
      wallet_id: wallet.id,
      wallet_version: k,
      type,
      amount,
      balance_after: wallet.balance,
      currency: wallet.currency,
      status: 'completed',
      description,
      reference: type === 'top_up' ? relatedId : null,
      related_id: relatedId,
      test: 0,
      created_at: wallet.updated_at,
    };
  }
}

/** The ledger row as the cache stores it. */
const cacheRow = (e: LedgerEntryTable, i: number): CacheRow => {
  const [seq, id, walletId, ...rest] = transactionTuple(seqOf(i), toTransaction(e));
  return [seq, id, walletId, e.wallet_version, ...rest];
};

/** The same `rows` ledger rows as the seeded database holds, shaped for the cache (for the anchor). */
export function cacheRows(rows: number): CacheRow[] {
  const out = new Array<CacheRow>(rows);
  let i = 0;
  for (const entry of ledger(rows, customersAndWallets().wallets)) out[i] = cacheRow(entry, i++);
  return out;
}

/** Creates and migrates the API database at `file`, then bulk-inserts `rows` ledger rows. */
export async function seedApiDatabase(file: string, rows: number): Promise<Seeded> {
  const store = openStore(`sqlite:${file}`);
  await migrateToLatest(store);
  await store.close();

  const db = new SqliteDatabase(file);
  // A throwaway database filled in one transaction: no journal, no fsync. The API reopens it in WAL.
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
  const insert = <T extends object>(table: string, example: T) => {
    const columns = Object.keys(example) as Array<keyof T>;
    const statement = db.prepare(
      `insert into ${table} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`,
    );
    return (row: T) => statement.run(columns.map((c) => row[c]));
  };
  const { customers, wallets } = customersAndWallets();
  const apiKey = newSecret('rk');
  const t0 = iso(CREATED_MS);
  let seq = 0;
  const change = (
    customerId: string,
    entity: 'customer' | 'wallet' | 'transaction',
    id: string,
    op: 'create' | 'update',
    data: object,
    at: string,
  ) => ({
    seq: ++seq,
    reseller_id: RESELLER,
    customer_id: customerId,
    entity,
    entity_id: id,
    op,
    data: JSON.stringify(data),
    created_at: at,
  });
  const insertChange = insert('changes', change('', 'customer', '', 'create', {}, ''));
  seq = 0;
  const expected: Seeded['expected'] = { amount: 0, seqs: 0, sample: [] };

  db.transaction(() => {
    insert('resellers', { id: RESELLER, name: 'Bench', created_at: t0 })({
      id: RESELLER,
      name: 'Bench',
      created_at: t0,
    });
    const key = {
      id: idAt('key', CREATED_MS, 0),
      reseller_id: RESELLER,
      name: 'sync bench',
      role: 'reseller_admin',
      customer_id: null,
      key_hash: hashSecret(apiKey),
      prefix: apiKey.slice(0, 8),
      created_at: t0,
    };
    insert('api_keys', key)(key);
    const insertCustomer = insert('customers', customers[0]!);
    for (const c of customers) {
      insertCustomer(c);
      insertChange(change(c.id, 'customer', c.id, 'create', toCustomer(c), t0));
    }
    const insertWallet = insert('wallets', wallets[0]!);
    for (const w of wallets) {
      insertWallet(w);
      insertChange(change(w.customer_id, 'wallet', w.id, 'create', toWallet(w), t0));
    }

    const walletById = new Map(wallets.map((w) => [w.id, w]));
    let insertEntry: ((row: LedgerEntryTable) => unknown) | null = null;
    let i = 0;
    for (const entry of ledger(rows, wallets)) {
      insertEntry ??= insert('ledger_entries', entry);
      insertEntry(entry);
      // The generator has just moved the wallet: its state after this movement, as writeEntry records it.
      const w = walletById.get(entry.wallet_id)!;
      insertChange(change(w.customer_id, 'wallet', w.id, 'update', toWallet(w), entry.created_at));
      insertChange(
        change(entry.customer_id, 'transaction', entry.id, 'create', toTransaction(entry), entry.created_at),
      );
      expected.amount += entry.amount;
      expected.seqs += seq;
      if (i % SAMPLE === 0) expected.sample.push(cacheRow(entry, i));
      i++;
    }

    const updateWallet = db.prepare(
      'update wallets set balance = ?, version = ?, updated_at = ? where id = ?',
    );
    for (const w of wallets) updateWallet.run(w.balance, w.version, w.updated_at, w.id);
  })();
  db.pragma('journal_mode = WAL');
  db.close();

  return {
    apiKey,
    rows,
    wallets: wallets
      .map((w) => ({ id: w.id, rows: w.version, balance: w.balance }))
      .sort((a, b) => b.rows - a.rows),
    lastSeq: seq,
    expected,
  };
}
