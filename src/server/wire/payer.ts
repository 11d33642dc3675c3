import type { Payer } from '../../shared/api/payments.js';
import type { PayerTable } from '../db/schema.js';

export function toPayer(row: PayerTable): Payer {
  return {
    id: row.id,
    customerId: row.customer_id,
    name: row.name,
    email: row.email,
    isDefault: row.is_default === 1,
    createdAt: row.created_at,
  };
}
