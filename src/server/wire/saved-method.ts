import type { PaymentProviderId, SavedMethod } from '../../shared/api/payments.js';
import type { SavedMethodTable } from '../db/schema.js';
import type { ChangeInput } from '../sync/record.js';

/** A saved method without its token: the token charges the payer and never leaves the server. */
export function toSavedMethod(row: SavedMethodTable): SavedMethod {
  return {
    id: row.id,
    customerId: row.customer_id,
    payerId: row.payer_id,
    provider: row.provider as PaymentProviderId,
    label: row.label,
    status: row.status,
    isDefault: row.is_default === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    removedAt: row.deleted_at,
  };
}

/** The change-feed entry of a saved method made default or removed (its customer's feed, and staff's). */
export const savedMethodChange = (row: SavedMethodTable): ChangeInput => ({
  resellerId: row.reseller_id,
  customerId: row.customer_id,
  entity: 'saved_method',
  id: row.id,
  op: 'update',
  data: toSavedMethod(row),
});
