import { useInfiniteQuery } from '@tanstack/react-query';
import { ShowMore } from '../components/ShowMore';
import { RouteLink } from '../components/RouteLink';
import { EmptyState, ErrorState, Skeleton } from '../components/States';
import { usePermissions } from '../connection/queries';
import { walletQueries } from '../wallet/queries';
import { WalletCard } from './WalletCard';
import { Trans, useTranslation } from 'react-i18next';

/**
 * Cards shown first, and read at a time after that by "Show more wallets": a reseller may have a
 * hundred thousand wallets, and the dashboard reads only those it shows.
 */
const FIRST_CARDS = 8;
const MORE_CARDS = 48;

export function WalletCards() {
  const { t } = useTranslation('dashboard');

  const wallets = useInfiniteQuery({
    ...walletQueries.slices(FIRST_CARDS, MORE_CARDS),
    select: (data) => ({ items: data.pages.flatMap((page) => page.items), total: data.pages[0]?.total ?? 0 }),
  });
  const permissions = usePermissions();

  if (wallets.isPending) {
    return (
      <div className="wallet-grid" aria-busy="true" aria-label={t('loadingWallets')}>
        {[0, 1, 2].map((i) => (
          <div key={i} className="card wallet-card">
            <Skeleton width="40%" />
            <Skeleton width="60%" height="1.8em" />
            <Skeleton width="80%" />
          </div>
        ))}
      </div>
    );
  }
  if (wallets.isError) {
    return (
      <ErrorState
        title={t('couldNotLoadWallets')}
        error={wallets.error}
        onRetry={() => void wallets.refetch()}
      />
    );
  }
  const { items, total } = wallets.data;
  if (items.length === 0) {
    return (
      <EmptyState fromCache title={t('noWalletsYet')}>
        {permissions.writes ? (
          <Trans
            t={t}
            i18nKey="walletsBelongToCustomersHowTo"
            components={{ route: <RouteLink to={{ page: 'customers' }} /> }}
          />
        ) : (
          t('whenAWalletIs')
        )}
      </EmptyState>
    );
  }
  // Staff see many customers' wallets (more than these, or several here): each card names its customer.
  const showCustomer =
    permissions.seesCustomers && (total > items.length || new Set(items.map((w) => w.customerId)).size > 1);
  return (
    <>
      <div className="wallet-grid">
        {items.map((wallet) => (
          <WalletCard key={wallet.id} wallet={wallet} showCustomer={showCustomer} />
        ))}
      </div>
      {total > FIRST_CARDS && (
        <ShowMore query={wallets} shown={items.length} total={total} label={t('showMoreWallets')} />
      )}
    </>
  );
}
