import { PageHeader } from '../components/PageHeader';
import { usePermissions, useSession } from '../connection/queries';
import { CustomerPicker } from '../customers/CustomerPicker';
import { CustomerListHeading } from '../customers/CustomerListHeading';
import { useCustomerFilter } from '../customers/customer-filter';
import { RenewalsTab } from './RenewalsTab';
import '../orders/orders.css';
import { useTranslation } from 'react-i18next';

/**
 * Every live subscription the user may see, with its next renewal: a customer's own; staff every
 * customer's, each named, or the one customer the filter names.
 */
export function SubscriptionsPage({ customerId: chosen }: { customerId?: string | undefined }) {
  const { t } = useTranslation('subscriptions');

  const { data: session } = useSession();
  const permissions = usePermissions();
  const [filter, setFilter] = useCustomerFilter('subscriptions', chosen);
  const customerId = session?.customerId ?? (filter || undefined);
  return (
    <div className="page">
      <PageHeader title={t('subscriptions')} subtitle={t('productsRenewedFromThe')} />
      <section className="card" aria-labelledby="subscriptions-title">
        <CustomerListHeading
          id="subscriptions-title"
          customerId={permissions.seesCustomers ? filter : ''}
          list={t('subscriptions')}
          all={t('subscriptions')}
          of={(name) => t('subscriptionsOf', { name })}
          hideAll
        />
        {permissions.seesCustomers && (
          <div className="filters">
            <CustomerPicker value={filter} onChange={setFilter} emptyLabel={t('allCustomers')} />
          </div>
        )}
        <RenewalsTab
          customerId={customerId}
          title={t('subscriptions')}
          showCustomers={permissions.seesCustomers}
        />
      </section>
    </div>
  );
}
