import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { PendingBadge } from '../components/Badge';
import { Icon } from '../components/Icon';
import { PageHeader } from '../components/PageHeader';
import { RouteLink } from '../components/RouteLink';
import { EmptyState, ErrorState, LoadingState } from '../components/States';
import { usePermissions } from '../connection/queries';
import { PendingRows } from '../outbox/PendingRows';
import { useUi } from '../shell/ui-store';
import { walletQueries } from '../wallet/queries';
import { TopUpLinks } from '../top-up-links/TopUpLinks';
import { PayersSection } from '../payers/PayersSection';
import { WalletHistory } from '../wallet/WalletHistory';
import { AddWalletForm } from './AddWalletForm';
import { CustomerWallets } from './CustomerWallets';
import { customerQueries } from './queries';
import { WalletActions } from './WalletActions';
import './customers.css';

export function CustomerPage({ customerId, walletId }: { customerId: string; walletId?: string }) {
  const customer = useQuery(customerQueries.detail(customerId));
  // Once a queued customer is confirmed, its wallets are listed under its permanent id.
  const id = customer.data?.id ?? customerId;
  const wallets = useQuery(walletQueries.list(id));
  const permissions = usePermissions();
  const redirected = useUi((state) => state.redirected);

  useEffect(() => {
    if (id !== customerId) redirected({ page: 'customer', customerId: id });
  }, [id, customerId, redirected]);

  if (customer.isPending) return <LoadingState label="Loading the customer…" />;
  if (customer.isError) return <ErrorState error={customer.error} onRetry={() => void customer.refetch()} />;
  if (!customer.data) {
    return (
      <div className="page">
        <PageHeader title="Customer not found" />
        <EmptyState title="This customer is not here">
          A customer created here gets its permanent id once the server confirms it; it may also have been
          discarded before it synced. <RouteLink to={{ page: 'customers' }}>All customers</RouteLink>
        </EmptyState>
      </div>
    );
  }
  const c = customer.data;
  const selected = wallets.data?.find((w) => w.id === walletId) ?? wallets.data?.[0] ?? null;

  return (
    <div className="page">
      <RouteLink to={{ page: 'customers' }} className="back-link">
        <Icon name="back" size={16} />
        All customers
      </RouteLink>
      <PageHeader
        title={c.name}
        subtitle={
          <>
            {c.email}
            {c.externalRef && <span className="muted"> · Ref {c.externalRef}</span>}
          </>
        }
      >
        {c.pending && <PendingBadge />}
      </PageHeader>
      <PendingRows customerId={id} kinds={['customer.create', 'wallet.create']} />
      <section className="section" aria-labelledby="customer-wallets-title">
        <div className="section-header">
          <h2 id="customer-wallets-title" className="section-title">
            Wallets
          </h2>
          {permissions.writes && wallets.data && <AddWalletForm customerId={id} wallets={wallets.data} />}
        </div>
        {wallets.isPending ? (
          <LoadingState label="Loading wallets…" compact />
        ) : wallets.isError ? (
          <ErrorState error={wallets.error} onRetry={() => void wallets.refetch()} compact />
        ) : wallets.data.length === 0 ? (
          <EmptyState title="No wallets yet">
            {permissions.writes
              ? 'Add a wallet in the customer’s currency above.'
              : 'This customer has no wallet.'}
          </EmptyState>
        ) : (
          <CustomerWallets customerId={id} wallets={wallets.data} selectedId={selected?.id} />
        )}
      </section>
      {!c.pending && wallets.data && (
        <TopUpLinks customerId={id} wallets={wallets.data} canCreate={permissions.writes} />
      )}
      {!c.pending && <PayersSection customerId={id} />}
      {selected && (
        <WalletHistory
          key={selected.id}
          walletId={selected.id}
          title={`${selected.currency} wallet history`}
          actions={permissions.writes && <WalletActions wallet={selected} />}
        />
      )}
    </div>
  );
}
