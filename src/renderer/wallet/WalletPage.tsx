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

/** One wallet in full: its three balances, writes pending sync, and its whole history. */
export function WalletPage({
  walletId,
  ledgerRow,
}: {
  walletId?: string;
  /** One row to show and mark (a payment's credit), its day filtered in. */
  ledgerRow?: { transactionId: string; day: string } | undefined;
}) {
  const { wallets, wallet: current } = useCurrentWallet();
  const id = walletId ?? current?.id;
  const detail = useQuery({ ...walletQueries.detail(id ?? ''), enabled: id !== undefined });
  const walletSelected = useUi((state) => state.walletSelected);
  const permissions = usePermissions();

  if (id === undefined) {
    if (wallets.isPending) return <LoadingState label="Loading wallets…" />;
    if (wallets.isError) return <ErrorState error={wallets.error} onRetry={() => void wallets.refetch()} />;
    return (
      <div className="page">
        <PageHeader title="Wallet" />
        <EmptyState title="No wallet yet">
          {permissions.writes ? (
            <>
              Open a customer in <RouteLink to={{ page: 'customers' }}>Customers</RouteLink> and add a wallet
              in their currency.
            </>
          ) : (
            'When a wallet is opened for you, its balance and history show here.'
          )}
        </EmptyState>
      </div>
    );
  }
  if (detail.isPending) return <LoadingState label="Loading the wallet…" />;
  if (detail.isError) return <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />;
  const wallet = detail.data;
  if (!wallet) {
    return (
      <div className="page">
        <PageHeader title="Wallet" />
        <EmptyState title="This wallet is not here">
          A wallet added here gets its permanent id once the server confirms it; it may also have been
          discarded, or belong to another account.{' '}
          <RouteLink to={{ page: 'dashboard' }}>Back to the dashboard</RouteLink>
        </EmptyState>
      </div>
    );
  }

  return (
    <div className="page">
      <PageHeader
        title={`${wallet.currency} wallet`}
        subtitle={
          <>
            {permissions.seesCustomers ? (
              <RouteLink to={{ page: 'customer', customerId: wallet.customerId, walletId: wallet.id }}>
                {wallet.customerName}
              </RouteLink>
            ) : (
              wallet.customerName
            )}
            {wallet.status === 'closed' && ' · Closed'}
          </>
        }
        actions={
          <>
            <WalletPicker wallets={wallets.data ?? []} value={wallet.id} onChange={walletSelected} />
            {permissions.topsUp && wallet.status === 'active' && !wallet.pending && (
              <RouteLink to={{ page: 'top-up', walletId: wallet.id }} className="button button-primary">
                Top Up
              </RouteLink>
            )}
            {permissions.writes && <WalletActions wallet={wallet} />}
          </>
        }
      >
        {wallet.pending && <PendingBadge />}
        {wallet.onHold && (
          <Badge tone="danger">On hold: a reversed payment left it owing money; no new spending</Badge>
        )}
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
