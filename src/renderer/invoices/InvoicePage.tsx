import { useQuery } from '@tanstack/react-query';
import { ReportProblem } from '../tickets/ReportProblem';
import { useState } from 'react';
import type { Payment, PaymentProviderId } from '../../shared/api/payments';
import type { InvoiceView } from '../../shared/ipc-contract';
import { Badge, PendingBadge } from '../components/Badge';
import { TestBadge, TestModeNote } from '../components/TestMode';
import { FormMessage } from '../components/Field';
import { Icon } from '../components/Icon';
import { Money } from '../components/Money';
import { PageHeader } from '../components/PageHeader';
import { RouteLink } from '../components/RouteLink';
import { EmptyState, ErrorState, LoadingState } from '../components/States';
import { usePermissions } from '../connection/queries';
import { formatDateTime, formatDay } from '../lib/format';
import { inElectron } from '../bridge';
import { errorMessage } from '../lib/ipc';
import { useNow } from '../lib/use-now';
import { PROVIDER_LABELS } from '../payments/payment-labels';
import { paymentQueries } from '../payments/queries';
import { TopUpProgress } from '../top-up/TopUpProgress';
import {
  APPLICATION_KIND_LABELS,
  displayStatus,
  INVOICE_STATUS_LABELS,
  INVOICE_STATUS_TONES,
  isOverdue,
} from './invoice-labels';
import { useDownloadPdf, useFinalizeInvoice, useOpenPdf, useVoidInvoice } from './mutations';
import { InvoicePay } from './InvoicePay';
import { RecordTransferDialog } from './RecordTransferDialog';
import { VoidInvoiceDialog } from './VoidInvoiceDialog';
import { invoiceQueries } from './queries';
import '../top-up/top-up.css';
import './invoices.css';
import { useTranslation } from 'react-i18next';

/** One invoice: lines, totals, status, payments and the ledger rows that paid it; pay, finalize, void. */
export function InvoicePage({ invoiceId }: { invoiceId: string }) {
  const { t } = useTranslation('invoices');

  const permissions = usePermissions();
  const invoice = useQuery(invoiceQueries.detail(invoiceId));
  const pendingPaymentId = invoice.data?.pendingPaymentId ?? null;
  const pending = useQuery({
    ...paymentQueries.track(pendingPaymentId ?? ''),
    enabled: pendingPaymentId !== null,
  });
  const today = new Date(useNow()).toISOString().slice(0, 10);
  const finalize = useFinalizeInvoice();
  const voidIt = useVoidInvoice();
  const pdf = useDownloadPdf();
  const openPdf = useOpenPdf();
  const [confirmVoid, setConfirmVoid] = useState(false);
  const [recordingTransfer, setRecordingTransfer] = useState(false);
  const [checkout, setCheckout] = useState<Payment | null>(null);

  const back = (
    <RouteLink to={{ page: 'invoices' }} className="back-link">
      <Icon name="back" size={16} />
      {permissions.seesCustomers ? t('allInvoices') : t('myInvoices')}
    </RouteLink>
  );
  if (invoice.isPending)
    return (
      <div className="page">
        {back}
        <LoadingState label={t('loadingTheInvoice')} />
      </div>
    );
  if (invoice.isError)
    return (
      <div className="page">
        {back}
        <ErrorState error={invoice.error} onRetry={() => void invoice.refetch()} />
      </div>
    );
  const inv = invoice.data;
  if (!inv)
    return (
      <div className="page">
        {back}
        <EmptyState title={t('noSuchInvoice')}>{t('itMayBelongTo')}</EmptyState>
      </div>
    );

  /** A recorded transfer as staff gave it: the bank's reference and the day it arrived, when known. */
  const transferWords = (p: InvoiceView['payments'][number]) =>
    p.reference && p.receivedOn
      ? t('bankTransferArrived', { reference: p.reference, day: formatDay(p.receivedOn, undefined, true) })
      : p.reference
        ? t('bankTransferRef', { reference: p.reference })
        : t('bankTransfer');
  const pendingPayment = pending.data?.kind === 'payment' ? pending.data.payment : null;
  const shown = displayStatus(inv, pendingPayment);
  const overdue = isOverdue(inv, today, shown);
  const payable = !inv.pending && (inv.status === 'open' || inv.status === 'partially_paid');
  // A payment of it is under way (its provider confirming it, its saved card being charged) or
  // arrived and waits for staff: the API refuses another payment, a transfer and a void meanwhile,
  // for that payment's money would then only fill the wallet.
  const beingPaid = shown === 'processing' || shown === 'payment_held';
  const error = finalize.error ?? voidIt.error ?? pdf.error ?? openPdf.error;

  return (
    <div className="page">
      {back}
      <PageHeader
        title={inv.number ? t('invoice', { number: inv.number }) : t('draftInvoice')}
        subtitle={
          // Staff reach the customer's page (its wallets, payments, orders) from its invoice.
          inv.customerName && permissions.seesCustomers ? (
            <RouteLink to={{ page: 'customer', customerId: inv.customerId }}>{inv.customerName}</RouteLink>
          ) : (
            inv.customerName || undefined
          )
        }
        actions={
          <>
            {!inv.pending && (
              <button
                type="button"
                className="button"
                onClick={() => openPdf.mutate(inv.id)}
                disabled={openPdf.isPending}
              >
                {t('openPdf')}
              </button>
            )}
            {!inv.pending && (
              <button
                type="button"
                className="button"
                onClick={() => pdf.mutate(inv.id)}
                disabled={pdf.isPending}
              >
                <Icon name="download" size={16} />
                {inElectron() ? t('savePdf') : t('downloadPdf')}
              </button>
            )}
            {permissions.writes && inv.status === 'draft' && !inv.pending && (
              <button
                type="button"
                className="button button-primary"
                onClick={() => finalize.mutate(inv.id)}
                disabled={finalize.isPending}
              >
                {t('finalize')}
              </button>
            )}
            {permissions.writes && payable && !beingPaid && (
              <button type="button" className="button" onClick={() => setRecordingTransfer(true)}>
                {t('recordBankTransfer')}
              </button>
            )}
            {permissions.writes &&
              !inv.pending &&
              !beingPaid &&
              ['draft', 'open', 'partially_paid'].includes(inv.status) && (
                <button type="button" className="button button-danger" onClick={() => setConfirmVoid(true)}>
                  {t('voidInvoice')}
                </button>
              )}
          </>
        }
      />
      {error && <FormMessage tone="error">{errorMessage(error)}</FormMessage>}
      {inv.test && <TestModeNote testId="invoice-test-note">{t('testReceiptNote')}</TestModeNote>}
      <section className="card invoice-summary" aria-label={t('invoiceSummary')}>
        <dl className="details">
          <div>
            <dt>{t('status')}</dt>
            <dd data-testid="invoice-status">
              {inv.pending ? (
                <PendingBadge rejection={inv.rejection} />
              ) : (
                <Badge tone={INVOICE_STATUS_TONES[shown]}>{INVOICE_STATUS_LABELS[shown]}</Badge>
              )}
              {inv.test && (
                <>
                  {' '}
                  <TestBadge />
                </>
              )}
            </dd>
          </div>
          <div>
            <dt>{t('invoiceDate')}</dt>
            <dd>{inv.issuedAt ? formatDay(inv.issuedAt, undefined, true) : '—'}</dd>
          </div>
          <div className={overdue ? 'invoice-overdue' : undefined}>
            <dt>{t('dueDate')}</dt>
            <dd>
              {inv.dueDate ? formatDay(inv.dueDate, undefined, true) : '—'}
              {overdue && (
                <>
                  {' '}
                  <Badge tone="danger">{t('overdue')}</Badge>
                </>
              )}
            </dd>
          </div>
          <div>
            <dt>{t('total')}</dt>
            <dd>
              <Money amount={inv.total} currency={inv.currency} />
            </dd>
          </div>
          <div>
            <dt>{t('amountDue')}</dt>
            <dd data-testid="invoice-amount-due">
              <Money amount={inv.amountDue} currency={inv.currency} />
            </dd>
          </div>
          {inv.methodLastUsed && (
            <div>
              <dt>{t('methodLastUsed')}</dt>
              <dd>
                {inv.methodLastUsed === 'wallet'
                  ? t('wallet')
                  : (PROVIDER_LABELS[inv.methodLastUsed as PaymentProviderId] ?? inv.methodLastUsed)}
              </dd>
            </div>
          )}
        </dl>
        {inv.memo && <p className="invoice-memo">{inv.memo}</p>}
      </section>
      {!inv.pending && (
        <ReportProblem
          about={{ kind: 'invoice', id: inv.id }}
          customerId={inv.customerId}
          {...(inv.number ? { name: inv.number } : {})}
        />
      )}

      <section className="card" aria-labelledby="invoice-lines-title">
        <h2 id="invoice-lines-title">{t('lines')}</h2>
        <table className="data-table" aria-label={t('invoiceLines')}>
          <thead>
            <tr>
              <th scope="col">{t('description')}</th>
              <th scope="col" className="cell-amount">
                {t('quantity')}
              </th>
              <th scope="col" className="cell-amount">
                {t('unitPrice')}
              </th>
              <th scope="col" className="cell-amount">
                {t('tax2')}
              </th>
              <th scope="col" className="cell-amount">
                {t('amount')}
              </th>
            </tr>
          </thead>
          <tbody>
            {inv.lines.map((line, i) => (
              <tr key={i}>
                <td>{line.description}</td>
                <td className="cell-amount">{line.quantity}</td>
                <td className="cell-amount">
                  <Money amount={line.unitAmount} currency={inv.currency} />
                </td>
                <td className="cell-amount">
                  {line.taxRateBps === null ? '—' : `${line.taxRateBps / 100}%`}
                </td>
                <td className="cell-amount">
                  <Money amount={line.amount} currency={inv.currency} />
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={4}>
                {t('subtotal')}
              </th>
              <td className="cell-amount">
                <Money amount={inv.subtotal} currency={inv.currency} />
              </td>
            </tr>
            <tr>
              <th scope="row" colSpan={4}>
                {t('tax2')}
              </th>
              <td className="cell-amount">
                <Money amount={inv.tax} currency={inv.currency} />
              </td>
            </tr>
            <tr>
              <th scope="row" colSpan={4}>
                {t('total')}
              </th>
              <td className="cell-amount" data-testid="invoice-total">
                <Money amount={inv.total} currency={inv.currency} />
              </td>
            </tr>
          </tfoot>
        </table>
        {inv.pending && <p className="field-hint">{t('totalsWithTaxAre')}</p>}
      </section>

      {/* A top-up invoice ("Invoice (bank transfer)" on Top Up) is paid by the transfer it names only:
          the wallet it fills cannot pay it, and the API refuses a gateway checkout for it. Nor is it
          offered while the provider has seen a payment of it arriving (coins awaiting confirmations),
          while its saved card is being charged, nor while one paid waits for staff (its wallet could
          not take the money): paying again then would pay the invoice twice. */}
      {permissions.topsUp && payable && inv.topUpWalletId === null && !beingPaid && (
        <InvoicePay invoice={inv} onCheckout={setCheckout} />
      )}
      {(checkout ?? (pendingPaymentId && payable ? { id: pendingPaymentId } : null)) && (
        <section className="card top-up-card" aria-label={t('paymentInProgress')}>
          <TopUpProgress paymentId={(checkout?.id ?? pendingPaymentId)!} canAct={permissions.topsUp} />
        </section>
      )}

      <section className="card" aria-labelledby="invoice-payments-title">
        <h2 id="invoice-payments-title">{t('paymentsAndLedgerRows')}</h2>
        {inv.payments.length === 0 ? (
          <EmptyState title={t('nothingPaidYet')} />
        ) : (
          <table className="data-table" aria-label={t('invoicePayments')}>
            <thead>
              <tr>
                <th scope="col">{t('date')}</th>
                <th scope="col">{t('kind')}</th>
                <th scope="col">{t('method')}</th>
                <th scope="col" className="cell-amount">
                  {t('amount')}
                </th>
                <th scope="col">{t('ledgerRow')}</th>
              </tr>
            </thead>
            <tbody>
              {inv.payments.map((p) => (
                <tr key={p.transactionId}>
                  <td>{formatDateTime(p.at)}</td>
                  <td>{APPLICATION_KIND_LABELS[p.kind]}</td>
                  <td>
                    {p.paymentId ? (
                      <RouteLink to={{ page: 'payment', paymentId: p.paymentId }}>
                        {PROVIDER_LABELS[p.method as PaymentProviderId] ?? p.method}
                      </RouteLink>
                    ) : p.kind === 'transfer' ? (
                      transferWords(p)
                    ) : (
                      t('wallet')
                    )}
                    {p.test && (
                      <>
                        {' '}
                        <TestBadge />
                      </>
                    )}
                  </td>
                  <td className="cell-amount">
                    <Money amount={p.amount} currency={inv.currency} />
                  </td>
                  <td className="mono">{p.transactionId}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      {recordingTransfer && payable && (
        <RecordTransferDialog invoice={inv} onClose={() => setRecordingTransfer(false)} />
      )}
      <VoidInvoiceDialog
        invoice={inv}
        open={confirmVoid}
        pending={voidIt.isPending}
        onConfirm={() => voidIt.mutate(inv.id, { onSettled: () => setConfirmVoid(false) })}
        onClose={() => setConfirmVoid(false)}
      />
    </div>
  );
}
