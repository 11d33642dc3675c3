import type { Selectable } from 'kysely';
import type { Trx } from '../db/database.js';
import type {
  CustomerTable,
  Database,
  HoldTable,
  InvoiceTable,
  LedgerEntryTable,
  OrderTable,
  ProductTable,
  SubscriptionTable,
  PaymentReviewTable,
  PaymentTable,
  SavedMethodTable,
  UserTable,
  WalletTable,
  WebhookDeliveryTable,
  WebhookEndpointTable,
} from '../db/schema.js';
import { notFound } from './failure.js';
import type { Scope } from './scope.js';

/** Anything that can read: the store's database, or a transaction. */
export type Reader = Pick<Trx, 'selectFrom'>;

/** The entities a caller reaches by id, each owned by a reseller and, through a column, a customer. */
const SCOPED = {
  customers: { name: 'customer', customerColumn: 'id', softDeleted: false },
  wallets: { name: 'wallet', customerColumn: 'customer_id', softDeleted: false },
  payments: { name: 'payment', customerColumn: 'customer_id', softDeleted: false },
  saved_methods: { name: 'saved payment method', customerColumn: 'customer_id', softDeleted: true },
  holds: { name: 'hold', customerColumn: 'customer_id', softDeleted: false },
  ledger_entries: { name: 'transaction', customerColumn: 'customer_id', softDeleted: false },
  // Staff records: no customer's scope holds them.
  payment_reviews: { name: 'payment review', customerColumn: null, softDeleted: false },
  users: { name: 'user', customerColumn: null, softDeleted: false },
  orders: { name: 'order', customerColumn: 'customer_id', softDeleted: false },
  subscriptions: { name: 'subscription', customerColumn: 'customer_id', softDeleted: false },
  webhook_endpoints: { name: 'webhook endpoint', customerColumn: null, softDeleted: true },
  webhook_deliveries: { name: 'webhook delivery', customerColumn: null, softDeleted: false },
  invoices: { name: 'invoice', customerColumn: 'customer_id', softDeleted: false },
} as const;

export interface LookupOptions {
  forUpdate?: boolean;
  /** The request field that named the id (`not_found` points at it); `id` by default. */
  field?: string;
}

type ScopedTable = keyof typeof SCOPED;

/**
 * The one scoped lookup: the row with this id if the caller's scope holds it (its reseller, and its
 * customer for the customer role), else `not_found` on `id` (or `options.field`) — another tenant's
 * row does not exist for the caller, so it is never told apart from a missing one.
 */
async function findScoped<T extends ScopedTable>(
  db: Reader,
  table: T,
  scope: Scope,
  id: string,
  options: LookupOptions = {},
): Promise<Selectable<Database[T]>> {
  const entity = SCOPED[table];
  const missing = () => notFound(entity.name, options.field ?? 'id');
  if (scope.customerId && entity.customerColumn === null) throw missing();
  // One query shape for every table: Kysely cannot type a table chosen at run time, so the rows are
  // read as the widest of them and typed back by `T` on return.
  let q = db
    .selectFrom(table as 'wallets')
    .selectAll()
    .where('id', '=', id)
    .where('reseller_id', '=', scope.resellerId);
  if (scope.customerId && entity.customerColumn !== null)
    q = q.where(entity.customerColumn as 'customer_id', '=', scope.customerId);
  if (entity.softDeleted) q = q.where('deleted_at' as never, 'is', null);
  if (options.forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw missing();
  return row as unknown as Selectable<Database[T]>;
}

export const findCustomer = (db: Reader, scope: Scope, id: string, options?: LookupOptions) =>
  findScoped(db, 'customers', scope, id, options) as Promise<CustomerTable>;

export const findWallet = (db: Reader, scope: Scope, id: string, options?: LookupOptions) =>
  findScoped(db, 'wallets', scope, id, options) as Promise<WalletTable>;

export const findInvoice = (db: Reader, scope: Scope, id: string, options?: LookupOptions) =>
  findScoped(db, 'invoices', scope, id, options) as Promise<InvoiceTable>;

export const findPayment = (db: Reader, scope: Scope, id: string, options?: LookupOptions) =>
  findScoped(db, 'payments', scope, id, options) as Promise<PaymentTable>;

export const findSavedMethod = (db: Reader, scope: Scope, id: string, options?: LookupOptions) =>
  findScoped(db, 'saved_methods', scope, id, options) as Promise<SavedMethodTable>;

export const findPaymentReview = (db: Reader, scope: Scope, id: string, options?: LookupOptions) =>
  findScoped(db, 'payment_reviews', scope, id, options) as Promise<PaymentReviewTable>;

export const findUser = (db: Reader, scope: Scope, id: string, options?: LookupOptions) =>
  findScoped(db, 'users', scope, id, options) as Promise<Selectable<UserTable>>;

export const findHold = (db: Reader, scope: Scope, id: string, options?: LookupOptions) =>
  findScoped(db, 'holds', scope, id, options) as Promise<HoldTable>;

export const findTransaction = (db: Reader, scope: Scope, id: string, options?: LookupOptions) =>
  findScoped(db, 'ledger_entries', scope, id, options) as Promise<LedgerEntryTable>;

export const findOrder = (db: Reader, scope: Scope, id: string, options?: LookupOptions) =>
  findScoped(db, 'orders', scope, id, options) as Promise<OrderTable>;

export const findSubscription = (db: Reader, scope: Scope, id: string, options?: LookupOptions) =>
  findScoped(db, 'subscriptions', scope, id, options) as Promise<SubscriptionTable>;

/** A product of the caller's reseller: the catalog is the reseller's, every role of it reads it. */
export async function findProduct(
  db: Reader,
  scope: Scope,
  id: string,
  options: LookupOptions = {},
): Promise<ProductTable> {
  const row = await db
    .selectFrom('products')
    .selectAll()
    .where('id', '=', id)
    .where('reseller_id', '=', scope.resellerId)
    .executeTakeFirst();
  if (!row) throw notFound('product', options.field ?? 'id');
  return row;
}
export const findWebhookEndpoint = (db: Reader, scope: Scope, id: string, options?: LookupOptions) =>
  findScoped(db, 'webhook_endpoints', scope, id, options) as Promise<Selectable<WebhookEndpointTable>>;

export const findWebhookDelivery = (db: Reader, scope: Scope, id: string, options?: LookupOptions) =>
  findScoped(db, 'webhook_deliveries', scope, id, options) as Promise<Selectable<WebhookDeliveryTable>>;
