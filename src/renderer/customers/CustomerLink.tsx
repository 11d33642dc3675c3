import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { RouteLink } from '../components/RouteLink';
import { customerQueries } from './queries';

/**
 * A customer by name, linked to its page: for lists whose records name a customer but no wallet
 * (tickets, audit records). Read from the cache by id (one read per customer shown, shared by its
 * rows); `fallback` (by default the id) while it loads, or if the cache does not hold it.
 */
export function CustomerLink({ customerId, fallback }: { customerId: string; fallback?: ReactNode }) {
  const customer = useQuery(customerQueries.detail(customerId));
  return (
    <RouteLink to={{ page: 'customer', customerId }}>
      {customer.data?.name ?? fallback ?? <code className="mono">{customerId}</code>}
    </RouteLink>
  );
}
