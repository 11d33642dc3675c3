import { useQuery } from '@tanstack/react-query';
import { Money } from '../components/Money';
import { RouteLink } from '../components/RouteLink';
import { EmptyState, ErrorState, Skeleton } from '../components/States';
import { TypeTag } from '../components/TypeTag';
import { formatDateTime } from '../lib/format';
import type { WalletView } from '../../shared/ipc-contract';
import { usePermissions } from '../connection/queries';
import { walletQueries } from '../wallet/queries';
import { entryDescription } from '../wallet/entry-words';
import { activityQueries } from './queries';
import { useTranslation } from 'react-i18next';

const LIMIT = 10;

/** The latest movements across every wallet the user may see. */
export function RecentActivity() {
  const { t } = useTranslation('dashboard');

  const activity = useQuery(activityQueries.recent(LIMIT));
  // The wallets these movements are of, named with their customers.
  const wallets = useQuery(walletQueries.named((activity.data ?? []).map((tx) => tx.walletId)));
  const walletById = wallets.data ?? new Map<string, WalletView>();
  // A customer sees only their own wallets: their name on every row would say nothing.
  const showCustomer = usePermissions().seesCustomers;

  return (
    <section className="card" aria-labelledby="activity-title">
      <div className="card-header">
        <h2 id="activity-title">{t('recentActivity')}</h2>
      </div>
      {activity.isPending ? (
        <ul className="activity" aria-busy="true" aria-label={t('loadingRecentActivity')}>
          {[0, 1, 2, 3].map((i) => (
            <li key={i} className="activity-item">
              <Skeleton width="50%" />
              <Skeleton width="20%" />
            </li>
          ))}
        </ul>
      ) : activity.isError ? (
        <ErrorState
          title={t('couldNotLoadRecent')}
          error={activity.error}
          onRetry={() => void activity.refetch()}
          compact
        />
      ) : activity.data.length === 0 ? (
        <EmptyState fromCache title={t('noActivityYet')}>
          {t('topUpsPaymentsAnd')}
        </EmptyState>
      ) : (
        <ul className="activity">
          {activity.data.map((tx) => {
            const wallet = walletById.get(tx.walletId);
            return (
              <li key={tx.id}>
                <RouteLink to={{ page: 'wallet', walletId: tx.walletId }} className="activity-item">
                  <span className="activity-main">
                    <span className="activity-description">{entryDescription(tx)}</span>
                    <span className="activity-meta">
                      <TypeTag type={tx.type} />
                      <span aria-hidden="true">·</span>
                      {wallet && showCustomer && (
                        <>
                          <span className="activity-customer">{wallet.customerName}</span>
                          <span aria-hidden="true">·</span>
                        </>
                      )}
                      <time dateTime={tx.createdAt}>{formatDateTime(tx.createdAt)}</time>
                    </span>
                  </span>
                  <Money amount={tx.amount} currency={tx.currency} signed className="activity-amount" />
                </RouteLink>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
