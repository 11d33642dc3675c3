import type { InvoiceStatus } from '../../../shared/api/invoices.js';
import type { Reader } from '../lookups.js';
import type { Scope } from '../scope.js';

/** The invoices a caller may see (a customer: its own), filtered; the route pages them newest first. */
export function invoicesQuery(
  db: Reader,
  scope: Scope,
  filters: { customerId?: string | undefined; status?: InvoiceStatus | undefined },
) {
  let q = db.selectFrom('invoices').selectAll().where('reseller_id', '=', scope.resellerId);
  if (scope.customerId) q = q.where('customer_id', '=', scope.customerId);
  if (filters.customerId) q = q.where('customer_id', '=', filters.customerId);
  if (filters.status) q = q.where('status', '=', filters.status);
  return q;
}
