import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useKeptOverLanguageSwitch } from '../shell/kept-over-language-switch';
import type { PaymentReview } from '../../shared/api/payments';
import { FormMessage, SelectField } from '../components/Field';
import { Money } from '../components/Money';
import { RouteLink } from '../components/RouteLink';
import { ShowMore } from '../components/ShowMore';
import { EmptyState, ErrorState, LoadingState } from '../components/States';
import { formatDateTime } from '../lib/format';
import { errorMessage } from '../lib/ipc';
import { invoiceQueries } from '../invoices/queries';
import { ApplyToInvoiceDialog } from './ApplyToInvoiceDialog';
import { ApplyTransferDialog, type ApplyTarget } from './ApplyTransferDialog';
import { ResolveHeldRefundDialog } from './ResolveHeldRefundDialog';
import { ResolveReviewDialog } from './ResolveReviewDialog';
import { PROVIDER_LABELS } from './payment-labels';
import { paymentQueries } from './queries';
import { REVIEW_REASON_LABELS } from './review-labels';
import { heldRefundChoices, reviewDetailText } from './review-words';
import { reviewQueries, useResolveReview } from './review-queries';
import { useTranslation } from 'react-i18next';

/** A review about a transfer that arrived and matched no payment: its money can be applied. */
const carriesTransfer = (
  review: PaymentReview,
): review is PaymentReview & { amount: number; currency: string } =>
  review.amount !== null && review.currency !== null && review.applied === null;

/**
 * Provider events that did not credit (wrong amount or currency, another account, a transfer that
 * matches no payment): the reseller looks at each, applies a stray transfer to a payment or a
 * wallet, or marks it resolved once dealt with. Resolved ones show what was done, by whom and when.
 */
export function ReviewList({ canResolve }: { canResolve: boolean }) {
  const { t } = useTranslation('payments');

  // Open or Resolved outlives a language switch, as the Needs review tab does.
  const [status, setStatus] = useKeptOverLanguageSwitch<'open' | 'resolved'>(
    'payments:reviews:status',
    'open',
  );
  const reviews = useInfiniteQuery(reviewQueries.list(status));
  const resolve = useResolveReview();
  const [applying, setApplying] = useState<{ review: PaymentReview; target: ApplyTarget } | null>(null);
  const [toInvoice, setToInvoice] = useState<{ review: PaymentReview; invoiceNumber: string } | null>(null);
  // Resolving a review that holds money is asked first: that money is then credited nowhere.
  const [resolving, setResolving] = useState<PaymentReview | null>(null);
  // A refund held for staff ends as they say they found it at the provider: that is asked first.
  const [resolvingRefund, setResolvingRefund] = useState<PaymentReview | null>(null);
  const refundChoices = resolvingRefund && heldRefundChoices(resolvingRefund);
  // The money of a checkout cancelled, then paid anyway, may pay the invoice it was opened for: the
  // payments those reviews are about, then their invoices, from the cache.
  const withMoney = (reviews.data ?? []).filter(carriesTransfer);
  const payments = useQuery(
    paymentQueries.named(withMoney.flatMap((r) => (r.paymentId ? [r.paymentId] : []))),
  );
  const invoices = useQuery(
    invoiceQueries.named(
      [...(payments.data?.values() ?? [])].flatMap((p) => (p.invoiceId ? [p.invoiceId] : [])),
    ),
  );
  /** The invoice a review's money can still pay: open or partly paid, in the money's currency. */
  const openInvoiceOf = (review: PaymentReview) => {
    const invoiceId = review.paymentId ? payments.data?.get(review.paymentId)?.invoiceId : null;
    const invoice = invoiceId ? invoices.data?.get(invoiceId) : undefined;
    return invoice &&
      invoice.number !== null &&
      (invoice.status === 'open' || invoice.status === 'partially_paid') &&
      invoice.currency === review.currency
      ? { number: invoice.number }
      : null;
  };
  /** A payment held for the review (its wallet refused the money): resolving it cancels the payment. */
  const holdsPayment = (review: PaymentReview) => {
    const payment = review.paymentId ? payments.data?.get(review.paymentId) : undefined;
    return payment?.heldForReview === true && (payment.status === 'new' || payment.status === 'processing');
  };
  const filter = (
    <SelectField
      label={t('show')}
      inline
      value={status}
      onChange={(event) => setStatus(event.target.value === 'resolved' ? 'resolved' : 'open')}
    >
      <option value="open">{t('open')}</option>
      <option value="resolved">{t('resolved')}</option>
    </SelectField>
  );

  if (reviews.isPending) return <LoadingState label={t('loadingReviews')} compact />;
  if (reviews.isError)
    return (
      <ErrorState
        title={t('couldNotLoadThe')}
        error={reviews.error}
        onRetry={() => void reviews.refetch()}
        compact
      />
    );
  if (reviews.data.length === 0)
    return (
      <>
        {filter}
        {status === 'open' ? (
          <EmptyState title={t('nothingNeedsReview')}>{t('paymentsWhoseAmountCurrency')}</EmptyState>
        ) : (
          <EmptyState title={t('nothingResolvedYet')}>{t('reviewsYouResolveOr')}</EmptyState>
        )}
      </>
    );
  return (
    <>
      {filter}
      {applying && carriesTransfer(applying.review) && (
        <ApplyTransferDialog
          review={applying.review}
          target={applying.target}
          onClose={() => setApplying(null)}
        />
      )}
      {toInvoice && carriesTransfer(toInvoice.review) && (
        <ApplyToInvoiceDialog
          review={toInvoice.review}
          invoiceNumber={toInvoice.invoiceNumber}
          onClose={() => setToInvoice(null)}
        />
      )}
      {resolving && carriesTransfer(resolving) && (
        <ResolveReviewDialog
          review={resolving}
          closesPayment={holdsPayment(resolving)}
          onClose={() => setResolving(null)}
        />
      )}
      {resolvingRefund && refundChoices && (
        <ResolveHeldRefundDialog
          review={resolvingRefund}
          choices={refundChoices}
          onClose={() => setResolvingRefund(null)}
        />
      )}
      {resolve.isError && <FormMessage tone="error">{errorMessage(resolve.error)}</FormMessage>}
      <table className="payments-table review-table" aria-label={t('paymentsThatNeedReview')}>
        <thead>
          <tr>
            <th scope="col">{t('date')}</th>
            <th scope="col" className="cell-amount">
              {t('amount')}
            </th>
            <th scope="col">{t('method')}</th>
            <th scope="col">{t('reason')}</th>
            <th scope="col">{t('detail')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {reviews.data.map((review) => {
            const reason = REVIEW_REASON_LABELS[review.reason];
            const when = formatDateTime(review.createdAt);
            const invoice = carriesTransfer(review) ? openInvoiceOf(review) : null;
            return (
              <tr key={review.id} data-testid="review-row">
                <td>
                  <time dateTime={review.createdAt}>{when}</time>
                </td>
                {/* The money a review carries shows here, where the Payments list has its amounts;
                    the detail's sentence leaves it out (review-words.ts). */}
                <td className="cell-amount">
                  {review.amount !== null && review.currency !== null && (
                    <Money amount={review.amount} currency={review.currency} />
                  )}
                </td>
                <td>{PROVIDER_LABELS[review.provider]}</td>
                <td>{reason}</td>
                <td>
                  {reviewDetailText(review)}
                  {review.resolution && (
                    <p className="muted" data-testid="review-resolution">
                      {review.resolution}
                      {review.resolvedAt && (
                        <>
                          {' — '}
                          <time dateTime={review.resolvedAt}>{formatDateTime(review.resolvedAt)}</time>
                        </>
                      )}
                    </p>
                  )}
                </td>
                <td>
                  <span className="button-row">
                    {review.paymentId && (
                      <RouteLink
                        to={{ page: 'payment', paymentId: review.paymentId }}
                        aria-label={t('openThePaymentUnder', { reason, when })}
                      >
                        {t('openPayment')}
                      </RouteLink>
                    )}
                    {canResolve && review.status === 'open' && invoice && (
                      <button
                        type="button"
                        className="button button-sm"
                        onClick={() => setToInvoice({ review, invoiceNumber: invoice.number })}
                        aria-label={t('applyToInvoice.buttonFor', { invoice: invoice.number, reason, when })}
                      >
                        {t('applyToInvoice.button')}
                      </button>
                    )}
                    {canResolve && review.status === 'open' && carriesTransfer(review) && (
                      <>
                        <button
                          type="button"
                          className="button button-sm"
                          onClick={() => setApplying({ review, target: 'payment' })}
                          aria-label={t('applyToPayment', { reason, when })}
                        >
                          {t('applyToPayment2')}
                        </button>
                        <button
                          type="button"
                          className="button button-sm"
                          onClick={() => setApplying({ review, target: 'wallet' })}
                          aria-label={t('applyToWallet', { reason, when })}
                        >
                          {t('applyToWallet2')}
                        </button>
                      </>
                    )}
                    {canResolve && review.status === 'open' && (
                      <button
                        type="button"
                        className="button button-sm"
                        disabled={resolve.isPending}
                        onClick={() =>
                          carriesTransfer(review)
                            ? setResolving(review)
                            : heldRefundChoices(review)
                              ? setResolvingRefund(review)
                              : resolve.mutate({ reviewId: review.id })
                        }
                        aria-label={t('markResolved', { reason, when })}
                      >
                        {t('markResolved2')}
                      </button>
                    )}
                  </span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <ShowMore query={reviews} shown={reviews.data.length} label={t('showOlderReviews')} />
    </>
  );
}
