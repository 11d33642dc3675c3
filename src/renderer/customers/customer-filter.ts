import { useQuery } from '@tanstack/react-query';
import { useUi } from '../shell/ui-store';
import { customerQueries } from './queries';

/** The lists staff can narrow to one customer; the choice lives in the route. */
type FilteredPage = 'payments' | 'orders' | 'subscriptions' | 'invoices';

/**
 * A list's customer filter, kept in the route (`#/orders/customer/cus_1`) rather than in the page's
 * state: a customer's page links straight to its orders, renewals and invoices, and back and forward
 * step through the filters chosen. Returns the chosen customer ('' for all) and how to change it.
 */
export function useCustomerFilter(
  page: FilteredPage,
  customerId: string | undefined,
): [value: string, choose: (customerId: string) => void] {
  const navigated = useUi((state) => state.navigated);
  return [customerId ?? '', (id) => navigated(id === '' ? { page } : { page, customerId: id })];
}

/**
 * The name of the customer a list is narrowed to, for the list's heading ("Orders of An
 * Kowalski"): null for every customer's list, or while the cache has not answered yet.
 */
export function useFilteredCustomerName(customerId: string | null | undefined): string | null {
  const chosen = useQuery({ ...customerQueries.detail(customerId ?? ''), enabled: Boolean(customerId) });
  return customerId ? (chosen.data?.name ?? null) : null;
}
