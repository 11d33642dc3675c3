import type { Customer } from '../../shared/api/customers.js';
import type { CustomerTable } from '../db/schema.js';

/** A customer row as the routes answer it and the change feed carries it. */
export function toCustomer(row: CustomerTable): Customer {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    externalRef: row.external_ref,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
