import { sql, type RawBuilder } from 'kysely';

/**
 * The answers PostgreSQL's one-statement writes build in SQL, field for field as toWallet and
 * toTransaction write them (one-statement-entry.test.ts holds them to it): `w` is the wallet row,
 * `e` the ledger row.
 */

/** The wallet as toWallet writes it, with its balance at `balance` (after this movement). */
export const walletJson = (balance: RawBuilder<unknown>) => sql`json_build_object(
  'id', w.id, 'customerId', w.customer_id, 'currency', w.currency, 'status', w.status,
  'balance', ${balance}, 'pendingCharges', w.pending_charges,
  'availableBalance', ${balance} - w.pending_charges,
  'createdAt', w.created_at, 'updatedAt', w.updated_at, 'onHold', w.spending_hold <> 0)::text`;

/** The ledger row as toTransaction writes it. */
export const ENTRY_JSON = sql`json_build_object(
  'id', e.id, 'walletId', e.wallet_id, 'customerId', e.customer_id, 'type', e.type,
  'amount', e.amount, 'balanceAfter', e.balance_after, 'currency', e.currency, 'status', e.status,
  'description', e.description, 'reference', e.reference, 'relatedId', e.related_id,
  'test', e.test <> 0, 'createdAt', e.created_at)::text`;
