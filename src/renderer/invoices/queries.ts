import { queryOptions } from '@tanstack/react-query';
import type { InvoiceListStatus } from '../../shared/api/invoices';
import { desktop } from '../bridge';
import { call } from '../lib/ipc';
import { byCreation, keysetPages } from '../lib/keyset-pages';
import { namedRecords } from '../lib/named-records';

export interface InvoiceFilter {
  customerId?: string;
  status?: InvoiceListStatus;
  from?: string;
  to?: string;
}

export const invoiceQueries = {
  all: ['invoices'] as const,
  /** Every invoice, newest first, a page at a time ("Show older invoices"); queued drafts first. */
  pages: (filter: InvoiceFilter) =>
    keysetPages(
      [...invoiceQueries.all, 'pages', filter],
      (olderThan, limit) => call(desktop().invoicesList({ ...filter, olderThan, limit })),
      // Payments too: the status filter reads the payment an invoice tracks (held, processing).
      ['invoices', 'outbox', 'customers', 'payments'],
      byCreation,
    ),
  /** The invoices that records on screen name (the audit trail's), read together, as a map by id. */
  named: (invoiceIds: readonly string[]) =>
    namedRecords(
      [...invoiceQueries.all, 'named'],
      invoiceIds,
      (ids) => call(desktop().invoicesNamed({ invoiceIds: ids })),
      ['invoices', 'payments'],
    ),
  /** An invoice, or the draft still in the outbox that will become it (by its local id). */
  detail: (invoiceId: string) =>
    queryOptions({
      queryKey: [...invoiceQueries.all, 'detail', invoiceId] as const,
      queryFn: () => call(desktop().invoicesGet({ invoiceId })),
      meta: { tables: ['invoices', 'outbox', 'payments'] },
    }),
};
