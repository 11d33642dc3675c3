import { PageHeader } from '../components/PageHeader';
import { useSession } from '../connection/queries';
import { BalanceTrend } from './BalanceTrend';
import { RecentActivity } from './RecentActivity';
import { WalletCards } from './WalletCards';
import { DashboardLowWallets } from '../alerts/LowWallets';
import { LagMonitor } from '../alerts/LagMonitor';
import './dashboard.css';
import { useTranslation } from 'react-i18next';

export function DashboardPage() {
  const { t } = useTranslation('dashboard');

  const { data: session } = useSession();
  // A customer is spoken to about its own wallets; staff read the reseller's.
  const greeting = session?.customerId
    ? session.resellerName
      ? t('greetingCustomerAt', { resellerName: session.resellerName })
      : t('greetingCustomer')
    : session?.resellerName
      ? t('greetingFor', { resellerName: session.resellerName })
      : t('greeting');
  return (
    <div className="page">
      <PageHeader title={t('dashboard')} subtitle={greeting} />
      <DashboardLowWallets />
      <section aria-labelledby="wallets-title" className="section">
        <h2 id="wallets-title" className="section-title">
          {t('wallets')}
        </h2>
        <WalletCards />
      </section>
      <div className="dashboard-grid">
        <BalanceTrend />
        <RecentActivity />
      </div>
      <LagMonitor />
    </div>
  );
}
