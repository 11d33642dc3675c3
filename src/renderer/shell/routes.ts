/** Where the console is: held in the UI store and mirrored in the URL hash (back/forward work). */
export type Route =
  | { page: 'dashboard' }
  /** `ledgerRow`: one ledger row to show (a payment's credit), on the UTC day it was written. */
  | { page: 'wallet'; walletId?: string; ledgerRow?: { transactionId: string; day: string } }
  | { page: 'customers' }
  | { page: 'customer'; customerId: string; walletId?: string }
  | { page: 'connection' }
  | { page: 'outbox' }
  | { page: 'top-up'; walletId?: string }
  | { page: 'payments'; customerId?: string }
  | { page: 'payment'; paymentId: string }
  | { page: 'payment-settings' }
  | { page: 'users' }
  /** `customerId`: one customer's (staff filter, and the customer page's links). */
  | { page: 'orders'; customerId?: string }
  | { page: 'order'; orderId: string }
  /** The product catalog (staff). */
  | { page: 'catalog' }
  | { page: 'subscriptions'; customerId?: string }
  /** The Renewals tab of Top Up. */
  | { page: 'renewals' }
  | { page: 'webhooks' }
  | { page: 'audit' }
  | { page: 'reconciliation' }
  | { page: 'invoices'; customerId?: string }
  | { page: 'invoice'; invoiceId: string }
  | { page: 'tickets' }
  | { page: 'ticket'; ticketId: string };

export type Page = Route['page'];

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The route a hash names (`#/customers/cus_1`), or null for anything else (e.g. `#token=…`). */
export function parseHash(hash: string): Route | null {
  if (!hash.startsWith('#/')) return null;
  const parts = hash
    .slice(2)
    .split('/')
    .filter((part) => part !== '')
    .map((part) => decodeURIComponent(part));
  const [page, first, second, third, fourth] = parts;
  const id = (value: string | undefined) => (value !== undefined && ID.test(value) ? value : undefined);
  switch (page) {
    case undefined:
    case 'dashboard':
      return { page: 'dashboard' };
    case 'wallet': {
      const walletId = id(first);
      if (!walletId) return { page: 'wallet' };
      const transactionId = id(third);
      if (second === 'ledger' && transactionId && fourth !== undefined && DAY.test(fourth))
        return { page: 'wallet', walletId, ledgerRow: { transactionId, day: fourth } };
      return { page: 'wallet', walletId };
    }
    case 'customers': {
      const customerId = id(first);
      if (!customerId) return { page: 'customers' };
      const walletId = id(second);
      return walletId ? { page: 'customer', customerId, walletId } : { page: 'customer', customerId };
    }
    case 'connection':
      return { page: 'connection' };
    case 'outbox':
      return { page: 'outbox' };
    case 'payment-settings':
      return { page: 'payment-settings' };
    case 'users':
      return { page: 'users' };
    case 'orders': {
      if (first === 'customer') {
        const customerId = id(second);
        return customerId ? { page, customerId } : { page };
      }
      const orderId = id(first);
      return orderId ? { page: 'order', orderId } : { page };
    }
    case 'subscriptions': {
      const customerId = first === 'customer' ? id(second) : undefined;
      return customerId ? { page, customerId } : { page };
    }
    case 'catalog':
      return { page: 'catalog' };
    case 'renewals':
      return { page: 'renewals' };
    case 'webhooks':
      return { page: 'webhooks' };
    case 'audit':
      return { page: 'audit' };
    case 'reconciliation':
      return { page: 'reconciliation' };
    case 'top-up': {
      const walletId = id(first);
      return walletId ? { page: 'top-up', walletId } : { page: 'top-up' };
    }
    case 'payments': {
      const customerId = first === 'customer' ? id(second) : undefined;
      if (customerId) return { page: 'payments', customerId };
      const paymentId = id(first);
      return paymentId ? { page: 'payment', paymentId } : { page: 'payments' };
    }
    case 'invoices': {
      const customerId = first === 'customer' ? id(second) : undefined;
      if (customerId) return { page: 'invoices', customerId };
      const invoiceId = id(first);
      return invoiceId ? { page: 'invoice', invoiceId } : { page: 'invoices' };
    }
    case 'tickets': {
      const ticketId = id(first);
      return ticketId ? { page: 'ticket', ticketId } : { page: 'tickets' };
    }
    default:
      return null;
  }
}

export function hrefFor(route: Route): string {
  switch (route.page) {
    case 'wallet':
      if (!route.walletId) return '#/wallet';
      return route.ledgerRow
        ? `#/wallet/${encodeURIComponent(route.walletId)}/ledger/${encodeURIComponent(route.ledgerRow.transactionId)}/${route.ledgerRow.day}`
        : `#/wallet/${encodeURIComponent(route.walletId)}`;
    case 'customer':
      return `#/customers/${encodeURIComponent(route.customerId)}${route.walletId ? `/${encodeURIComponent(route.walletId)}` : ''}`;
    case 'customers':
      return '#/customers';
    case 'top-up':
      return route.walletId ? `#/top-up/${encodeURIComponent(route.walletId)}` : '#/top-up';
    case 'payment':
      return `#/payments/${encodeURIComponent(route.paymentId)}`;
    case 'invoice':
      return `#/invoices/${encodeURIComponent(route.invoiceId)}`;
    case 'order':
      return `#/orders/${encodeURIComponent(route.orderId)}`;
    case 'ticket':
      return `#/tickets/${encodeURIComponent(route.ticketId)}`;
    case 'payments':
    case 'orders':
    case 'subscriptions':
    case 'invoices':
      return route.customerId
        ? `#/${route.page}/customer/${encodeURIComponent(route.customerId)}`
        : `#/${route.page}`;
    default:
      return `#/${route.page}`;
  }
}

/** The navigation entry a route belongs under (a customer's page is under Customers). */
export function sectionOf(
  route: Route,
):
  | 'dashboard'
  | 'wallet'
  | 'customers'
  | 'connection'
  | 'outbox'
  | 'payments'
  | 'payment-settings'
  | 'users'
  | 'orders'
  | 'catalog'
  | 'subscriptions'
  | 'webhooks'
  | 'invoices'
  | 'tickets'
  | 'audit'
  | 'reconciliation' {
  switch (route.page) {
    case 'customer':
      return 'customers';
    case 'top-up':
    case 'renewals':
      return 'wallet';
    case 'payment':
      return 'payments';
    case 'invoice':
      return 'invoices';
    case 'order':
      return 'orders';
    case 'ticket':
      return 'tickets';
    default:
      return route.page;
  }
}
