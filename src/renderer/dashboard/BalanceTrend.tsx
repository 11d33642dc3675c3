import { useQuery } from '@tanstack/react-query';
import { EmptyState, ErrorState, Skeleton } from '../components/States';
import { useUi } from '../shell/ui-store';
import { useCurrentWallet, walletQueries } from '../wallet/queries';
import { WalletPicker } from '../wallet/WalletPicker';
import { BalanceChart } from './BalanceChart';
import { useTranslation } from 'react-i18next';

const DAYS = 30;

/** The current wallet's balance over the last 30 days, with a picker when there are several. */
export function BalanceTrend() {
  const { t } = useTranslation('dashboard');

  const current = useCurrentWallet();
  const { wallet } = current;
  const walletSelected = useUi((state) => state.walletSelected);
  const history = useQuery({
    ...walletQueries.balanceHistory(wallet?.id ?? '', DAYS),
    enabled: wallet !== null,
  });

  return (
    <section className="card" aria-labelledby="trend-title">
      <div className="card-header">
        <div>
          <h2 id="trend-title">{t('balanceLastDays', { DAYS })}</h2>
          {wallet && (
            <p className="muted">
              {wallet.customerName} · {wallet.currency}
            </p>
          )}
        </div>
        <WalletPicker value={wallet?.id} onChange={walletSelected} label={t('chartWallet')} />
      </div>
      {!wallet ? (
        current.isPending ? (
          <Skeleton height="220px" />
        ) : (
          <EmptyState fromCache title={t('noWalletToChart')} />
        )
      ) : history.isPending ? (
        <Skeleton height="220px" />
      ) : history.isError ? (
        <ErrorState
          title={t('couldNotLoadThe')}
          error={history.error}
          onRetry={() => void history.refetch()}
          compact
        />
      ) : history.data.length === 0 ? (
        <EmptyState fromCache title={t('noMovementsInThe')} />
      ) : (
        <BalanceChart wallet={wallet} points={history.data} days={DAYS} />
      )}
    </section>
  );
}
