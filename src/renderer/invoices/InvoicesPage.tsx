import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { invoiceStatuses, type InvoiceStatus } from '../../shared/api/invoices';
import { Badge, PendingBadge } from '../components/Badge';
import { SelectField, TextField } from '../components/Field';
import { Money } from '../components/Money';
import { PageHeader } from '../components/PageHeader';
import { RouteLink } from '../components/RouteLink';
import { EmptyState, ErrorState, LoadingState } from '../components/States';
import { usePermissions } from '../connection/queries';
import { customerQueries } from '../customers/queries';
import { formatDay } from '../lib/format';
import { useNow } from '../lib/use-now';
import { paymentQueries } from '../payments/queries';
import { CreateInvoiceDialog } from './CreateInvoiceDialog';
import { displayStatus, INVOICE_STATUS_LABELS, INVOICE_STATUS_TONES, isOverdue } from './invoice-labels';
import { invoiceQueries } from './queries';
import './invoices.css';

const FILTER_LABELS: Record<InvoiceStatus, string> = {
  draft: 'Draft',
  open: 'Unpaid',
  partially_paid: 'Partially paid',
  paid: 'Paid',
  void: 'Void',
};

/** Staff: every customer's invoices, filtered; a customer: "My Invoices". From the local cache. */
export function InvoicesPage() {
  const permissions = usePermissions();
  const [status, setStatus] = useState<InvoiceStatus | ''>('');
  const [customerId, setCustomerId] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [creating, setCreating] = useState(false);
  const invoices = useQuery(
    invoiceQueries.list({
      ...(status ? { status } : {}),
      ...(customerId ? { customerId } : {}),
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
    }),
  );
  const customers = useQuery({ ...customerQueries.searchPage('', 0), enabled: permissions.seesCustomers });
  const processing = useQuery(paymentQueries.list({ status: 'processing' }));
  const processingIds = new Set((processing.data ?? []).map((p) => p.id));
  const today = new Date(useNow()).toISOString().slice(0, 10);
  const filtered = status !== '' || customerId !== '' || from !== '' || to !== '';

  return (
    <div className="page">
      <PageHeader
        title={permissions.seesCustomers ? 'Invoices' : 'My Invoices'}
        subtitle="Numbered invoices, paid from the wallet in their currency or by any payment method."
        actions={
          permissions.writes && (
            <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
              New invoice
            </button>
          )
        }
      />
      {permissions.writes && <CreateInvoiceDialog open={creating} onClose={() => setCreating(false)} />}
      <section className="card" aria-labelledby="invoices-title">
        <h2 id="invoices-title" className="visually-hidden">
          Invoices
        </h2>
        <div className="filters">
          <SelectField
            label="Status"
            value={status}
            onChange={(e) => setStatus(e.target.value as InvoiceStatus | '')}
          >
            <option value="">All statuses</option>
            {invoiceStatuses.map((s) => (
              <option key={s} value={s}>
                {FILTER_LABELS[s]}
              </option>
            ))}
          </SelectField>
          {permissions.seesCustomers && (
            <SelectField label="Customer" value={customerId} onChange={(e) => setCustomerId(e.target.value)}>
              <option value="">All customers</option>
              {(customers.data?.items ?? []).map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </SelectField>
          )}
          <TextField label="From" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
          <TextField label="To" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </div>
        {invoices.isPending ? (
          <LoadingState label="Loading invoices…" compact />
        ) : invoices.isError ? (
          <ErrorState error={invoices.error} onRetry={() => void invoices.refetch()} compact />
        ) : invoices.data.length === 0 ? (
          <EmptyState title={filtered ? 'No invoices match these filters' : 'No invoices yet'}>
            {filtered ? 'Choose other filters.' : 'Invoices show here once they are created.'}
          </EmptyState>
        ) : (
          <table className="invoices-table" aria-label="Invoices">
            <thead>
              <tr>
                <th scope="col">Number</th>
                {permissions.seesCustomers && <th scope="col">Customer</th>}
                <th scope="col">Due</th>
                <th scope="col" className="cell-amount">
                  Total
                </th>
                <th scope="col" className="cell-amount">
                  Amount due
                </th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {invoices.data.map((invoice) => {
                const shown = displayStatus(
                  invoice,
                  invoice.pendingPaymentId && processingIds.has(invoice.pendingPaymentId)
                    ? { status: 'processing' }
                    : null,
                );
                const overdue = isOverdue(invoice, today);
                return (
                  <tr key={invoice.id} className={overdue ? 'invoice-overdue' : undefined}>
                    <td>
                      <RouteLink to={{ page: 'invoice', invoiceId: invoice.id }}>
                        {invoice.number ?? 'Draft'}
                      </RouteLink>
                    </td>
                    {permissions.seesCustomers && <td>{invoice.customerName}</td>}
                    <td>
                      {invoice.dueDate ? formatDay(invoice.dueDate, undefined, true) : '—'}
                      {overdue && (
                        <>
                          {' '}
                          <Badge tone="danger">Overdue</Badge>
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
                        <PendingBadge />
                      ) : (
                        <Badge tone={INVOICE_STATUS_TONES[shown]}>{INVOICE_STATUS_LABELS[shown]}</Badge>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
