import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { desktop } from '../bridge';
import { call } from '../lib/ipc';

export const reviewQueries = {
  all: ['payment-reviews'] as const,
  /** From the billing API (not cached): refetched when payments change, since a review follows one. */
  list: (status: 'open' | 'resolved') =>
    queryOptions({
      queryKey: [...reviewQueries.all, status] as const,
      queryFn: () => call(desktop().paymentReviewsList({ status })),
      meta: { tables: ['session', 'payments'] },
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
