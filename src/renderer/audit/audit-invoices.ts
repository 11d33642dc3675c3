import type { AuditRecord } from '../../shared/api/audit';
import { invoiceQueries } from '../invoices/queries';

/**
 * The invoices a page of audit records names (their numbers, and the currency older records left
 * unstated), from the cache, read together as the page's wallets and customers are: one request
 * however many rows the page holds, never one per invoice.
 */
export const auditInvoices = (records: readonly AuditRecord[]) =>
  invoiceQueries.named(records.flatMap((r) => (r.entityType === 'invoice' ? [r.entityId] : [])));
