import { useQuery } from '@tanstack/react-query';
import { FormMessage } from '../components/Field';
import { RouteLink } from '../components/RouteLink';
import { EmptyState, ErrorState, LoadingState } from '../components/States';
import { formatDateTime } from '../lib/format';
import { errorMessage } from '../lib/ipc';
import { PROVIDER_LABELS } from './payment-labels';
import { REVIEW_REASON_LABELS } from './review-labels';
import { reviewQueries, useResolveReview } from './review-queries';

/**
 * Provider events that did not credit (wrong amount or currency, another account, a transfer that
 * matches no payment): the reseller looks at each and marks it resolved once dealt with.
 */
export function ReviewList({ canResolve }: { canResolve: boolean }) {
  const reviews = useQuery(reviewQueries.list('open'));
  const resolve = useResolveReview();

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
      <EmptyState title="Nothing needs review">
        Payments whose amount, currency or recipient did not match show here instead of crediting.
      </EmptyState>
    );
  return (
    <>
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
                <td>{review.detail}</td>
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
                    {canResolve && (
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
