import { useQueryClient } from '@tanstack/react-query';
import { Suspense, useEffect } from 'react';
import type { Session } from '../../shared/ipc-contract';
import { linkProblemTitle } from '../browser-host-link';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { PageHeader } from '../components/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../components/States';
import { ConnectionPage } from '../connection/ConnectionPage';
import { useSession } from '../connection/queries';
import { DashboardPage } from '../dashboard/DashboardPage';
import { IpcError } from '../lib/ipc';
import { permissionsFor } from '../lib/permissions';
import { AppShell } from './AppShell';
import {
  AuditPage,
  CatalogPage,
  CustomerPage,
  CustomersPage,
  InvoicePage,
  InvoicesPage,
  OrderPage,
  OrdersPage,
  OutboxPage,
  PaymentPage,
  PaymentSettingsPage,
  PaymentsPage,
  ReconciliationPage,
  SubscriptionsPage,
  TicketPage,
  TicketsPage,
  TopUpPage,
  UsersPage,
  WalletPage,
  WebhooksPage,
} from './later-pages';
import { useRememberedLanguage } from './language';
import { subscribeToDesktop } from './desktop-events';
import type { Route } from './routes';
import { useUi } from './ui-store';
import { useTranslation } from 'react-i18next';

export function App() {
  const { t } = useTranslation('shell');

  const queryClient = useQueryClient();
  const session = useSession();
  const route = useUi((state) => state.route);

  useEffect(() => subscribeToDesktop(queryClient), [queryClient]);
  useRememberedLanguage(session.data);

  if (session.isPending || session.data?.state === 'starting') {
    return (
      <div className="splash">
        <LoadingState label={t('startingTheConsole')} />
      </div>
    );
  }
  if (session.isError) {
    // A link without its token (or with a stale one) is not fixed by trying again: say which it is.
    const linkProblem = session.error instanceof IpcError ? linkProblemTitle(session.error.code) : null;
    return (
      <div className="splash">
        <ErrorState
          title={linkProblem ?? t('theConsoleCouldNot')}
          error={session.error}
          {...(linkProblem ? {} : { onRetry: () => void session.refetch() })}
        />
      </div>
    );
  }
  return (
    <AppShell session={session.data}>
      <ErrorBoundary key={screenKey(route)}>
        {/* A page opened for the first time loads its code (later-pages.ts): a moment, shown. */}
        <Suspense fallback={<LoadingState label={t('openingThePage')} />}>
          <Screen route={route} session={session.data} />
        </Suspense>
      </ErrorBoundary>
    </AppShell>
  );
}

/** Remount (and refocus the title) on a new page, not when a page only changes its selection. */
function screenKey(route: Route): string {
  if (route.page === 'customer') return `customer:${route.customerId}`;
  if (route.page === 'payment') return `payment:${route.paymentId}`;
  if (route.page === 'invoice') return `invoice:${route.invoiceId}`;
  if (route.page === 'order') return `order:${route.orderId}`;
  if (route.page === 'ticket') return `ticket:${route.ticketId}`;
  return route.page;
}

function Screen({ route, session }: { route: Route; session: Session }) {
  const { t } = useTranslation('shell');

  if (session.state !== 'signed_in') return <ConnectionPage />;
  const permissions = permissionsFor(session);
  switch (route.page) {
    case 'dashboard':
      return <DashboardPage />;
    case 'wallet':
      return <WalletPage walletId={route.walletId} ledgerRow={route.ledgerRow} />;
    case 'customers':
      return permissions.seesCustomers ? <CustomersPage /> : <NotAvailable />;
    case 'customer':
      return permissions.seesCustomers ? (
        <CustomerPage customerId={route.customerId} walletId={route.walletId} />
      ) : (
        <NotAvailable />
      );
    case 'connection':
      return <ConnectionPage />;
    case 'outbox':
      return <OutboxPage />;
    case 'top-up':
      return <TopUpPage walletId={route.walletId} />;
    case 'payments':
      return <PaymentsPage customerId={route.customerId} />;
    case 'payment':
      return <PaymentPage paymentId={route.paymentId} />;
    case 'payment-settings':
      return permissions.seesCustomers ? <PaymentSettingsPage /> : <NotAvailable />;
    case 'orders':
      return <OrdersPage customerId={route.customerId} />;
    case 'catalog':
      return permissions.seesCustomers ? <CatalogPage /> : <NotAvailable />;
    case 'subscriptions':
      return <SubscriptionsPage customerId={route.customerId} />;
    case 'renewals':
      return <TopUpPage tab="renewals" />;
    case 'users':
      return permissions.writes ? (
        <UsersPage />
      ) : (
        <NotAvailable what={t('forResellerAdmins')}>{t('onlyAResellerAdmin')}</NotAvailable>
      );
    case 'webhooks':
      return permissions.writes ? (
        <WebhooksPage />
      ) : (
        <NotAvailable what={t('forResellerAdmins')}>{t('onlyAResellerAdmin2')}</NotAvailable>
      );
    case 'audit':
      return permissions.writes ? (
        <AuditPage />
      ) : (
        <NotAvailable what={t('forResellerAdmins')}>{t('onlyAResellerAdmin3')}</NotAvailable>
      );
    case 'reconciliation':
      return permissions.writes ? (
        <ReconciliationPage />
      ) : (
        <NotAvailable what={t('forResellerAdmins')}>{t('onlyAResellerAdmin4')}</NotAvailable>
      );
    case 'invoices':
      return <InvoicesPage customerId={route.customerId} />;
    case 'invoice':
      return <InvoicePage invoiceId={route.invoiceId} />;
    case 'order':
      return <OrderPage orderId={route.orderId} />;
    case 'tickets':
      return <TicketsPage />;
    case 'ticket':
      return <TicketPage ticketId={route.ticketId} />;
  }
}

function NotAvailable({ what, children }: { what?: string; children?: string }) {
  const { t } = useTranslation('shell');

  return (
    <div className="page">
      <PageHeader title={t('notAvailable')} />
      <EmptyState title={t('thisPageIs', { what: what ?? t('forStaff') })}>
        {children ?? t('ownWalletsOnly')}
      </EmptyState>
    </div>
  );
}
