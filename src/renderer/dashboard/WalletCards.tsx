import { useState } from 'react';
import { RouteLink } from '../components/RouteLink';
import { EmptyState, ErrorState, Skeleton } from '../components/States';
import { usePermissions } from '../connection/queries';
import { useCurrentWallet } from '../wallet/queries';
import { WalletCard } from './WalletCard';
import { Trans, useTranslation } from 'react-i18next';

/** Cards shown before "Show all": a reseller may have thousands of wallets. */
const FIRST_CARDS = 8;

export function WalletCards() {
  const { t } = useTranslation('dashboard');

  const { wallets } = useCurrentWallet();
  const permissions = usePermissions();
  const [showAll, setShowAll] = useState(false);

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
  if (wallets.data.length === 0) {
    return (
      <EmptyState title={t('noWalletsYet')}>
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
  const shown = showAll ? wallets.data : wallets.data.slice(0, FIRST_CARDS);
  const showCustomer = new Set(wallets.data.map((w) => w.customerId)).size > 1;
  return (
    <>
      <div className="wallet-grid">
        {shown.map((wallet) => (
          <WalletCard key={wallet.id} wallet={wallet} showCustomer={showCustomer} />
        ))}
      </div>
      {wallets.data.length > FIRST_CARDS && (
        <button type="button" className="button button-ghost" onClick={() => setShowAll(!showAll)}>
          {showAll
            ? t('showFewerWallets')
            : t('showAllWallets', { count: wallets.data.length.toLocaleString() })}
        </button>
      )}
    </>
  );
}
