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
import { CustomerEmailLanguage } from './CustomerEmailLanguage';
import { CustomerWallets } from './CustomerWallets';
import { customerQueries } from './queries';
import { WalletActions } from './WalletActions';
import './customers.css';
import { useTranslation } from 'react-i18next';

export function CustomerPage({ customerId, walletId }: { customerId: string; walletId?: string }) {
  const { t } = useTranslation('customers');

  const customer = useQuery(customerQueries.detail(customerId));
  // Once a queued customer is confirmed, its wallets are listed under its permanent id.
  const id = customer.data?.id ?? customerId;
  const wallets = useQuery(walletQueries.list(id));
  const permissions = usePermissions();
  const redirected = useUi((state) => state.redirected);

  useEffect(() => {
    if (id !== customerId) redirected({ page: 'customer', customerId: id });
  }, [id, customerId, redirected]);

  if (customer.isPending) return <LoadingState label={t('loadingTheCustomer')} />;
  if (customer.isError) return <ErrorState error={customer.error} onRetry={() => void customer.refetch()} />;
  if (!customer.data) {
    return (
      <div className="page">
        <PageHeader title={t('customerNotFound')} />
        <EmptyState fromCache title={t('thisCustomerIsNot')}>
          {t('aCustomerCreatedHere')} <RouteLink to={{ page: 'customers' }}>{t('allCustomers')}</RouteLink>
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
        {t('allCustomers')}
      </RouteLink>
      <PageHeader
        title={c.name}
        actions={
          !c.pending && (
            <nav className="customer-records" aria-label={t('recordsOf', { name: c.name })}>
              <RouteLink to={{ page: 'payments', customerId: id }} className="button">
                {t('paymentsLink')}
              </RouteLink>
              <RouteLink to={{ page: 'orders', customerId: id }} className="button">
                {t('ordersLink')}
              </RouteLink>
              <RouteLink to={{ page: 'subscriptions', customerId: id }} className="button">
                {t('subscriptionsLink')}
              </RouteLink>
              <RouteLink to={{ page: 'invoices', customerId: id }} className="button">
                {t('invoicesLink')}
              </RouteLink>
            </nav>
          )
        }
        subtitle={
          <>
            {c.email}
            {c.externalRef && <span className="muted"> {t('ref', { externalRef: c.externalRef })}</span>}
          </>
        }
      >
        {c.pending && <PendingBadge rejection={c.rejection} />}
      </PageHeader>
      <PendingRows customerId={id} kinds={['customer.create', 'wallet.create']} />
      <section className="section" aria-labelledby="customer-wallets-title">
        <div className="section-header">
          <h2 id="customer-wallets-title" className="section-title">
            {t('wallets')}
          </h2>
          {permissions.writes && wallets.data && (
            <AddWalletForm customerId={id} customerName={c.name} wallets={wallets.data} />
          )}
        </div>
        {wallets.isPending ? (
          <LoadingState label={t('loadingWallets')} compact />
        ) : wallets.isError ? (
          <ErrorState error={wallets.error} onRetry={() => void wallets.refetch()} compact />
        ) : wallets.data.length === 0 ? (
          <EmptyState fromCache title={t('noWalletsYet')}>
            {permissions.writes ? t('addAWalletIn') : t('thisCustomerHasNo')}
          </EmptyState>
        ) : (
          <CustomerWallets customerId={id} wallets={wallets.data} selectedId={selected?.id} />
        )}
      </section>
      {!c.pending && wallets.data && (
        <TopUpLinks customerId={id} wallets={wallets.data} canCreate={permissions.writes} />
      )}
      {!c.pending && <PayersSection customerId={id} />}
      {!c.pending && <CustomerEmailLanguage customer={c} canChange={permissions.writes} />}
      {selected && (
        <WalletHistory
          key={selected.id}
          walletId={selected.id}
          title={t('walletHistory', { currency: selected.currency })}
          actions={permissions.writes && <WalletActions wallet={selected} />}
        />
      )}
    </div>
  );
}
