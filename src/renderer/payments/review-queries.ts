import { infiniteQueryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { desktop } from '../bridge';
import { call } from '../lib/ipc';
import type { HeldRefundOutcome } from '../../shared/api/payments';

export const reviewQueries = {
  all: ['payment-reviews'] as const,
  /**
   * From the billing API (not cached), 100 at a time ("Show older reviews"): refetched when the feed announces a review opened or resolved
   * (`payment_reviews`), and when payments change.
   */
  list: (status: 'open' | 'resolved') =>
    infiniteQueryOptions({
      queryKey: [...reviewQueries.all, status] as const,
      // Newest first, a page at a time: `cursor` is where the API said the page before ended.
      queryFn: ({ pageParam }) =>
        call(desktop().paymentReviewsList(pageParam ? { status, cursor: pageParam } : { status })),
      initialPageParam: null as string | null,
      getNextPageParam: (page) => page.nextCursor,
      select: (data) => data.pages.flatMap((page) => page.items),
      meta: { tables: ['session', 'payments', 'payment_reviews'] },
      retry: false,
    }),
};

export function useResolveReview() {
  const queryClient = useQueryClient();
  return useMutation({
    // `refund`: what staff found at the provider, for the review of a refund held for staff.
    mutationFn: (input: { reviewId: string; refund?: HeldRefundOutcome }) =>
      call(desktop().paymentReviewsResolve(input)),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: reviewQueries.all }),
  });
}

/**
 * Applies a review's unmatched transfer to a payment, a wallet, or the invoice of the review's
 * payment (online only, admins only).
 */
export function useApplyReview() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { reviewId: string; paymentId?: string; walletId?: string; invoice?: true }) =>
      call(desktop().paymentReviewsApply(input)),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: reviewQueries.all }),
  });
}
