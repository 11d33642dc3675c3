import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { desktop } from '../bridge';
import { call } from '../lib/ipc';

export const reviewQueries = {
  all: ['payment-reviews'] as const,
  /**
   * From the billing API (not cached): refetched when the feed announces a review opened or resolved
   * (`payment_reviews`), and when payments change.
   */
  list: (status: 'open' | 'resolved') =>
    queryOptions({
      queryKey: [...reviewQueries.all, status] as const,
      queryFn: () => call(desktop().paymentReviewsList({ status })),
      meta: { tables: ['session', 'payments', 'payment_reviews'] },
      retry: false,
    }),
};

export function useResolveReview() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (reviewId: string) => call(desktop().paymentReviewsResolve({ reviewId })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: reviewQueries.all }),
  });
}

/** Applies a review's unmatched transfer to a payment or a wallet (online only, admins only). */
export function useApplyReview() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { reviewId: string; paymentId?: string; walletId?: string }) =>
      call(desktop().paymentReviewsApply(input)),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: reviewQueries.all }),
  });
}
