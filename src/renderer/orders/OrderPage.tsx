import { useQuery } from '@tanstack/react-query';
import type { Order, Subscription } from '../../shared/api/orders';
import type { WalletTransaction } from '../../shared/api/wallets';
import type { OrderView } from '../../shared/ipc-contract';
import { Badge } from '../components/Badge';
import { Icon } from '../components/Icon';
import { Money } from '../components/Money';
import { PageHeader } from '../components/PageHeader';
import { RouteLink } from '../components/RouteLink';
import { EmptyState, ErrorState, LoadingState } from '../components/States';
import { TypeTag } from '../components/TypeTag';
import { usePermissions } from '../connection/queries';
import { formatDateTime } from '../lib/format';
import { walletName } from '../payments/payment-facts';
import {
  renewalDateWords,
  SUBSCRIPTION_STATUS_LABELS,
  SUBSCRIPTION_STATUS_TONES,
} from '../subscriptions/renewal-words';
import { ReportProblem } from '../tickets/ReportProblem';
import { walletQueries } from '../wallet/queries';
import {
  ORDER_STATUS_LABELS,
  ORDER_STATUS_TONES,
  PERIOD_WORDS,
  outcomeWords,
  refundStuckWords,
  subscriptionDate,
} from './order-words';
import { orderQueries } from './queries';
import './orders.css';
import { useTranslation } from 'react-i18next';

/**
 * One order: what was bought and for whom, what provisioning delivered, the ledger rows that paid
 * for it and refunded the rest, the renewals it started, and a way to report a problem with it.
 */
export function OrderPage({ orderId }: { orderId: string }) {
  const { t } = useTranslation('orders');
  const view = useQuery(orderQueries.detail(orderId));
  const permissions = usePermissions();
  return (
    <div className="page">
      <RouteLink to={{ page: 'orders' }} className="back-link">
        <Icon name="back" size={16} />
        {permissions.seesCustomers ? t('allOrders') : t('yourOrders')}
      </RouteLink>
      {view.isPending ? (
        <LoadingState label={t('loadingTheOrder')} />
      ) : view.isError ? (
        <ErrorState error={view.error} onRetry={() => void view.refetch()} />
      ) : view.data === null ? (
        <>
          <PageHeader title={t('order')} subtitle={<span className="mono">{orderId}</span>} />
          <EmptyState fromCache title={t('orderNotFound')}>
            {t('orderNotFoundWhy')}
          </EmptyState>
        </>
      ) : (
        <OrderView view={view.data} />
      )}
    </div>
  );
}

function OrderView({ view }: { view: OrderView }) {
  const { t } = useTranslation('orders');
  const { order } = view;
  const permissions = usePermissions();
  const wallet = useQuery(walletQueries.detail(order.walletId));
  return (
    <>
      <PageHeader
        title={t('orderNumber', { number: order.number })}
        subtitle={
          <>
            {t('placedOn', { date: formatDateTime(order.createdAt) })}
            {permissions.seesCustomers && wallet.data && (
              <>
                {' · '}
                <RouteLink to={{ page: 'customer', customerId: order.customerId }}>
                  {wallet.data.customerName}
                </RouteLink>
              </>
            )}
          </>
        }
      />
      <section className="card" aria-labelledby="order-details-title">
        <h2 id="order-details-title" className="section-title">
          {t('details')}
        </h2>
        <dl className="details">
          <div>
            <dt>{t('product')}</dt>
            <dd>
              {order.quantity} × {order.productName}
            </dd>
          </div>
          <div>
            <dt>{t('unitPrice')}</dt>
            <dd>
              <Money amount={order.unitPrice} currency={order.currency} />
            </dd>
          </div>
          <div>
            <dt>{t('total')}</dt>
            <dd>
              <Money amount={order.total} currency={order.currency} />
            </dd>
          </div>
          <div>
            <dt>{t('refunded')}</dt>
            <dd>{order.refunded > 0 ? <Money amount={order.refunded} currency={order.currency} /> : '—'}</dd>
          </div>
          <div>
            <dt>{t('paidFrom')}</dt>
            <dd>
              <RouteLink to={{ page: 'wallet', walletId: order.walletId }}>
                {wallet.data ? walletName(wallet.data) : <span className="mono">{order.walletId}</span>}
              </RouteLink>
            </dd>
          </div>
          <div>
            <dt>{t('status')}</dt>
            <dd>
              <Badge tone={ORDER_STATUS_TONES[order.status]}>{ORDER_STATUS_LABELS[order.status]}</Badge>{' '}
              {order.refundStuck && <Badge tone="warning">{t('refundStuck')}</Badge>}{' '}
              <span className="muted">{outcomeWords(order) ?? ''}</span>
            </dd>
          </div>
          {order.refundStuck && (
            <div>
              <dt>{t('refundStuck')}</dt>
              <dd>{refundStuckWords(order)}</dd>
            </div>
          )}
          {order.status === 'provisioning' && (
            <div>
              <dt>{t('provisionBy')}</dt>
              <dd>
                <time dateTime={order.provisionBy}>{formatDateTime(order.provisionBy)}</time>
              </dd>
            </div>
          )}
        </dl>
      </section>
      <LedgerRows order={order} rows={[view.payment, ...view.refunds]} />
      {view.subscription && <Renewals subscription={view.subscription} />}
      <ReportProblem
        about={{ kind: 'order', id: order.id }}
        name={order.number}
        customerId={order.customerId}
      />
    </>
  );
}

/**
 * The wallet's rows for the order (its payment, then every refund of it: the order's own and any made
 * by hand), each opened in the wallet's history.
 */
function LedgerRows({ order, rows }: { order: Order; rows: Array<WalletTransaction | null> }) {
  const { t } = useTranslation('orders');
  const shown = rows.filter((row): row is WalletTransaction => row !== null);
  return (
    <section className="card" aria-labelledby="order-ledger-title">
      <h2 id="order-ledger-title" className="section-title">
        {t('ledgerRows')}
      </h2>
      {shown.length === 0 ? (
        <p className="muted">{t('ledgerRowsNotSynced')}</p>
      ) : (
        <div className="table-wide">
          <table className="data-table" aria-labelledby="order-ledger-title">
            <thead>
              <tr>
                <th scope="col">{t('date')}</th>
                <th scope="col">{t('type')}</th>
                <th scope="col" className="cell-amount">
                  {t('amount')}
                </th>
                <th scope="col" className="cell-amount">
                  {t('balanceAfter')}
                </th>
                <th scope="col">
                  <span className="visually-hidden">{t('open')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((row) => (
                <tr key={row.id}>
                  <td>
                    <time dateTime={row.createdAt}>{formatDateTime(row.createdAt)}</time>
                  </td>
                  <td>
                    <TypeTag type={row.type} />
                  </td>
                  <td className="cell-amount">
                    <Money amount={row.amount} currency={row.currency} signed />
                  </td>
                  <td className="cell-amount">
                    <Money amount={row.balanceAfter} currency={row.currency} />
                  </td>
                  <td>
                    <RouteLink
                      to={{
                        page: 'wallet',
                        walletId: order.walletId,
                        ledgerRow: { transactionId: row.id, day: row.createdAt.slice(0, 10) },
                      }}
                    >
                      {t('openInTheWalletsHistory')}
                    </RouteLink>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** The subscription a periodic product's order started: when it renews, or ends, and for how much. */
function Renewals({ subscription: sub }: { subscription: Subscription }) {
  const { t } = useTranslation('orders');
  const permissions = usePermissions();
  const date = subscriptionDate(sub);
  return (
    <section className="card" aria-labelledby="order-renewals-title">
      <h2 id="order-renewals-title" className="section-title">
        {t('renewals')}
      </h2>
      <dl className="details">
        <div>
          <dt>{t('status')}</dt>
          <dd>
            <Badge tone={SUBSCRIPTION_STATUS_TONES[sub.status]}>
              {SUBSCRIPTION_STATUS_LABELS[sub.status]}
            </Badge>
          </dd>
        </div>
        <div>
          <dt>{date.label}</dt>
          <dd>
            {sub.status === 'past_due' ? (
              // The renewal day passed unpaid: when it is tried again, and when it ends unless paid.
              renewalDateWords(sub)
            ) : (
              <time dateTime={date.at}>{formatDateTime(date.at)}</time>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('eachRenewal')}</dt>
          <dd>
            <Money amount={sub.amount} currency={sub.currency} /> {PERIOD_WORDS[sub.period]}
          </dd>
        </div>
      </dl>
      <RouteLink to={{ page: 'subscriptions', customerId: sub.customerId }}>
        {permissions.seesCustomers ? t('allRenewalsOfThisCustomer') : t('allYourRenewals')}
      </RouteLink>
    </section>
  );
}
