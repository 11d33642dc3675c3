import { lazy, type ComponentType } from 'react';

/**
 * The console's pages but the first screens (the dashboard and the connection page, which App
 * imports itself): each is loaded when first opened, so that the window paints without parsing the
 * code of every other page first.
 */
function later<K extends string, P extends object>(
  load: () => Promise<Record<K, ComponentType<P>>>,
  name: K,
) {
  return lazy(async () => ({ default: (await load())[name] }));
}

export const AuditPage = later(() => import('../audit/AuditPage'), 'AuditPage');
export const CatalogPage = later(() => import('../catalog/CatalogPage'), 'CatalogPage');
export const CustomerPage = later(() => import('../customers/CustomerPage'), 'CustomerPage');
export const CustomersPage = later(() => import('../customers/CustomersPage'), 'CustomersPage');
export const InvoicePage = later(() => import('../invoices/InvoicePage'), 'InvoicePage');
export const InvoicesPage = later(() => import('../invoices/InvoicesPage'), 'InvoicesPage');
export const OrderPage = later(() => import('../orders/OrderPage'), 'OrderPage');
export const OrdersPage = later(() => import('../orders/OrdersPage'), 'OrdersPage');
export const OutboxPage = later(() => import('../outbox/OutboxPage'), 'OutboxPage');
export const PaymentPage = later(() => import('../payments/PaymentPage'), 'PaymentPage');
export const PaymentsPage = later(() => import('../payments/PaymentsPage'), 'PaymentsPage');
export const PaymentSettingsPage = later(
  () => import('../payment-settings/PaymentSettingsPage'),
  'PaymentSettingsPage',
);
export const ReconciliationPage = later(
  () => import('../reconciliation/ReconciliationPage'),
  'ReconciliationPage',
);
export const SubscriptionsPage = later(
  () => import('../subscriptions/SubscriptionsPage'),
  'SubscriptionsPage',
);
export const TicketPage = later(() => import('../tickets/TicketPage'), 'TicketPage');
export const TicketsPage = later(() => import('../tickets/TicketsPage'), 'TicketsPage');
export const TopUpPage = later(() => import('../top-up/TopUpPage'), 'TopUpPage');
export const UsersPage = later(() => import('../users/UsersPage'), 'UsersPage');
export const WalletPage = later(() => import('../wallet/WalletPage'), 'WalletPage');
export const WebhooksPage = later(() => import('../webhooks/WebhooksPage'), 'WebhooksPage');
