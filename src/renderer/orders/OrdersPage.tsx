import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { ReportProblem } from '../tickets/ReportProblem';
import { useKeptOverLanguageSwitch } from '../shell/kept-over-language-switch';
import type { Order } from '../../shared/api/orders';
import { Badge } from '../components/Badge';
import { FormMessage, TextField } from '../components/Field';
import { Money } from '../components/Money';
import { PageHeader } from '../components/PageHeader';
import { RouteLink } from '../components/RouteLink';
import { ShowMore } from '../components/ShowMore';
import { EmptyState, QueryStates } from '../components/States';
import { usePermissions, useSession } from '../connection/queries';
import { CustomerCell } from '../customers/CustomerCell';
import { CustomerPicker } from '../customers/CustomerPicker';
import { CustomerListHeading } from '../customers/CustomerListHeading';
import { useCustomerFilter } from '../customers/customer-filter';
import { formatAmount, formatDateTime } from '../lib/format';
import { errorMessage } from '../lib/ipc';
import { walletQueries } from '../wallet/queries';
import { BatchRefund } from './BatchRefund';
import { useReportFulfilment } from './mutations';
import { OrderForm } from './OrderForm';
import { ORDER_STATUS_LABELS, ORDER_STATUS_TONES, outcomeWords, refundStuckWords } from './order-words';
import { orderQueries } from './queries';
import './orders.css';
import { useTranslation } from 'react-i18next';

/**
 * Orders: a customer orders from the catalog and follows its orders (status, refunds); staff see
 * every order, report what provisioning delivered, and refund a failed provisioning run.
 */
export function OrdersPage({ customerId: chosen }: { customerId?: string | undefined }) {
  const { t } = useTranslation('orders');

  const { data: session } = useSession();
  const permissions = usePermissions();
  // A customer sees its own orders; staff see every customer's, or the one the filter names.
  const customerId = session?.customerId ?? null;
  const [filter, setFilter] = useCustomerFilter('orders', chosen);
  const shownFor = customerId ?? (filter || null);
  const orders = useInfiniteQuery(orderQueries.pages(shownFor ? { customerId: shownFor } : {}));
  // Whose wallet paid each order shown, named with its customer.
  const wallets = useQuery(
    walletQueries.named(permissions.seesCustomers ? (orders.data ?? []).map((o) => o.walletId) : []),
  );
  // The orders ticked for a batch refund outlive a language switch, with the refund form's draft.
  const [selected, setSelected] = useKeptOverLanguageSwitch<string[]>('orders:selected', []);

  return (
    <div className="page">
      <PageHeader title={t('orders')} subtitle={t('ordersPaidFromThe')} />
      {customerId !== null && (
        <section className="card" aria-labelledby="order-new-title">
          <h2 id="order-new-title">{t('newOrder')}</h2>
          <OrderForm customerId={customerId} />
        </section>
      )}
      {/* The reseller admin orders for a customer: the one the list is narrowed to, or one chosen
          here. A support agent changes nothing, so this is not there for it. */}
      {customerId === null && permissions.writes && <StaffOrder key={filter} routeCustomer={filter} />}
      <section className="card" aria-labelledby="orders-title">
        {customerId ? (
          <h2 id="orders-title">{t('yourOrders')}</h2>
        ) : (
          <CustomerListHeading
            id="orders-title"
            customerId={filter}
            list={t('orders')}
            all={t('allOrders')}
            of={(name) => t('ordersOf', { name })}
          />
        )}
        {permissions.seesCustomers && (
          <div className="filters">
            <CustomerPicker value={filter} onChange={setFilter} emptyLabel={t('allCustomers')} />
          </div>
        )}
        <QueryStates
          query={orders}
          loading={t('loadingOrders')}
          compact
          empty={
            filter && !customerId ? (
              <EmptyState fromCache title={t('noOrdersForThisCustomer')}>
                {t('chooseAnotherCustomer')}
              </EmptyState>
            ) : (
              <EmptyState fromCache title={t('noOrdersYet')}>
                {t('ordersPlacedFromThe')}
              </EmptyState>
            )
          }
        >
          {(items) => {
            // Reporting what provisioning delivered is for orders still provisioning: the column
            // shows only while one is on screen, which leaves room for the others.
            const fulfilling = permissions.writes && items.some((o) => o.status === 'provisioning');
            return (
              <>
                <div className="table-wide">
                  <table className="data-table orders-table" aria-label={t('orders')}>
                    <thead>
                      <tr>
                        {permissions.writes && (
                          <th scope="col">
                            <span className="visually-hidden">{t('select')}</span>
                          </th>
                        )}
                        <th scope="col">{t('order')}</th>
                        {permissions.seesCustomers && <th scope="col">{t('customer')}</th>}
                        <th scope="col">{t('product')}</th>
                        <th scope="col" className="cell-amount">
                          {t('total')}
                        </th>
                        <th scope="col">{t('status')}</th>
                        {fulfilling && <th scope="col">{t('fulfilment')}</th>}
                        <th scope="col">{t('support')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {items.map((order) => (
                        <tr key={order.id} data-testid="order-row">
                          {permissions.writes && (
                            <td>
                              <input
                                type="checkbox"
                                aria-label={t('selectOrder', { number: order.number })}
                                checked={selected.includes(order.id)}
                                onChange={(e) =>
                                  setSelected((now) =>
                                    e.target.checked
                                      ? [...now, order.id]
                                      : now.filter((id) => id !== order.id),
                                  )
                                }
                              />
                            </td>
                          )}
                          {/* The number and, under it, when it was placed: one column, so that a
                              row stays one or two lines high beside the customer and product. */}
                          <td className="order-placed">
                            <RouteLink to={{ page: 'order', orderId: order.id }} className="order-number">
                              {order.number}
                            </RouteLink>
                            <time dateTime={order.createdAt}>{formatDateTime(order.createdAt)}</time>
                          </td>
                          {permissions.seesCustomers && (
                            <CustomerCell wallet={wallets.data?.get(order.walletId)} />
                          )}
                          <td className="cell-text">
                            {order.quantity} × {order.productName}
                          </td>
                          {/* What was refunded under the total, not a column of dashes of its own:
                              the table fits a 1024 px window. */}
                          <td className="cell-amount">
                            <Money amount={order.total} currency={order.currency} />
                            {order.refunded > 0 && (
                              <span className="order-refunded">
                                {t('refundedAmount', {
                                  amount: formatAmount(order.refunded, order.currency),
                                })}
                              </span>
                            )}
                          </td>
                          <td>
                            <Badge tone={ORDER_STATUS_TONES[order.status]}>
                              {ORDER_STATUS_LABELS[order.status]}
                            </Badge>{' '}
                            {order.refundStuck && (
                              <span title={refundStuckWords(order) ?? undefined}>
                                <Badge tone="warning">{t('refundStuck')}</Badge>{' '}
                              </span>
                            )}
                            <span className="muted">{outcomeWords(order) ?? ''}</span>
                          </td>
                          {fulfilling && (
                            <td>
                              {order.status === 'provisioning' ? <FulfilmentForm order={order} /> : null}
                            </td>
                          )}
                          <td>
                            <ReportProblem
                              about={{ kind: 'order', id: order.id }}
                              name={order.number}
                              customerId={order.customerId}
                              inDialog
                              {...(permissions.seesCustomers ? { buttonText: t('openATicket') } : {})}
                              buttonLabel={
                                permissions.seesCustomers
                                  ? t('openATicketAbout', { number: order.number })
                                  : t('reportAProblemWith', { number: order.number })
                              }
                            />
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                <ShowMore query={orders} shown={items.length} label={t('showOlderOrders')} />
                {permissions.writes && selected.length > 0 && (
                  // The refund form sits below every order shown: the selection says where it is.
                  <div className="selection-bar" role="region" aria-label={t('selection')}>
                    <span>{t('ordersSelected', { count: selected.length })}</span>
                    <button
                      type="button"
                      className="button button-primary"
                      onClick={() => {
                        const form = document.getElementById('batch-refund-title')?.parentElement;
                        form?.scrollIntoView({ block: 'start' });
                        form?.querySelector<HTMLInputElement>('input')?.focus();
                      }}
                    >
                      {t('refundSelected')}
                    </button>
                    <button type="button" className="button" onClick={() => setSelected([])}>
                      {t('clearSelection')}
                    </button>
                  </div>
                )}
              </>
            );
          }}
        </QueryStates>
      </section>
      {permissions.writes && (
        <section className="card" aria-labelledby="batch-refund-title">
          <h2 id="batch-refund-title">{t('refundAFailedProvisioning')}</h2>
          <BatchRefund orderIds={selected} onDone={() => setSelected([])} />
        </section>
      )}
    </div>
  );
}

/** The reseller admin places an order for one of its customers, paid from that customer's wallet. */
function StaffOrder({ routeCustomer }: { routeCustomer: string }) {
  const { t } = useTranslation('orders');
  // Kept across a language switch, with the form below (useKeptOverLanguageSwitch).
  const [orderFor, setOrderFor] = useKeptOverLanguageSwitch(`orders:new-for:${routeCustomer}`, routeCustomer);
  return (
    <section className="card" aria-labelledby="order-new-title">
      <h2 id="order-new-title">{t('newOrderForACustomer')}</h2>
      <div className="filters">
        <CustomerPicker
          value={orderFor}
          onChange={setOrderFor}
          emptyLabel={t('chooseACustomer')}
          label={t('orderFor')}
          searchLabel={t('findWhoToOrderFor')}
        />
      </div>
      {orderFor === '' ? (
        <p className="muted">{t('chooseWhoOrders')}</p>
      ) : (
        <OrderForm key={orderFor} customerId={orderFor} staff />
      )}
    </section>
  );
}

/** Staff report how many units provisioning delivered; queued in the outbox. */
function FulfilmentForm({ order }: { order: Order }) {
  const { t } = useTranslation('orders');

  const report = useReportFulfilment();
  const [provisioned, setProvisioned] = useKeptOverLanguageSwitch(
    `orders:provisioned:${order.id}`,
    String(order.quantity),
  );
  const count = /^\d{1,5}$/.test(provisioned) ? Number(provisioned) : NaN;
  const valid = Number.isInteger(count) && count >= 0 && count <= order.quantity;
  return (
    <form
      className="fulfilment-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) report.mutate({ orderId: order.id, number: order.number, provisioned: count });
      }}
    >
      <TextField
        label={t('provisionedOf', { quantity: order.quantity })}
        inputMode="numeric"
        value={provisioned}
        onChange={(e) => setProvisioned(e.target.value)}
        error={valid ? undefined : t('provisionedRange', { quantity: order.quantity })}
      />
      {/* "Report", named with the order's number: the number is already in the row, and a button
          holding it was as wide as the column of numbers. */}
      <button
        type="submit"
        className="button"
        disabled={!valid || report.isPending || report.isSuccess}
        aria-label={report.isSuccess ? undefined : t('reportFor', { number: order.number })}
      >
        {report.isSuccess ? t('reported') : t('report')}
      </button>
      {report.isError && <FormMessage tone="error">{errorMessage(report.error)}</FormMessage>}
    </form>
  );
}
