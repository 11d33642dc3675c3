import { Icon, type IconName } from '../components/Icon';
import { RouteLink } from '../components/RouteLink';
import { usePermissions, useSession } from '../connection/queries';
import { sectionOf, type Route } from './routes';
import { useUi } from './ui-store';
import { useTranslation } from 'react-i18next';

interface Entry {
  to: Route;
  label: string;
  icon: IconName;
}

export function Nav() {
  const { t } = useTranslation('shell');

  const route = useUi((state) => state.route);
  const { data: session } = useSession();
  const permissions = usePermissions();
  const signedIn = session?.state === 'signed_in';

  const entries: Entry[] = signedIn
    ? [
        { to: { page: 'dashboard' }, label: t('dashboard'), icon: 'dashboard' },
        { to: { page: 'wallet' }, label: t('wallet'), icon: 'wallet' },
        { to: { page: 'payments' }, label: t('payments'), icon: 'payments' },
        { to: { page: 'orders' }, label: t('orders'), icon: 'payments' },
        { to: { page: 'subscriptions' }, label: t('subscriptions'), icon: 'payments' },
        {
          to: { page: 'invoices' },
          label: permissions.seesCustomers ? t('invoices') : t('myInvoices'),
          icon: 'payments',
        },
        {
          to: { page: 'tickets' },
          label: permissions.seesCustomers ? t('supportQueue') : t('myTickets'),
          icon: 'customers',
        },
        ...(permissions.seesCustomers
          ? [
              { to: { page: 'customers' }, label: t('customers'), icon: 'customers' } as Entry,
              // Staff only: admins keep the catalog, support agents read it (customers order on Orders).
              { to: { page: 'catalog' }, label: t('catalog'), icon: 'payments' } as Entry,
              // Staff only: admins change these settings, support agents read them.
              { to: { page: 'payment-settings' }, label: t('paymentSettings'), icon: 'payments' } as Entry,
            ]
          : []),
        // Admins only: support agents and customers manage no logins.
        ...(permissions.writes
          ? [{ to: { page: 'users' }, label: t('users'), icon: 'customers' } as Entry]
          : []),
        // Admins only: where the reseller's events go is an admin setting.
        ...(permissions.writes
          ? [{ to: { page: 'webhooks' }, label: t('webhooks'), icon: 'connection' } as Entry]
          : []),
        // Admins only: applying bank lines moves money, and the audit trail is theirs to read.
        ...(permissions.writes
          ? [
              { to: { page: 'reconciliation' }, label: t('reconciliation'), icon: 'payments' } as Entry,
              { to: { page: 'audit' }, label: t('auditTrail'), icon: 'customers' } as Entry,
            ]
          : []),
        { to: { page: 'connection' }, label: t('connection'), icon: 'connection' },
      ]
    : [{ to: { page: 'connection' }, label: t('connection'), icon: 'connection' }];
  // Signed out, every route shows the Connection screen.
  const current = signedIn ? sectionOf(route) : 'connection';

  return (
    <nav className="nav" aria-label={t('main')}>
      <ul>
        {entries.map((entry) => (
          <li key={entry.label}>
            <RouteLink
              to={entry.to}
              className="nav-link"
              aria-current={sectionOf(entry.to) === current ? 'page' : undefined}
            >
              <Icon name={entry.icon} />
              {entry.label}
            </RouteLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
