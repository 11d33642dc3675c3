import type { Customer } from '../../shared/api/customers.js';
import { customerFromColumns } from '../../shared/wire-rows.js';
import type { CustomerTable } from '../db/schema.js';

/** A customer row as the routes answer it and the change feed carries it. */
export function toCustomer(row: CustomerTable): Customer {
  return customerFromColumns(row);
}
