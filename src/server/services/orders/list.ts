import type { OrderStatus } from '../../db/schema.js';
import type { Reader } from '../lookups.js';
import type { Scope } from '../scope.js';

/** Orders the caller may see, newest first: a customer its own only. */
export function ordersQuery(
  db: Reader,
  scope: Scope,
  filters: { customerId?: string | undefined; status?: OrderStatus | undefined },
) {
  let q = db.selectFrom('orders').selectAll().where('reseller_id', '=', scope.resellerId);
  if (scope.customerId) q = q.where('customer_id', '=', scope.customerId);
  if (filters.customerId) q = q.where('customer_id', '=', filters.customerId);
  if (filters.status) q = q.where('status', '=', filters.status);
  return q;
}
