import type { CacheMigration } from '../cache/migrate.js';

/**
 * The outbox: writes made in the console, persisted before anything is sent. Unlike the cache it is
 * never rebuilt: it holds the only copy of what the user asked for until the server has answered.
 */
export const outboxMigrations: CacheMigration[] = [
  {
    version: 10,
    up(db) {
      db.exec(`
        create table outbox (
          id text primary key,
          -- the API and principal it was made for: it is only ever sent there
          account text not null,
          kind text not null,
          state text not null check (state in ('pending', 'sending', 'rejected')),
          payload text not null,
          idempotency_key text not null unique,
          customer_ref text,
          wallet_ref text,
          currency text,
          summary text not null,
          error_code text,
          error_message text,
          attempts integer not null default 0,
          created_at text not null
        ) strict;
        create index outbox_account on outbox (account, created_at);
        -- local ids of records created offline, and the server ids they became
        create table id_map (local_id text primary key, server_id text not null) strict;
      `);
    },
  },
  {
    version: 270,
    up(db) {
      // Summaries become a translation key and its values (src/shared/outbox-summary.ts), so that a
      // write queued in one language reads in the other after a switch. The English sentences already
      // stored cannot be taken apart again: they are kept, word for word, as `legacy` summaries.
      db.exec(`
        alter table outbox rename column summary to summary_json;
        update outbox set summary_json = json_object('key', 'legacy', 'values', json_object('text', summary_json));
      `);
    },
  },
  {
    version: 280,
    up(db) {
      // A refusal's reason as data (a RefusalReason as JSON, or null), kept beside the server's
      // English message so that a refused write reads in the console's language. Writes refused
      // before keep only their message.
      db.exec(`alter table outbox add column error_reason text;`);
    },
  },
];
