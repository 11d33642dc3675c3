import { sql } from 'kysely';
import { newId } from '../../shared/ids.js';
import { MAX_BALANCE } from '../../shared/money.js';
import type { Store } from '../db/database.js';
import type { LedgerEntryTable } from '../db/schema.js';

/**
 * PostgreSQL: a credit, debit or adjustment under an Idempotency-Key as ONE autocommitted statement —
 * the wallet's conditional UPDATE, its ledger row, the two change-feed rows and the stored answer under
 * the key. The transactional path (postEntry inside runIdempotent) costs five round trips (BEGIN,
 * UPDATE, INSERTs, key, COMMIT), each of which the wallet's row lock is held across; this is one, so a
 * hot wallet's lock is held only for the statement itself.
 *
 * Exactly-once still comes from the key's unique index: a repeated key makes the key INSERT fail, and
 * with it the whole statement (wallet, ledger and feed rows included). The caller then takes the
 * transactional path, which answers the stored outcome. A refusal (funds, closed or unknown wallet)
 * matches no wallet row, writes nothing and returns null: the transactional path explains and stores it.
 *
 * The JSON the statement stores (answer and feed rows) is built by json_build_object from the same
 * columns toWallet/toTransaction read; one-statement-entry.test.ts holds the two to the same output.
 */

export interface OneStatementEntry {
  resellerId: string;
  walletId: string;
  type: LedgerEntryTable['type'];
  /** Signed minor units: positive credit, negative debit. */
  amount: number;
  description: string;
  reference: string | null;
  now: string;
  key: string;
  requestHash: string;
  /** The HTTP status stored with the answer. */
  status: number;
}

/** The wallet after the move, as toWallet writes it. */
const WALLET_JSON = sql`json_build_object(
  'id', w.id, 'customerId', w.customer_id, 'currency', w.currency, 'status', w.status,
  'balance', w.balance, 'pendingCharges', w.pending_charges,
  'availableBalance', w.balance - w.pending_charges,
  'createdAt', w.created_at, 'updatedAt', w.updated_at)::text`;

/** The ledger row, as toTransaction writes it. */
const ENTRY_JSON = sql`json_build_object(
  'id', e.id, 'walletId', e.wallet_id, 'customerId', e.customer_id, 'type', e.type,
  'amount', e.amount, 'balanceAfter', e.balance_after, 'currency', e.currency, 'status', e.status,
  'description', e.description, 'reference', e.reference, 'relatedId', e.related_id,
  'createdAt', e.created_at)::text`;

/** Returns the answer's JSON text (`{transaction, wallet}`), or null if the wallet refused the move. */
export async function postEntryInOneStatement(
  store: Store,
  input: OneStatementEntry,
): Promise<string | null> {
  const { rows } = await sql<{ body: string }>`
    WITH w AS (
      UPDATE wallets
         SET balance = balance + ${input.amount}::bigint, version = version + 1, updated_at = ${input.now}::text
       WHERE id = ${input.walletId}::text AND reseller_id = ${input.resellerId}::text AND status = 'active'
         AND balance + ${input.amount}::bigint >= pending_charges
         AND balance + ${input.amount}::bigint <= ${MAX_BALANCE}::bigint
      RETURNING id, reseller_id, customer_id, currency, status, balance, pending_charges, version,
                created_at, updated_at
    ), e AS (
      INSERT INTO ledger_entries (id, reseller_id, customer_id, wallet_id, wallet_version, type, amount,
                                  balance_after, currency, status, description, reference, related_id,
                                  created_at)
      SELECT ${newId('transaction')}::text, reseller_id, customer_id, id, version, ${input.type}::text,
             ${input.amount}::bigint, balance, currency, 'completed', ${input.description}::text,
             ${input.reference}::text, NULL, ${input.now}::text
        FROM w
      RETURNING id, reseller_id, customer_id, wallet_id, type, amount, balance_after, currency, status,
                description, reference, related_id, created_at
    ), j AS (
      SELECT e.reseller_id, e.customer_id, e.wallet_id, e.id AS entry_id,
             ${WALLET_JSON} AS wallet_json, ${ENTRY_JSON} AS entry_json
        FROM w, e
    ), c AS (
      INSERT INTO changes (reseller_id, customer_id, entity, entity_id, op, data, created_at)
      SELECT reseller_id, customer_id, 'wallet', wallet_id, 'update', wallet_json, ${input.now}::text
        FROM j
      UNION ALL
      SELECT reseller_id, customer_id, 'transaction', entry_id, 'create', entry_json, ${input.now}::text
        FROM j
    ), k AS (
      INSERT INTO idempotency_keys (reseller_id, key, request_hash, response_status, response_body, created_at)
      SELECT reseller_id, ${input.key}::text, ${input.requestHash}::text, ${input.status}::integer,
             '{"transaction":' || entry_json || ',"wallet":' || wallet_json || '}', ${input.now}::text
        FROM j
    )
    SELECT '{"transaction":' || entry_json || ',"wallet":' || wallet_json || '}' AS body FROM j
  `.execute(store.db);
  const body = rows[0]?.body ?? null;
  if (body !== null) store.events.emit('committed');
  return body;
}
