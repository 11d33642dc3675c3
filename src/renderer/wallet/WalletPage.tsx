import { useQuery } from '@tanstack/react-query';
import { Badge, PendingBadge } from '../components/Badge';
import { PageHeader } from '../components/PageHeader';
import { RouteLink } from '../components/RouteLink';
import { EmptyState, ErrorState, LoadingState } from '../components/States';
import { usePermissions } from '../connection/queries';
import { WalletActions } from '../customers/WalletActions';
import { PayersSection } from '../payers/PayersSection';
import { useUi } from '../shell/ui-store';
import { StatementSection } from '../statements/StatementSection';
import { BalanceSummary } from './BalanceSummary';
import { useCurrentWallet, walletQueries } from './queries';
import { WalletHistory } from './WalletHistory';
import { WalletPicker } from './WalletPicker';
import { WalletAlertsSection } from '../alerts/WalletAlertsSection';
import { Trans, useTranslation } from 'react-i18next';

/** One wallet in full: its three balances, writes pending sync, and its whole history. */
export function WalletPage({
  walletId,
  ledgerRow,
}: {
  walletId?: string;
  /** One row to show and mark (a payment's credit), its day filtered in. */
  ledgerRow?: { transactionId: string; day: string } | undefined;
}) {
  const { t } = useTranslation('wallet');

  const current = useCurrentWallet(walletId === undefined);
  const id = walletId ?? current.wallet?.id;
  const detail = useQuery({ ...walletQueries.detail(id ?? ''), enabled: id !== undefined });
  const walletSelected = useUi((state) => state.walletSelected);
  const permissions = usePermissions();

  if (id === undefined) {
    if (current.isPending) return <LoadingState label={t('loadingWallets')} />;
    if (current.isError) return <ErrorState error={current.error} onRetry={current.refetch} />;
    return (
      <div className="page">
        <PageHeader title={t('wallet')} />
        <EmptyState fromCache title={t('noWalletYet')}>
          {permissions.writes ? (
            <Trans
              t={t}
              i18nKey="openACustomerToAddAWallet"
              components={{ route: <RouteLink to={{ page: 'customers' }} /> }}
            />
          ) : (
            t('whenAWalletIs')
          )}
        </EmptyState>
      </div>
    );
  }
  if (detail.isPending) return <LoadingState label={t('loadingTheWallet')} />;
  if (detail.isError) return <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />;
  const wallet = detail.data;
  if (!wallet) {
    return (
      <div className="page">
        <PageHeader title={t('wallet')} />
        <EmptyState fromCache title={t('thisWalletIsNot')}>
          {t('aWalletAddedHere')} <RouteLink to={{ page: 'dashboard' }}>{t('backToTheDashboard')}</RouteLink>
        </EmptyState>
      </div>
    );
  }

  return (
    <div className="page">
      <PageHeader
        title={t('wallet2', { currency: wallet.currency })}
        subtitle={
          <>
            {permissions.seesCustomers ? (
              <RouteLink to={{ page: 'customer', customerId: wallet.customerId, walletId: wallet.id }}>
                {wallet.customerName}
              </RouteLink>
            ) : (
              wallet.customerName
            )}
            {wallet.status === 'closed' && t('closed')}
          </>
        }
        actions={
          <>
            <WalletPicker value={wallet.id} onChange={walletSelected} />
            {permissions.topsUp && wallet.status === 'active' && !wallet.pending && (
              <RouteLink to={{ page: 'top-up', walletId: wallet.id }} className="button button-primary">
                {t('topUp')}
              </RouteLink>
            )}
            {permissions.writes && <WalletActions wallet={wallet} />}
          </>
        }
      >
        {wallet.pending && <PendingBadge rejection={wallet.rejection} />}
        {wallet.onHold && <Badge tone="danger">{t('onHoldAReversed')}</Badge>}
      </PageHeader>
      <BalanceSummary wallet={wallet} />
      {/* A customer manages its own payers and saved methods here; staff do it on the customer's page. */}
      {!permissions.seesCustomers && !wallet.pending && <PayersSection customerId={wallet.customerId} />}
      <WalletAlertsSection wallet={wallet} editable={permissions.topsUp && wallet.status === 'active'} />
      <WalletHistory
        key={`${wallet.id}|${ledgerRow?.transactionId ?? ''}`}
        walletId={wallet.id}
        {...(ledgerRow ? { ledgerRow } : {})}
      />
      {!wallet.pending && <StatementSection walletId={wallet.id} />}
    </div>
  );
}
