import type { ReactNode } from 'react';
import { RouteLink } from '../components/RouteLink';

/**
 * A customer by name, linked to its page: for lists whose records name a customer but no wallet
 * (tickets, audit records; their names read together with customerQueries.named). `fallback`
 * (by default the id) while the names load, or if the cache does not hold the customer.
 */
export function CustomerLink({
  customerId,
  name,
  fallback,
}: {
  customerId: string;
  name: string | undefined;
  fallback?: ReactNode;
}) {
  return (
    <RouteLink to={{ page: 'customer', customerId }}>
      {name ?? fallback ?? <code className="mono">{customerId}</code>}
    </RouteLink>
  );
}
