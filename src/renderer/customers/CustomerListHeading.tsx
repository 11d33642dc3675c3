import { useFilteredCustomerName } from './customer-filter';

/**
 * The heading of a list staff can narrow to one customer (Orders, Payments, Invoices, Subscriptions):
 * "Payments of An Kowalski" when narrowed, shown whether or not the list's heading is otherwise;
 * `list` alone while the cache has not named the customer yet; `all` for every customer's list,
 * visually hidden when `hideAll` (the page's title says it already).
 */
export function CustomerListHeading({
  id,
  customerId,
  list,
  all,
  of,
  hideAll = false,
}: {
  id: string;
  /** The customer the list is narrowed to; '' or null for every customer's. */
  customerId: string | null;
  list: string;
  all: string;
  of: (name: string) => string;
  hideAll?: boolean;
}) {
  const name = useFilteredCustomerName(customerId);
  if (!customerId)
    return (
      <h2 id={id} {...(hideAll ? { className: 'visually-hidden' } : {})}>
        {all}
      </h2>
    );
  return <h2 id={id}>{name === null ? list : of(name)}</h2>;
}
