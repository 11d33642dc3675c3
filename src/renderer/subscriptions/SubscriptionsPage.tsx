import { PageHeader } from '../components/PageHeader';
import { useSession } from '../connection/queries';
import { RenewalsTab } from './RenewalsTab';
import '../orders/orders.css';

/** Every live subscription the user may see, with its next renewal. */
export function SubscriptionsPage() {
  const { data: session } = useSession();
  return (
    <div className="page">
      <PageHeader
        title="Subscriptions"
        subtitle="Products renewed from the wallet each period. Cancelling auto-renew keeps the service to the end of the paid period, with no refund."
      />
      <section className="card" aria-label="Subscriptions">
        <RenewalsTab customerId={session?.customerId ?? undefined} title="Subscriptions" />
      </section>
    </div>
  );
}
