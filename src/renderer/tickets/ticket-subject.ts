import { useQuery } from '@tanstack/react-query';
import type { Ticket } from '../../shared/api/tickets';
import { invoiceQueries } from '../invoices/queries';
import { orderQueries } from '../orders/queries';
import type { Route } from '../shell/routes';

type Subject = NonNullable<Ticket['about']>;

/** The page of the record a ticket is about. */
export function subjectRoute(about: Subject): Route {
  if (about.kind === 'payment') return { page: 'payment', paymentId: about.id };
  if (about.kind === 'invoice') return { page: 'invoice', invoiceId: about.id };
  return { page: 'order', orderId: about.id };
}

/**
 * What people call the record a ticket is about: an order's or an invoice's number (as on its page
 * and the customer's documents) once the cache has it; a payment has only its id. Until then, the id.
 */
export function useSubjectName(about: Subject): string {
  const order = useQuery({ ...orderQueries.detail(about.id), enabled: about.kind === 'order' });
  const invoice = useQuery({ ...invoiceQueries.detail(about.id), enabled: about.kind === 'invoice' });
  if (about.kind === 'order') return order.data?.order.number ?? about.id;
  if (about.kind === 'invoice') return invoice.data?.number ?? about.id;
  return about.id;
}
