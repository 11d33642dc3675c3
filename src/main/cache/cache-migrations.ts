import type BetterSqlite3 from 'better-sqlite3';
import type { CacheMigration } from './migrate.js';

/**
 * The local cache: a copy of what the signed-in user may see, rebuilt from the server whenever it is
 * missing, corrupt or from another release. Amounts are integer minor units, as on the wire.
 */
export const cacheMigrations: CacheMigration[] = [
  {
    version: 10,
    up(db) {
      db.exec(`
        create table meta (key text primary key, value text not null) strict;
        create table customers (
          id text primary key, name text not null, email text not null, external_ref text,
          search_text text not null, created_at text not null, updated_at text not null
        ) strict;
        create table wallets (
          id text primary key, customer_id text not null, currency text not null, status text not null,
          balance integer not null, pending_charges integer not null,
          created_at text not null, updated_at text not null
        ) strict;
        create index wallets_customer on wallets (customer_id);
        -- seq: the feed position that created the row, so history reads in commit order.
        create table transactions (
          id text primary key, seq integer not null, wallet_id text not null, customer_id text not null,
          type text not null, amount integer not null, balance_after integer not null, currency text not null,
          status text not null, description text not null, reference text, related_id text, created_at text not null
        ) strict;
        create index transactions_wallet_seq on transactions (wallet_id, seq);
        create index transactions_seq on transactions (seq);
        create table holds (
          id text primary key, wallet_id text not null, customer_id text not null, amount integer not null,
          captured_amount integer not null, currency text not null, status text not null,
          description text not null, transaction_id text, created_at text not null, updated_at text not null
        ) strict;
        create index holds_wallet on holds (wallet_id);
      `);
    },
  },
  {
    // Transactions keyed by their feed position (seq: the table is stored in history order and needs
    // no separate seq index) and numbered within their wallet (ordinal: 1 for the oldest, dense, in
    // feed order) so that a page of history at any depth is one index seek. The rows are fetched
    // again rather than renumbered here: the cache is rebuildable, and without a cursor the next
    // pull replays the feed from the start (customers, wallets and holds are upserts).
    version: 20,
    up(db) {
      db.exec(`
        drop table transactions;
        create table transactions (
          seq integer primary key, id text not null unique, wallet_id text not null, ordinal integer not null,
          customer_id text not null, type text not null, amount integer not null, balance_after integer not null,
          currency text not null, status text not null, description text not null, reference text,
          related_id text, created_at text not null
        ) strict;
        create index transactions_wallet_ordinal on transactions (wallet_id, ordinal);
        delete from meta where key = 'cursor';
      `);
    },
  },
  {
    // Top-ups through gateways, as the change feed sends them. The columns the Payments screen
    // filters and sorts on are columns; the rest (checkout, flags, reasons) is the payment as the
    // server sent it, kept whole in `data` (it is only ever read back as one record).
    version: 30,
    up(db) {
      db.exec(`
        create table payments (
          id text primary key, wallet_id text not null, customer_id text not null, provider text not null,
          status text not null, created_at text not null, updated_at text not null, data text not null
        ) strict;
        create index payments_created on payments (created_at, id);
        create index payments_wallet on payments (wallet_id, created_at);
      `);
    },
  },
  {
    // Test mode on ledger rows: 1 on a top-up through the sandbox test gateway (no real money), as
    // the change feed's `test` flag says; rows cached before it read 0, as they do on the server.
    version: 40,
    up(db) {
      db.exec(`alter table transactions add column test integer not null default 0;`);
    },
  },
  {
    // Payments now carry the provider's reference (what staff search for in the provider's
    // dashboard), which the cached ones were stored without. They are fetched again: without a
    // cursor the next pull replays the feed (customers, wallets and holds are upserts, ledger rows
    // already held are ignored), and the payments come back whole.
    version: 60,
    up(db) {
      db.exec(`
        delete from payments;
        delete from meta where key = 'cursor';
      `);
    },
  },
  {
    // A merchant's own credit (staff "Add credit", a wallet's "Initial balance") is a `credit` ledger
    // row now, not a `top_up` (which a customer's gateway top-up or an applied bank transfer stays).
    // The rule of the server's migration 0090: a cached `top_up` with no related record (every
    // top-up from money paid in names its payment or review) and no cached payment pointing at it.
    version: 90,
    up(db) {
      db.exec(`
        update transactions set type = 'credit'
        where type = 'top_up' and related_id is null
          and id not in (select json_extract(data, '$.transactionId') from payments
                         where json_extract(data, '$.transactionId') is not null);
      `);
    },
  },
  {
    // Invoices, as the change feed sends them: the columns the Invoices screen filters and sorts on,
    // and the invoice whole in `data`. No invoice was in any feed before this release, so nothing
    // needs fetching again.
    version: 100,
    up(db) {
      db.exec(`
        create table invoices (
          id text primary key, customer_id text not null, number text, status text not null,
          currency text not null, due_date text, issued_at text, created_at text not null,
          updated_at text not null, data text not null
        ) strict;
        create index invoices_created on invoices (created_at, id);
        create index invoices_customer on invoices (customer_id, created_at);
      `);
    },
  },
  {
    // Orders and subscriptions, as the change feed sends them (server migration 0120): the columns
    // the screens filter and sort on, and the record as the server sent it, whole, in `data`.
    version: 110,
    up(db) {
      db.exec(`
        create table orders (
          id text primary key, customer_id text not null, status text not null,
          created_at text not null, data text not null
        ) strict;
        create index orders_created on orders (created_at, id);
        create table subscriptions (
          id text primary key, customer_id text not null, status text not null,
          current_period_end text not null, created_at text not null, data text not null
        ) strict;
        create index subscriptions_period_end on subscriptions (current_period_end, id);
        create table notices (
          id text primary key, customer_id text not null, created_at text not null, data text not null
        ) strict;
      `);
    },
  },
  {
    // A wallet on hold: a reversed payment (a dispute, a chargeback) left it owing money, and it takes
    // no new spending until that is settled. Wallets cached before read 0 until their next change.
    version: 120,
    up(db) {
      db.exec(`alter table wallets add column on_hold integer not null default 0;`);
    },
  },
  {
    // Low-balance alerts (history, newest first per wallet), each wallet's alert settings and state,
    // and its auto top-up: kept whole in `data` as the feed sends them. The cursor is reset so that
    // the next pull brings the ones the server already has (everything else is an upsert or ignored).
    version: 140,
    up(db) {
      db.exec(`
        create table wallet_alerts (
          id text primary key, wallet_id text not null, customer_id text not null, type text not null,
          created_at text not null, data text not null
        ) strict;
        create index wallet_alerts_wallet on wallet_alerts (wallet_id, created_at);
        create table wallet_alert_settings (
          wallet_id text primary key, state text not null, updated_at text not null, data text not null
        ) strict;
        create table wallet_auto_top_ups (
          wallet_id text primary key, updated_at text not null, data text not null
        ) strict;
        delete from meta where key = 'cursor';
      `);
    },
  },
  {
    // The search index (SearchIndex, search-index.ts): per kind of record, two contentless FTS5
    // tables, words (accents folded, prefixes of 2 to 6 letters indexed) and codes (trigrams: any
    // piece of an id, reference, address or memo). One table per kind, so that a kind with no match
    // costs nothing however many ledger rows match. Customers and payments are marked dirty by
    // triggers, cheap beside the upsert; ledger rows are picked up past `meta.search_seq`, so a sync
    // writes no index at all.
    version: 150,
    up(db) {
      for (const kind of ['customer', 'payment', 'transaction']) createSearchTables(db, kind);
      db.exec(`
        create table search_refs (
          docid integer primary key, kind text not null, ref_id text not null, unique (kind, ref_id)
        ) strict;
        create table search_dirty (kind text not null, ref_id text not null, primary key (kind, ref_id)) without rowid, strict;
      `);
      indexOnChange(db, 'customers', 'customer');
      indexOnChange(db, 'payments', 'payment');
    },
  },
  {
    // Support tickets, each whole in `data` with its thread, as the feed sends them; the columns the
    // Tickets screen filters on (status, assignee, the record it is about). The cursor is reset so the
    // next pull brings the tickets the server already has (everything else is an upsert or ignored).
    version: 190,
    up(db) {
      db.exec(`
        create table tickets (
          id text primary key, customer_id text not null, status text not null, assignee_user_id text,
          subject_id text, updated_at text not null, data text not null
        ) strict;
        create index tickets_updated on tickets (updated_at);
        create index tickets_subject on tickets (subject_id);
        delete from meta where key = 'cursor';
      `);
    },
  },
  {
    // The reconciliation workbench remembers each bank's CSV column mapping (JSON BankColumnMapping).
    // Staff's own settings, not server data: clear() and rebuild() leave the table alone.
    version: 200,
    up(db) {
      db.exec(`
        create table bank_mappings (bank text primary key, mapping text not null, updated_at text not null) strict;
      `);
    },
  },
  {
    // Invoices, orders and support tickets join the search index (by number, memo, line descriptions,
    // product, subject and thread): more kinds as migration 150 made the first three, and what the
    // cache already holds is marked dirty so the indexer reaches it.
    version: 220,
    up(db) {
      for (const [table, kind] of [
        ['invoices', 'invoice'],
        ['orders', 'order'],
        ['tickets', 'ticket'],
      ] as const) {
        createSearchTables(db, kind);
        indexOnChange(db, table, kind);
      }
    },
  },
  {
    // Every history filter a keyset read (issue 14). A row is numbered within its wallet and type too
    // (type_ordinal: 1 for the oldest, dense, in feed order, as `ordinal` is within the wallet), so a
    // page of one type at any depth is one index seek and its count is a max(), never a count(*).
    // Rows already cached are numbered here in one pass; rows never change type once written.
    // Payments get an index per filter the Payments screen offers (status, provider, with a wallet),
    // each ending in its sort order so that a page stops after `limit` rows.
    version: 240,
    up(db) {
      db.exec(`
        alter table transactions add column type_ordinal integer not null default 0;
        update transactions set type_ordinal = numbered.n
          from (select seq, row_number() over (partition by wallet_id, type order by ordinal) as n
                from transactions) as numbered
          where transactions.seq = numbered.seq;
        create index transactions_wallet_type_ordinal on transactions (wallet_id, type, type_ordinal);
        create index payments_status on payments (status, created_at, id);
        create index payments_provider on payments (provider, created_at, id);
        create index payments_wallet_status on payments (wallet_id, status, created_at, id);
      `);
    },
  },
  {
    // The Payments, Orders and Invoices screens page newest first by (created_at, id) (keyset-pages.ts):
    // an index per filter they offer, ending in that order, so a page is one seek at any depth.
    version: 250,
    up(db) {
      db.exec(`
        create index orders_customer on orders (customer_id, created_at, id);
        create index orders_status on orders (status, created_at, id);
        create index invoices_status on invoices (status, created_at, id);
        drop index invoices_customer;
        create index invoices_customer on invoices (customer_id, created_at, id);
        drop index payments_wallet;
        create index payments_wallet on payments (wallet_id, created_at, id);
      `);
    },
  },
  {
    // The Tickets screen pages by latest activity the same way: an index per filter it offers
    // (status, assignee, what a ticket is about), each ending in (updated_at, id).
    version: 260,
    up(db) {
      db.exec(`
        drop index tickets_updated;
        create index tickets_updated on tickets (updated_at, id);
        create index tickets_status on tickets (status, updated_at, id);
        create index tickets_assignee on tickets (assignee_user_id, updated_at, id);
        drop index tickets_subject;
        create index tickets_subject on tickets (subject_id, updated_at, id);
      `);
    },
  },
  {
    // The renewals lists page soonest first by (current_period_end, id), most often over the live
    // subscriptions only (ended ones pile up and would fill every page): an index for each filter.
    version: 270,
    up(db) {
      db.exec(`
        create index subscriptions_customer on subscriptions (customer_id, current_period_end, id);
        create index subscriptions_live on subscriptions (current_period_end, id)
          where status in ('active', 'past_due');
        create index subscriptions_customer_live on subscriptions (customer_id, current_period_end, id)
          where status in ('active', 'past_due');
      `);
    },
  },
  {
    // Staff apply an unmatched bank transfer to a payment not yet paid, in the transfer's currency:
    // the payment's currency as a column, and an index over the unpaid ones, newest first.
    version: 280,
    up(db) {
      db.exec(`
        alter table payments add column currency text not null default '';
        update payments set currency = coalesce(json_extract(data, '$.currency'), '');
        create index payments_unpaid on payments (currency, created_at, id) where status != 'paid';
      `);
    },
  },
  {
    // A paid top-up's page shows the receipt invoice issued for it: found by an index, not by
    // reading every cached invoice's JSON.
    version: 290,
    up(db) {
      db.exec(`
        alter table invoices add column receipt_payment_id text;
        update invoices set receipt_payment_id = json_extract(data, '$.receiptPaymentId');
        create index invoices_receipt on invoices (receipt_payment_id) where receipt_payment_id is not null;
      `);
    },
  },
  {
    // The Customers screen lists every customer by name: in this index's order, a page deep down
    // steps over the index instead of sorting the whole table for each page.
    version: 300,
    up(db) {
      db.exec(`create index customers_name on customers (name collate nocase, id);`);
    },
  },
  {
    // A page of wallets by customer name then currency walks customers_name and, for each customer,
    // the new index in currency order: no sort, however many wallets. customers_name is rebuilt as
    // unique (it holds the primary key, so it always was): SQLite only trusts an outer loop to give
    // one row per customer, and the inner one to order what is left, when an index says so.
    version: 310,
    up(db) {
      db.exec(`
        create index wallets_customer_currency on wallets (customer_id, currency);
        drop index wallets_customer;
        drop index customers_name;
        create unique index customers_name on customers (name collate nocase, id);
      `);
    },
  },
  {
    // The low wallets, longest below their line first, read and counted from an index of their own:
    // the header and the dashboard ask on every change, and most wallets are fine.
    version: 320,
    up(db) {
      db.exec(`
        alter table wallet_alert_settings add column state_since text not null default '';
        update wallet_alert_settings set state_since = coalesce(json_extract(data, '$.stateSince'), '');
        create index wallet_alert_settings_low on wallet_alert_settings (state_since, wallet_id)
          where state = 'low';
      `);
    },
  },
  {
    // One customer's payments (the Payments screen filtered from the customer's page), newest first,
    // a keyset page at a time like every other filter of that screen (migration 250).
    version: 330,
    up(db) {
      db.exec(`create index payments_customer on payments (customer_id, created_at, id);`);
    },
  },
  {
    // What a row the server wrote itself says, as JSON of its kind and figures, for the console to
    // word in its language (shared/api/ledger-wording.ts). Rows cached before have none and show
    // their description, as rows a person described do.
    version: 340,
    up(db) {
      db.exec(`alter table transactions add column wording text;`);
    },
  },
  {
    // The language a customer's emails are written in, and who chose it (the customer page shows
    // and sets it). Customers cached before read as not chosen until their next change arrives.
    version: 350,
    up(db) {
      db.exec(`
        alter table customers add column language text;
        alter table customers add column language_set_by text;
      `);
    },
  },
  {
    // Failed auto top-ups' alerts cached with their English alone (sent before the server's 0476):
    // the server's 0495 gave their feed entries the facts a console words in its language. Cached
    // alerts are never rewritten by the feed (insert or ignore), so these are dropped and, if there
    // were any, the cursor reset: the next pull brings them again with their facts, as history.
    version: 370,
    up(db) {
      const { changes } = db
        .prepare(
          `delete from wallet_alerts where type = 'wallet.auto_top_up_failed'
             and json_extract(data, '$.autoTopUp') is null`,
        )
        .run();
      if (changes > 0) db.exec(`delete from meta where key = 'cursor';`);
    },
  },
];

/** A search kind's two contentless FTS5 tables: words (accents folded, prefixes) and codes (trigrams). */
function createSearchTables(db: BetterSqlite3.Database, kind: string): void {
  db.exec(`
    create virtual table search_words_${kind} using fts5(
      words, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4 5 6', content = '', contentless_delete = 1
    );
    create virtual table search_codes_${kind} using fts5(
      codes, tokenize = 'trigram', content = '', contentless_delete = 1
    );
  `);
}

/** Marks a record dirty for the indexer whenever its row changes, and marks every row there now. */
function indexOnChange(db: BetterSqlite3.Database, table: string, kind: string): void {
  for (const [event, row] of [
    ['insert', 'new'],
    ['update', 'new'],
    ['delete', 'old'],
  ]) {
    db.exec(`
      create trigger ${table}_search_${event} after ${event} on ${table}
      begin insert into search_dirty values ('${kind}', ${row}.id) on conflict do nothing; end;
    `);
  }
  db.exec(`insert into search_dirty select '${kind}', id from ${table};`);
}
