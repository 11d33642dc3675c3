import type { WalletView } from '../../shared/ipc-contract';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import {
  paymentProviders,
  paymentStatuses,
  type PaymentProviderId,
  type PaymentStatus,
} from '../../shared/api/payments';
import { Badge } from '../components/Badge';
import { SelectField } from '../components/Field';
import { Money } from '../components/Money';
import { PageHeader } from '../components/PageHeader';
import { tabAfterKey } from '../components/tablist';
import { useKeptOverLanguageSwitch } from '../shell/kept-over-language-switch';
import { RouteLink } from '../components/RouteLink';
import { ShowMore } from '../components/ShowMore';
import { EmptyState, QueryStates } from '../components/States';
import { usePermissions } from '../connection/queries';
import { CustomerCell } from '../customers/CustomerCell';
import { CustomerPicker } from '../customers/CustomerPicker';
import { CustomerListHeading } from '../customers/CustomerListHeading';
import { useCustomerFilter } from '../customers/customer-filter';
import { formatDateTime } from '../lib/format';
import { walletQueries } from '../wallet/queries';
import { walletName } from './payment-facts';
import { paymentBadges, PAYMENT_STATUS_LABELS, PROVIDER_LABELS } from './payment-labels';
import { paymentQueries } from './queries';
import { ReviewList } from './ReviewList';
import './payments.css';
import { useTranslation } from 'react-i18next';

const PAYMENTS_TABS = ['payments', 'reviews'] as const;

/** Every top-up the signed-in user may see, newest first, from the local cache. */
export function PaymentsPage({ customerId: chosen }: { customerId?: string | undefined }) {
  const { t } = useTranslation('payments');

  // The filters chosen outlive a language switch, as the tab does (the customer is in the route).
  const [status, setStatus] = useKeptOverLanguageSwitch<PaymentStatus | ''>('payments:status', '');
  const [provider, setProvider] = useKeptOverLanguageSwitch<PaymentProviderId | ''>('payments:method', '');
  const permissions = usePermissions();
  // Staff may narrow the list to one customer (a customer's page links here so); a customer's own
  // list is its own already.
  const [customerId, setCustomerId] = useCustomerFilter('payments', chosen);
  const forCustomer = permissions.seesCustomers ? customerId : '';
  const payments = useInfiniteQuery(
    paymentQueries.pages({
      ...(status ? { status } : {}),
      ...(provider ? { provider } : {}),
      ...(forCustomer ? { customerId: forCustomer } : {}),
    }),
  );
  // Whose wallet each payment shown went to, named with its customer.
  const wallets = useQuery(walletQueries.named((payments.data ?? []).map((p) => p.walletId)));
  const walletsById = wallets.data ?? new Map<string, WalletView>();
  const filtered = status !== '' || provider !== '' || forCustomer !== '';
  // The methods this reseller's payments use or its top-ups offer, not all seven the console knows;
  // the one chosen stays listed whatever the cache says.
  const known = useQuery(paymentQueries.providers()).data ?? [];
  const offeredProviders = paymentProviders.filter((p) => known.includes(p) || p === provider);
  // Reviews are the reseller's staff's business: admins resolve them, support agents read them.
  const [tab, setTab] = useKeptOverLanguageSwitch<'payments' | 'reviews'>('payments:tab', 'payments');
  const showReviews = permissions.seesCustomers && tab === 'reviews';

  return (
    <div className="page">
      <PageHeader
        title={t('payments')}
        subtitle={t('everyTopUpThrough')}
        actions={
          permissions.topsUp && (
            <RouteLink to={{ page: 'top-up' }} className="button button-primary">
              {t('topUp')}
            </RouteLink>
          )
        }
      />
      {permissions.seesCustomers && (
        <div
          className="segmented"
          role="tablist"
          aria-label={t('paymentsView')}
          onKeyDown={(event) => {
            // One Tab stop: the arrow keys move between the tabs (see tablist.ts).
            const next = tabAfterKey(event.key, PAYMENTS_TABS, tab);
            if (next === null) return;
            event.preventDefault();
            setTab(next);
            event.currentTarget.querySelector<HTMLElement>(`#payments-tab-${next}`)?.focus();
          }}
        >
          {(
            [
              ['payments', t('allPayments')],
              ['reviews', t('tab.needsReview')],
            ] as const
          ).map(([value, label]) => (
            <button
              key={value}
              type="button"
              role="tab"
              id={`payments-tab-${value}`}
              aria-selected={tab === value}
              tabIndex={tab === value ? 0 : -1}
              aria-controls="payments-panel"
              className={tab === value ? 'segment segment-active' : 'segment'}
              onClick={() => setTab(value)}
            >
              {label}
            </button>
          ))}
        </div>
      )}
      {showReviews ? (
        <section
          className="card payments-card"
          id="payments-panel"
          role="tabpanel"
          aria-labelledby="payments-tab-reviews"
        >
          <ReviewList canResolve={permissions.writes} />
        </section>
      ) : (
        <section
          className="card payments-card"
          aria-labelledby="payments-title"
          {...(permissions.seesCustomers ? { id: 'payments-panel', role: 'tabpanel' } : {})}
        >
          <CustomerListHeading
            id="payments-title"
            customerId={forCustomer}
            list={t('payments')}
            all={t('topUps')}
            of={(name) => t('paymentsOf', { name })}
            hideAll
          />
          <div className="filters">
            <SelectField
              label={t('status')}
              value={status}
              onChange={(event) => setStatus(event.target.value as PaymentStatus | '')}
            >
              <option value="">{t('allStatuses')}</option>
              {paymentStatuses.map((s) => (
                <option key={s} value={s}>
                  {PAYMENT_STATUS_LABELS[s]}
                </option>
              ))}
            </SelectField>
            <SelectField
              label={t('method')}
              value={provider}
              onChange={(event) => setProvider(event.target.value as PaymentProviderId | '')}
            >
              <option value="">{t('allMethods')}</option>
              {offeredProviders.map((p) => (
                <option key={p} value={p}>
                  {PROVIDER_LABELS[p]}
                </option>
              ))}
            </SelectField>
            {permissions.seesCustomers && (
              <CustomerPicker value={customerId} onChange={setCustomerId} emptyLabel={t('allCustomers')} />
            )}
          </div>
          <QueryStates
            query={payments}
            loading={t('loadingPayments')}
            compact
            empty={
              <EmptyState fromCache title={filtered ? t('noPaymentsMatchThese') : t('noPaymentsYet')}>
                {filtered ? t('chooseAnotherStatusOr') : t('topUpsMadeThrough')}
              </EmptyState>
            }
          >
            {(items) => (
              <>
                <table className="payments-table" aria-label={t('payments')}>
                  <thead>
                    <tr>
                      <th scope="col">{t('date')}</th>
                      {permissions.seesCustomers && <th scope="col">{t('customer')}</th>}
                      <th scope="col">{t('wallet')}</th>
                      <th scope="col" className="cell-amount">
                        {t('amount')}
                      </th>
                      <th scope="col">{t('method')}</th>
                      <th scope="col">{t('status')}</th>
                      <th scope="col">
                        <span className="visually-hidden">{t('details')}</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {items.map((payment) => {
                      const wallet = walletsById.get(payment.walletId);
                      return (
                        <tr key={payment.id} data-testid="payment-row">
                          <td>
                            <time dateTime={payment.createdAt}>{formatDateTime(payment.createdAt)}</time>
                          </td>
                          {permissions.seesCustomers && <CustomerCell wallet={wallet} />}
                          <td className="cell-text" title={wallet ? walletName(wallet) : undefined}>
                            <RouteLink to={{ page: 'wallet', walletId: payment.walletId }}>
                              {t('wallet2', { value: wallet?.currency ?? payment.currency })}
                            </RouteLink>
                          </td>
                          <td className="cell-amount">
                            <Money amount={payment.amount} currency={payment.currency} />
                          </td>
                          <td>{PROVIDER_LABELS[payment.provider]}</td>
                          <td>
                            <span className="badges">
                              {paymentBadges(payment).map((b) => (
                                <Badge key={b.label} tone={b.tone}>
                                  {b.label}
                                </Badge>
                              ))}
                            </span>
                          </td>
                          <td>
                            <RouteLink
                              to={{ page: 'payment', paymentId: payment.id }}
                              aria-label={
                                wallet
                                  ? t('openThePaymentTo', {
                                      value: PROVIDER_LABELS[payment.provider],
                                      date: formatDateTime(payment.createdAt),
                                      wallet: walletName(wallet),
                                    })
                                  : t('openThePaymentOf', {
                                      value: PROVIDER_LABELS[payment.provider],
                                      date: formatDateTime(payment.createdAt),
                                    })
                              }
                            >
                              {t('open')}
                            </RouteLink>
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
                <ShowMore query={payments} shown={items.length} label={t('showOlderPayments')} />
              </>
            )}
          </QueryStates>
        </section>
      )}
    </div>
  );
}
