import { sql } from 'kysely';
import { newId } from '../../shared/ids.js';
import type { Store } from '../db/database.js';
import { MOVEMENT_AUDIT_ACTION } from '../services/wallets/move.js';
import { ENTRY_JSON, walletJson } from '../ledger/answer-json.js';
import type { BatchMovement, MovementAnswer } from './apply-movements.js';

/**
 * PostgreSQL: the queued debits of ONE wallet applied by ONE autocommitted statement, in arrival
 * order — what batch/hot-wallets.ts sends for a hot wallet instead of a transaction (BEGIN, lock,
 * decide, write, COMMIT: five round trips with the row lock held across them).
 *
 * The statement locks the wallet (`FOR UPDATE`), then walks the debits in the order they arrived
 * (a recursive CTE, one step per debit) carrying the running balance: a debit is taken only if the
 * balance after it still covers the pending charges, exactly moveWallet's condition, so no overdraft;
 * a debit it cannot cover is skipped and the next one is tried against the same balance, as it would
 * be had each come alone. The wallet is then updated once, to the last balance and version, guarded
 * by the version it was read at; each taken debit gets its own ledger row (its own wallet_version
 * and balance_after, and naming whoever sent it: the row is its audit record), its change-feed row and
 * its answer stored under its Idempotency-Key; the wallet gets one change-feed row, its state after the group.
 *
 * What it does not decide it leaves alone, and answers null, for the transactional path
 * (batch/apply-movements.ts) to decide and store: a debit the balance does not cover (its refusal
 * names the available balance in words), a wallet that is closed, on hold, watched by alerts or
 * auto top-up, unknown or another reseller's, or a reseller with a webhook listening to payments. A key stored before fails the whole statement (unique
 * index), which then wrote nothing; the caller sends the group the transactional way.
 *
 * The group must be debits of one wallet and one reseller, each key at most once.
 */

/**
 * The debits' columns, in the order the statement unnests them: named, because the store keeps a
 * statement prepared only if no star is in its text (db/database.ts).
 */
const COLUMNS = `ord, amount, entry_id, description, reference, key, request_hash, actor_user_id,
  actor_api_key_id, actor_role`;

/** The wallet after a debit (t: the debit's step, w: the updated wallet). */
const WALLET_JSON = walletJson(sql`t.balance`);

const CREATED = 201;

/**
 * Each debit's answer (201 and its body) where the statement took it, null where it left it to the
 * transactional path; throws, having written nothing, if a key was stored before.
 */
export async function debitHotWallet(
  store: Store,
  resellerId: string,
  walletId: string,
  debits: readonly BatchMovement[],
  now: string,
): Promise<Array<MovementAnswer | null>> {
  const column = <T>(pick: (m: BatchMovement, i: number) => T) => debits.map(pick);
  const { rows } = await sql<{ ord: number; body: string }>`
    WITH RECURSIVE d AS (
      SELECT ${sql.raw(COLUMNS)} FROM unnest(
        ${column((_, i) => i)}::int[], ${column((m) => m.amount)}::bigint[],
        ${column(() => newId('transaction'))}::text[], ${column((m) => m.description)}::text[],
        ${column((m) => m.reference ?? null)}::text[], ${column((m) => m.key)}::text[],
        ${column((m) => m.requestHash)}::text[],
        ${column((m) => m.sender?.actor?.userId ?? null)}::text[],
        ${column((m) => m.sender?.actor?.apiKeyId ?? null)}::text[],
        ${column((m) => m.sender?.actor?.role ?? 'system')}::text[]
      ) AS d(${sql.raw(COLUMNS)})
    ), cur AS (
      SELECT id, balance, pending_charges, version
        FROM wallets
       WHERE id = ${walletId} AND reseller_id = ${resellerId} AND status = 'active' AND spending_hold = 0
         -- Watched wallets (alerts, auto top-up) run hooks on every movement: the services' path.
         AND NOT EXISTS (SELECT 1 FROM wallet_alert_settings s WHERE s.wallet_id = wallets.id)
         AND NOT EXISTS (SELECT 1 FROM wallet_auto_top_ups a WHERE a.wallet_id = wallets.id)
         -- A reseller listening to payments gets its events from the transactional path.
         AND NOT EXISTS (SELECT 1 FROM webhook_endpoints h
                          WHERE h.reseller_id = wallets.reseller_id AND h.status = 'enabled'
                            AND h.deleted_at IS NULL AND jsonb_exists(h.events::jsonb, 'wallet.payment_made'))
         FOR UPDATE
    ), run AS (
      -- Step ord: the balance and version after deciding debit ord (-1: as read).
      SELECT -1 AS ord, balance, version, false AS taken FROM cur
      UNION ALL
      SELECT d.ord,
             CASE WHEN x.takes THEN run.balance - d.amount ELSE run.balance END,
             CASE WHEN x.takes THEN run.version + 1 ELSE run.version END,
             x.takes
        FROM run
        JOIN d ON d.ord = run.ord + 1
       CROSS JOIN cur
       CROSS JOIN LATERAL (SELECT run.balance - d.amount >= cur.pending_charges AS takes) x
    ), t AS (
      SELECT run.balance, run.version, ${sql.raw(COLUMNS.replace(/(\w+)/g, 'd.$1'))}
        FROM run JOIN d ON d.ord = run.ord WHERE run.taken
    ), w AS (
      UPDATE wallets
         SET balance = last.balance, version = last.version, updated_at = ${now}
        FROM cur, (SELECT balance, version FROM run ORDER BY ord DESC LIMIT 1) last
       WHERE wallets.id = cur.id AND wallets.version = cur.version
         AND last.version > cur.version AND last.balance >= wallets.pending_charges
      RETURNING wallets.id, wallets.reseller_id, wallets.customer_id, wallets.currency, wallets.status,
                wallets.pending_charges, wallets.created_at, wallets.updated_at, wallets.spending_hold
    ), e AS (
      INSERT INTO ledger_entries (id, reseller_id, customer_id, wallet_id, wallet_version, type, amount,
                                  balance_after, currency, status, description, reference, related_id,
                                  audit_action, actor_user_id, actor_api_key_id, actor_role, created_at)
      -- As debitWallet writes a debit, its own audit record (services/wallets/move.ts).
      SELECT t.entry_id, w.reseller_id, w.customer_id, w.id, t.version, 'payment', -t.amount, t.balance,
             w.currency, 'completed', t.description, t.reference, NULL, ${MOVEMENT_AUDIT_ACTION.payment}::text, t.actor_user_id,
             t.actor_api_key_id, t.actor_role, ${now}
        FROM t CROSS JOIN w
      RETURNING id, reseller_id, customer_id, wallet_id, type, amount, balance_after, currency, status,
                description, reference, related_id, test, created_at
    ), j AS (
      SELECT t.ord, t.key, t.request_hash, w.reseller_id, w.customer_id, w.id AS wallet_id, e.id AS entry_id,
             ${WALLET_JSON} AS wallet_json, ${ENTRY_JSON} AS entry_json
        FROM t CROSS JOIN w JOIN e ON e.id = t.entry_id
    ), c AS (
      -- The wallet's feed row once, as the group leaves it (as batch/apply-movements.ts does): a
      -- reader sees the group only once it committed, so the states between were never needed.
      INSERT INTO changes (reseller_id, customer_id, entity, entity_id, op, data, created_at)
      SELECT reseller_id, customer_id, 'transaction', entry_id, 'create', entry_json, ${now} FROM j
      UNION ALL
      SELECT reseller_id, customer_id, 'wallet', wallet_id, 'update', wallet_json, ${now}
        FROM j WHERE ord = (SELECT max(ord) FROM j)
    ), k AS (
      INSERT INTO idempotency_keys (reseller_id, key, request_hash, response_status, response_body, created_at)
      SELECT reseller_id, key, request_hash, ${CREATED}::int,
             '{"transaction":' || entry_json || ',"wallet":' || wallet_json || '}', ${now}
        FROM j
    )
    SELECT ord, '{"transaction":' || entry_json || ',"wallet":' || wallet_json || '}' AS body
      FROM j ORDER BY ord
  `.execute(store.db);
  const answers: Array<MovementAnswer | null> = debits.map(() => null);
  for (const row of rows) {
    answers[row.ord] = { status: CREATED, replayed: false, body: JSON.parse(row.body) as unknown };
  }
  if (rows.length > 0) store.events.emit('committed');
  return answers;
}
