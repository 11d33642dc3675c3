import type { WalletTransaction } from '../../shared/api/wallets.js';
import type { Trx } from '../db/database.js';
import type { OrderTable } from '../db/schema.js';
import { toOrder } from '../wire/order.js';
import { emitEvent } from './emit.js';

const OUTCOME_EVENTS = {
  completed: 'order.completed',
  partial: 'order.partially_fulfilled',
  failed: 'order.failed',
} as const;

/** A placed order (services/orders/place.ts), in its transaction: `order.created`. */
export async function announceOrderPlaced(
  trx: Trx,
  row: OrderTable,
  transaction: WalletTransaction,
  now: string,
): Promise<void> {
  await emitEvent(trx, row.reseller_id, 'order.created', { order: toOrder(row), transaction }, now);
}

/**
 * An order settled (services/orders/settle.ts, once, by its conditional update): its outcome's
 * event, then `order.refunded` with the refund row when the unprovisioned share went back.
 */
export async function announceOrderSettled(
  trx: Trx,
  row: OrderTable,
  refund: WalletTransaction | null,
  now: string,
): Promise<void> {
  if (row.status === 'provisioning') return;
  const order = toOrder(row);
  await emitEvent(trx, row.reseller_id, OUTCOME_EVENTS[row.status], { order }, now);
  if (refund) await emitEvent(trx, row.reseller_id, 'order.refunded', { order, refund }, now);
}
