import { PageHeader } from '../components/PageHeader';
import { useSession } from '../connection/queries';
import { RenewalsTab } from './RenewalsTab';
import '../orders/orders.css';
import { useTranslation } from 'react-i18next';

/** Every live subscription the user may see, with its next renewal. */
export function SubscriptionsPage() {
  const { t } = useTranslation('subscriptions');

  const { data: session } = useSession();
  return (
    <div className="page">
      <PageHeader title={t('subscriptions')} subtitle={t('productsRenewedFromThe')} />
      <section className="card" aria-label={t('subscriptions')}>
        <RenewalsTab customerId={session?.customerId ?? undefined} title={t('subscriptions')} />
      </section>
    </div>
  );
}
