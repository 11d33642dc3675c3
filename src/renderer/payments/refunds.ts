import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateRefundBody } from '../../shared/api/refunds';
import { desktop } from '../bridge';
import { call } from '../lib/ipc';
import { paymentQueries } from './queries';

export const refundQueries = {
  all: ['refunds'] as const,
  /** A payment's refunds, from the billing API (staff only; not cached): refetched when payments change. */
  forPayment: (paymentId: string) =>
    queryOptions({
      queryKey: [...refundQueries.all, paymentId] as const,
      queryFn: () => call(desktop().paymentsRefunds({ paymentId })),
      meta: { tables: ['payments'] },
      retry: false,
    }),
};

/** Refunds a paid top-up to its source, or records a manual payout (online, admins only). */
export function useRefundPayment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateRefundBody & { paymentId: string }) => call(desktop().paymentsRefund(input)),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: refundQueries.all });
      void queryClient.invalidateQueries({ queryKey: paymentQueries.all });
    },
  });
}
