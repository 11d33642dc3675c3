import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useKeptOverLanguageSwitch } from '../shell/kept-over-language-switch';
import { invoiceListStatuses, type InvoiceListStatus } from '../../shared/api/invoices';
import { Badge, PendingBadge } from '../components/Badge';
import { TestBadge } from '../components/TestMode';
import { SelectField, TextField } from '../components/Field';
import { Money } from '../components/Money';
import { PageHeader } from '../components/PageHeader';
import { RouteLink } from '../components/RouteLink';
import { ShowMore } from '../components/ShowMore';
import { EmptyState, QueryStates } from '../components/States';
import { CustomerLink } from '../customers/CustomerLink';
import { usePermissions } from '../connection/queries';
import { CustomerPicker } from '../customers/CustomerPicker';
import { CustomerListHeading } from '../customers/CustomerListHeading';
import { useCustomerFilter } from '../customers/customer-filter';
import { formatDay } from '../lib/format';
import { useNow } from '../lib/use-now';
import { paymentQueries } from '../payments/queries';
import { CreateInvoiceDialog } from './CreateInvoiceDialog';
import { displayStatus, INVOICE_STATUS_LABELS, INVOICE_STATUS_TONES, isOverdue } from './invoice-labels';
import { invoiceQueries } from './queries';
import './invoices.css';
import { useTranslation } from 'react-i18next';

/** Staff: every customer's invoices, filtered; a customer: "My Invoices". From the local cache. */
export function InvoicesPage({ customerId: chosen }: { customerId?: string | undefined }) {
  const { t } = useTranslation('invoices');
  // The filter offers what the list's badges read: `open` is "Unpaid", and an invoice whose payment
  // awaits confirmation or is held for staff is under those, not under Unpaid or Partially paid.
  const filterLabels: Record<InvoiceListStatus, string> = {
    draft: t('invoiceStatus.draft'),
    open: t('invoiceStatus.unpaid'),
    processing: t('invoiceStatus.processing'),
    payment_held: t('invoiceStatus.payment_held'),
    partially_paid: t('invoiceStatus.partially_paid'),
    paid: t('invoiceStatus.paid'),
    void: t('invoiceStatus.void'),
  };

  const permissions = usePermissions();
  const [status, setStatus] = useKeptOverLanguageSwitch<InvoiceListStatus | ''>('invoices:status', '');
  const [customerId, setCustomerId] = useCustomerFilter('invoices', chosen);
  const [from, setFrom] = useKeptOverLanguageSwitch('invoices:from', '');
  const [to, setTo] = useKeptOverLanguageSwitch('invoices:to', '');
  const [creating, setCreating] = useState(false);
  const invoices = useInfiniteQuery(
    invoiceQueries.pages({
      ...(status ? { status } : {}),
      ...(customerId ? { customerId } : {}),
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
    }),
  );
  // The payments under way for the invoices shown: one awaiting confirmation reads "Processing".
  const paying = useQuery(
    paymentQueries.named(
      (invoices.data ?? []).flatMap((i) => (i.pendingPaymentId ? [i.pendingPaymentId] : [])),
    ),
  );
  const today = new Date(useNow()).toISOString().slice(0, 10);
  const filtered = status !== '' || customerId !== '' || from !== '' || to !== '';

  return (
    <div className="page">
      <PageHeader
        title={permissions.seesCustomers ? t('invoices') : t('myInvoices')}
        subtitle={t('numberedInvoicesPaidFrom')}
        actions={
          permissions.writes && (
            <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
              {t('newInvoice')}
            </button>
          )
        }
      />
      {permissions.writes && <CreateInvoiceDialog open={creating} onClose={() => setCreating(false)} />}
      <section className="card" aria-labelledby="invoices-title">
        <CustomerListHeading
          id="invoices-title"
          customerId={permissions.seesCustomers ? customerId : ''}
          list={t('invoices')}
          all={t('invoices')}
          of={(name) => t('invoicesOf', { name })}
          hideAll
        />
        <div className="filters">
          <SelectField
            label={t('status')}
            value={status}
            onChange={(e) => setStatus(e.target.value as InvoiceListStatus | '')}
          >
            <option value="">{t('allStatuses')}</option>
            {invoiceListStatuses.map((s) => (
              <option key={s} value={s}>
                {filterLabels[s]}
              </option>
            ))}
          </SelectField>
          {permissions.seesCustomers && (
            <CustomerPicker value={customerId} onChange={setCustomerId} emptyLabel={t('allCustomers')} />
          )}
          <TextField label={t('from')} type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
          <TextField label={t('to')} type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </div>
        <QueryStates
          query={invoices}
          loading={t('loadingInvoices')}
          compact
          empty={
            <EmptyState title={filtered ? t('noInvoicesMatchThese') : t('noInvoicesYet')}>
              {filtered ? t('chooseOtherFilters') : t('invoicesShowHereOnce')}
            </EmptyState>
          }
        >
          {(items) => (
            <>
              <table className="data-table" aria-label={t('invoices')}>
                <thead>
                  <tr>
                    <th scope="col">{t('number')}</th>
                    {permissions.seesCustomers && <th scope="col">{t('customer')}</th>}
                    <th scope="col">{t('due')}</th>
                    <th scope="col" className="cell-amount">
                      {t('total')}
                    </th>
                    <th scope="col" className="cell-amount">
                      {t('amountDue')}
                    </th>
                    <th scope="col">{t('status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((invoice) => {
                    const shown = displayStatus(
                      invoice,
                      invoice.pendingPaymentId ? paying.data?.get(invoice.pendingPaymentId) : null,
                    );
                    const overdue = isOverdue(invoice, today, shown);
                    return (
                      <tr key={invoice.id} className={overdue ? 'invoice-overdue' : undefined}>
                        <td>
                          <RouteLink to={{ page: 'invoice', invoiceId: invoice.id }}>
                            {invoice.number ?? t('draft')}
                          </RouteLink>
                        </td>
                        {permissions.seesCustomers && (
                          <td>
                            {invoice.pending ? (
                              invoice.customerName
                            ) : (
                              <CustomerLink customerId={invoice.customerId} name={invoice.customerName} />
                            )}
                          </td>
                        )}
                        <td>
                          {invoice.dueDate ? formatDay(invoice.dueDate, undefined, true) : '—'}
                          {overdue && (
                            <>
                              {' '}
                              <Badge tone="danger">{t('overdue')}</Badge>
                            </>
                          )}
                        </td>
                        <td className="cell-amount">
                          <Money amount={invoice.total} currency={invoice.currency} />
                        </td>
                        <td className="cell-amount">
                          <Money amount={invoice.amountDue} currency={invoice.currency} />
                        </td>
                        <td>
                          {invoice.pending ? (
                            <PendingBadge rejection={invoice.rejection} />
                          ) : (
                            <Badge tone={INVOICE_STATUS_TONES[shown]}>{INVOICE_STATUS_LABELS[shown]}</Badge>
                          )}
                          {invoice.test && (
                            <>
                              {' '}
                              <TestBadge />
                            </>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
              <ShowMore query={invoices} shown={items.length} label={t('showOlderInvoices')} />
            </>
          )}
        </QueryStates>
      </section>
    </div>
  );
}
