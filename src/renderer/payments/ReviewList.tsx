import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { PaymentReview } from '../../shared/api/payments';
import { FormMessage, SelectField } from '../components/Field';
import { Money } from '../components/Money';
import { RouteLink } from '../components/RouteLink';
import { EmptyState, ErrorState, LoadingState } from '../components/States';
import { formatDateTime } from '../lib/format';
import { errorMessage } from '../lib/ipc';
import { ApplyTransferDialog, type ApplyTarget } from './ApplyTransferDialog';
import { PROVIDER_LABELS } from './payment-labels';
import { REVIEW_REASON_LABELS } from './review-labels';
import { reviewQueries, useResolveReview } from './review-queries';

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
  const [status, setStatus] = useState<'open' | 'resolved'>('open');
  const reviews = useQuery(reviewQueries.list(status));
  const resolve = useResolveReview();
  const [applying, setApplying] = useState<{ review: PaymentReview; target: ApplyTarget } | null>(null);
  const filter = (
    <SelectField
      label="Show"
      inline
      value={status}
      onChange={(event) => setStatus(event.target.value === 'resolved' ? 'resolved' : 'open')}
    >
      <option value="open">Open</option>
      <option value="resolved">Resolved</option>
    </SelectField>
  );

  if (reviews.isPending) return <LoadingState label="Loading reviews…" compact />;
  if (reviews.isError)
    return (
      <ErrorState
        title="Could not load the reviews"
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
          <EmptyState title="Nothing needs review">
            Payments whose amount, currency or recipient did not match show here instead of crediting.
          </EmptyState>
        ) : (
          <EmptyState title="Nothing resolved yet">Reviews you resolve or apply are listed here.</EmptyState>
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
      {resolve.isError && <FormMessage tone="error">{errorMessage(resolve.error)}</FormMessage>}
      <table className="payments-table" aria-label="Payments that need review">
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Method</th>
            <th scope="col">Reason</th>
            <th scope="col">Detail</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {reviews.data.map((review) => {
            const reason = REVIEW_REASON_LABELS[review.reason];
            const when = formatDateTime(review.createdAt);
            return (
              <tr key={review.id} data-testid="review-row">
                <td>
                  <time dateTime={review.createdAt}>{when}</time>
                </td>
                <td>{PROVIDER_LABELS[review.provider]}</td>
                <td>{reason}</td>
                <td>
                  {review.detail}
                  {review.amount !== null && review.currency !== null && (
                    <>
                      {' '}
                      (<Money amount={review.amount} currency={review.currency} />)
                    </>
                  )}
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
                        aria-label={`Open the payment under review (${reason}, ${when})`}
                      >
                        Open payment
                      </RouteLink>
                    )}
                    {canResolve && review.status === 'open' && carriesTransfer(review) && (
                      <>
                        <button
                          type="button"
                          className="button button-sm"
                          onClick={() => setApplying({ review, target: 'payment' })}
                          aria-label={`Apply to payment…: ${reason}, ${when}`}
                        >
                          Apply to payment…
                        </button>
                        <button
                          type="button"
                          className="button button-sm"
                          onClick={() => setApplying({ review, target: 'wallet' })}
                          aria-label={`Apply to wallet…: ${reason}, ${when}`}
                        >
                          Apply to wallet…
                        </button>
                      </>
                    )}
                    {canResolve && review.status === 'open' && (
                      <button
                        type="button"
                        className="button button-sm"
                        disabled={resolve.isPending}
                        onClick={() => resolve.mutate(review.id)}
                        aria-label={`Mark resolved: ${reason}, ${when}`}
                      >
                        Mark resolved
                      </button>
                    )}
                  </span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}
