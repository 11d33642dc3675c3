import { sql } from 'kysely';
import { newId } from '../../shared/ids.js';
import { MAX_BALANCE } from '../../shared/money.js';
import type { Store } from '../db/database.js';
import type { Actor } from '../services/scope.js';
import { MOVEMENT_AUDIT_ACTION } from '../services/wallets/move.js';
import { ENTRY_JSON, walletJson } from './answer-json.js';

/**
 * PostgreSQL: credits, debits and adjustments under their Idempotency-Keys as ONE autocommitted
 * statement — for each, the wallet's conditional UPDATE, its ledger row (its audit record too, naming
 * the action and actor as the movement's service does: services/wallets/move.ts), the two change-feed
 * rows and the stored answer under the key. The transactional path (postEntry inside runIdempotent) costs five
 * round trips (BEGIN, UPDATE, INSERTs, key, COMMIT), each of which the wallet's row lock is held
 * across; this is one, and one commit, for a whole batch of movements (see entry-batcher.ts).
 *
 * Exactly-once still comes from the key's unique index: a key stored before makes the key INSERT
 * fail, and with it the whole statement (every movement of the batch). A movement the wallet refuses
 * (funds, closed, unknown, another reseller's) matches no wallet row and writes nothing; it is simply
 * missing from the answer, and the transactional path explains and stores the refusal. So is a
 * debit of a reseller with a webhook listening to payments: the service emits its event.
 *
 * The JSON the statement stores (answers and feed rows) is built by json_build_object from the same
 * columns toWallet/toTransaction read; one-statement-entry.test.ts holds the two to the same output.
 *
 * A batch must name each wallet at most once (an UPDATE … FROM moves a row once, whatever joins it)
 * and each key at most once.
 *
 * Several wallets are locked first, in id order (`l`, read whole by an InitPlan before the UPDATE
 * moves any row), as every other multi-wallet writer locks them (batch/apply-movements.ts): left to
 * the UPDATE's plan, two statements from two API processes naming the same wallets could lock them
 * in opposite orders and deadlock (batch/lock-order.test.ts).
 */

export interface OneStatementEntry {
  resellerId: string;
  walletId: string;
  type: keyof typeof MOVEMENT_AUDIT_ACTION;
  /** Signed minor units: positive credit, negative debit. */
  amount: number;
  description: string;
  reference: string | null;
  now: string;
  key: string;
  requestHash: string;
  /** The HTTP status stored with the answer. */
  status: number;
  /** Whoever sent the movement, for its audit record. */
  actor?: Actor | undefined;
}

/**
 * The movements' columns, in the order the statement unnests them: named, because the store keeps a
 * statement prepared only if no star is in its text (db/database.ts).
 */
const COLUMNS = `ord, wallet_id, reseller_id, amount, entry_id, type, description, reference, key, request_hash,
  answer_status, now, audit_action, actor_user_id, actor_api_key_id, actor_role`;

/** The wallet after the move. */
const WALLET_JSON = walletJson(sql`w.balance`);

/**
 * Returns each movement's answer JSON text (`{transaction, wallet}`), or null where the wallet refused
 * it; throws (writing nothing at all) if any key was stored before.
 */
export async function postEntriesInOneStatement(
  store: Store,
  inputs: readonly OneStatementEntry[],
): Promise<Array<string | null>> {
  const column = <T>(pick: (input: OneStatementEntry, i: number) => T) => inputs.map(pick);
  const [only] = inputs;
  // One movement: plain parameters, which PostgreSQL plans as a single-row update by primary key.
  // Several: the same columns as arrays, unnested into rows.
  const movements =
    inputs.length === 1 && only
      ? sql`SELECT 0 AS ord, ${only.walletId}::text AS wallet_id, ${only.resellerId}::text AS reseller_id,
               ${only.amount}::bigint AS amount, ${newId('transaction')}::text AS entry_id,
               ${only.type}::text AS type, ${only.description}::text AS description,
               ${only.reference}::text AS reference, ${only.key}::text AS key,
               ${only.requestHash}::text AS request_hash, ${only.status}::int AS answer_status,
               ${only.now}::text AS now,
               ${MOVEMENT_AUDIT_ACTION[only.type]}::text AS audit_action, ${only.actor?.userId ?? null}::text AS actor_user_id,
               ${only.actor?.apiKeyId ?? null}::text AS actor_api_key_id,
               ${only.actor?.role ?? 'system'}::text AS actor_role`
      : sql`SELECT ${sql.raw(COLUMNS)} FROM unnest(
               ${column((_, i) => i)}::int[], ${column((x) => x.walletId)}::text[],
               ${column((x) => x.resellerId)}::text[], ${column((x) => x.amount)}::bigint[],
               ${column(() => newId('transaction'))}::text[], ${column((x) => x.type)}::text[],
               ${column((x) => x.description)}::text[], ${column((x) => x.reference)}::text[],
               ${column((x) => x.key)}::text[], ${column((x) => x.requestHash)}::text[],
               ${column((x) => x.status)}::int[], ${column((x) => x.now)}::text[],
               ${column((x) => MOVEMENT_AUDIT_ACTION[x.type])}::text[],
               ${column((x) => x.actor?.userId ?? null)}::text[],
               ${column((x) => x.actor?.apiKeyId ?? null)}::text[],
               ${column((x) => x.actor?.role ?? 'system')}::text[]
             ) AS d(${sql.raw(COLUMNS)})`;
  const lockInOrder =
    inputs.length === 1
      ? sql``
      : sql`AND (SELECT count(l.id) FROM (SELECT id FROM wallets WHERE id IN (SELECT wallet_id FROM d)
                                         ORDER BY id FOR UPDATE) l) >= 0`;
  const { rows } = await sql<{ ord: number; body: string }>`
    WITH d AS (${movements}
    ), w AS (
      UPDATE wallets
         SET balance = wallets.balance + d.amount, version = wallets.version + 1, updated_at = d.now
        FROM d
       WHERE wallets.id = d.wallet_id AND wallets.reseller_id = d.reseller_id AND wallets.status = 'active'
         AND wallets.balance + d.amount >= wallets.pending_charges
         AND wallets.balance + d.amount <= ${MAX_BALANCE}::bigint
         -- Watched wallets (alerts, auto top-up) take the transactional path, where their hook runs.
         AND NOT EXISTS (SELECT 1 FROM wallet_alert_settings s WHERE s.wallet_id = wallets.id)
         AND NOT EXISTS (SELECT 1 FROM wallet_auto_top_ups t WHERE t.wallet_id = wallets.id AND t.enabled = 1)
         AND (wallets.spending_hold = 0 OR d.amount >= 0)
         -- A reseller listening to payments gets its event from the service (transactional path).
         AND (d.type <> 'payment' OR NOT EXISTS (
               SELECT 1 FROM webhook_endpoints h
                WHERE h.reseller_id = wallets.reseller_id AND h.status = 'enabled' AND h.deleted_at IS NULL
                  AND jsonb_exists(h.events::jsonb, 'wallet.payment_made')))
         ${lockInOrder}
      RETURNING d.ord, d.entry_id, d.type, d.amount, d.description, d.reference, d.key, d.request_hash,
                d.answer_status, d.now, d.audit_action, d.actor_user_id, d.actor_api_key_id,
                d.actor_role, wallets.id, wallets.reseller_id, wallets.customer_id, wallets.currency,
                wallets.status, wallets.balance, wallets.pending_charges, wallets.version,
                wallets.created_at, wallets.updated_at, wallets.spending_hold
    ), e AS (
      INSERT INTO ledger_entries (id, reseller_id, customer_id, wallet_id, wallet_version, type, amount,
                                  balance_after, currency, status, description, reference, related_id,
                                  audit_action, actor_user_id, actor_api_key_id, actor_role, created_at)
      SELECT entry_id, reseller_id, customer_id, id, version, type, amount, balance, currency, 'completed',
             description, reference, NULL, audit_action, actor_user_id, actor_api_key_id, actor_role, now
        FROM w
      RETURNING id, reseller_id, customer_id, wallet_id, type, amount, balance_after, currency, status,
                description, reference, related_id, test, created_at
    ), j AS (
      SELECT w.ord, w.reseller_id, w.customer_id, w.id AS wallet_id, e.id AS entry_id, w.key,
             w.request_hash, w.answer_status, w.now,
             ${WALLET_JSON} AS wallet_json, ${ENTRY_JSON} AS entry_json
        FROM w JOIN e ON e.id = w.entry_id
    ), c AS (
      INSERT INTO changes (reseller_id, customer_id, entity, entity_id, op, data, created_at)
      SELECT reseller_id, customer_id, 'wallet', wallet_id, 'update', wallet_json, now FROM j
      UNION ALL
      SELECT reseller_id, customer_id, 'transaction', entry_id, 'create', entry_json, now FROM j
    ), k AS (
      INSERT INTO idempotency_keys (reseller_id, key, request_hash, response_status, response_body, created_at)
      SELECT reseller_id, key, request_hash, answer_status,
             '{"transaction":' || entry_json || ',"wallet":' || wallet_json || '}', now
        FROM j
    )
    SELECT ord, '{"transaction":' || entry_json || ',"wallet":' || wallet_json || '}' AS body FROM j
  `.execute(store.db);
  const answers: Array<string | null> = inputs.map(() => null);
  for (const row of rows) answers[row.ord] = row.body;
  if (rows.length > 0) store.events.emit('committed');
  return answers;
}
