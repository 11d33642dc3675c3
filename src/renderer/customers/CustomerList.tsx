import { useQuery } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type ReactNode } from 'react';
import type { CustomerView, WalletView } from '../../shared/ipc-contract';
import { Money } from '../components/Money';
import { PendingBadge } from '../components/Badge';
import { RouteLink } from '../components/RouteLink';
import { ErrorState, LoadingState, Skeleton } from '../components/States';
import { formatDateTime } from '../lib/format';
import { reachableRows, rowAt } from '../lib/paged-window';
import { usePageWindow } from '../lib/use-page-window';
import { walletQueries } from '../wallet/queries';
import { CUSTOMER_PAGE_SIZE, customerQueries } from './queries';
import { useTranslation } from 'react-i18next';

const ROW_HEIGHT = 52;

/** Search results, virtualized over `customers:search` pages like the wallet history. */
export function CustomerList({ query, empty }: { query: string; empty: ReactNode }) {
  const { t } = useTranslation('customers');

  const scrollRef = useRef<HTMLDivElement>(null);
  const first = useQuery(customerQueries.searchPage(query, 0));
  const total = first.data?.total ?? 0;
  const count = reachableRows(total, ROW_HEIGHT);
  // Main puts customers still in the outbox ahead of page 0's confirmed ones, beyond its limit.
  const lead = first.data ? Math.max(0, first.data.items.length - CUSTOMER_PAGE_SIZE) : 0;

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is a mutable instance by design; this component is not compiled by the React Compiler, so nothing is wrongly memoized.
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  useEffect(() => {
    // New results start from the top.
    scrollRef.current?.scrollTo({ top: 0 });
  }, [query]);
  const items = virtualizer.getVirtualItems();
  const range = items.length > 0 ? { startIndex: items[0]!.index, endIndex: items.at(-1)!.index } : null;
  const paged = usePageWindow({
    range,
    count,
    pageSize: CUSTOMER_PAGE_SIZE,
    lead,
    scrolling: virtualizer.isScrolling,
    pageQuery: (page) => customerQueries.searchPage(query, page),
  });
  // The balances of the customers in the pages at hand: one read per set of pages, not per row.
  const wallets = useQuery(walletQueries.ofCustomers([...paged.pages.values()].flat().map((c) => c.id)));

  if (first.isPending) return <LoadingState label={t('loadingCustomers')} />;
  if (first.isError) {
    return (
      <ErrorState
        title={t('couldNotSearchCustomers')}
        error={first.error}
        onRetry={() => void first.refetch()}
      />
    );
  }
  if (count === 0) return <>{empty}</>;

  return (
    <>
      <p className="muted results-count" aria-live="polite">
        {t('customerCount', { count: total })}
        {query !== '' && t('matching', { query })}
        {first.isPlaceholderData && t('searching')}
      </p>
      <div className="customer-table">
        <div className="customer-head table-head" aria-hidden="true">
          <span>{t('name')}</span>
          <span>{t('email')}</span>
          <span>{t('balances')}</span>
          <span>{t('reference')}</span>
          <span className="customer-date">{t('created')}</span>
        </div>
        <div
          ref={scrollRef}
          className="customer-scroll table-scroll"
          tabIndex={0}
          aria-label={t('customersScrollToSee')}
        >
          <ul className="customer-list" style={{ height: virtualizer.getTotalSize() }}>
            {items.map((item) => {
              const customer = rowAt(item.index, CUSTOMER_PAGE_SIZE, paged.pages, lead);
              return (
                <li
                  key={item.key}
                  className="customer-row"
                  style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                  aria-posinset={item.index + 1}
                  aria-setsize={count}
                >
                  {customer ? (
                    <CustomerRow customer={customer} wallets={wallets.data?.get(customer.id)} />
                  ) : (
                    <Skeleton width="40%" />
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      </div>
      {paged.error && (
        <ErrorState title={t('someCustomersCouldNot')} error={paged.error} onRetry={paged.retry} compact />
      )}
    </>
  );
}

function CustomerRow({
  customer,
  wallets,
}: {
  customer: CustomerView;
  /** Its wallets, once read (undefined while they load). */
  wallets: WalletView[] | undefined;
}) {
  const { t } = useTranslation('customers');
  return (
    <RouteLink
      to={{ page: 'customer', customerId: customer.id }}
      className="customer-link"
      data-testid="customer-row"
    >
      <span className="customer-name">
        {customer.name}
        {customer.pending && <PendingBadge rejection={customer.rejection} />}
      </span>
      <span className="customer-email">{customer.email}</span>
      <span className="customer-balances">
        {wallets === undefined
          ? ''
          : wallets.length === 0
            ? t('noWallets')
            : wallets.map((w, i) => (
                <span key={w.id}>
                  {i > 0 && ' · '}
                  <Money amount={w.balance} currency={w.currency} />
                </span>
              ))}
      </span>
      <span className="customer-ref">{customer.externalRef ?? ''}</span>
      <span className="customer-date muted">
        <time dateTime={customer.createdAt}>{formatDateTime(customer.createdAt)}</time>
      </span>
    </RouteLink>
  );
}
