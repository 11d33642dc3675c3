import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ChannelInput } from '../../shared/ipc-contract';
import { desktop } from '../bridge';
import { call } from '../lib/ipc';
import { orderQueries } from './queries';

function useRefreshOrders() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: orderQueries.all });
}

/** Places an order at once (the wallet pays now): online only. */
export function usePlaceOrder() {
  const refresh = useRefreshOrders();
  return useMutation({
    mutationFn: (input: ChannelInput<'orders:place'>) => call(desktop().ordersPlace(input)),
    onSuccess: () => refresh(),
  });
}

/** Queues a fulfilment report in the outbox (sent when online). */
export function useReportFulfilment() {
  const refresh = useRefreshOrders();
  return useMutation({
    mutationFn: (input: ChannelInput<'orders:fulfil'>) => call(desktop().ordersFulfil(input)),
    onSuccess: () => refresh(),
  });
}

/** A batch refund: the dry run (`dryRun: true`) previews, the real run refunds. */
export function useBatchRefund() {
  const refresh = useRefreshOrders();
  return useMutation({
    mutationFn: (input: ChannelInput<'orders:batch-refund'>) => call(desktop().ordersBatchRefund(input)),
    onSuccess: (result) => {
      if (!result.dryRun) void refresh();
    },
  });
}

/** Adds a product to the catalog (staff, online). */
export function useCreateProduct() {
  const refresh = useRefreshOrders();
  return useMutation({
    mutationFn: (input: ChannelInput<'products:create'>) => call(desktop().productsCreate(input)),
    onSuccess: () => refresh(),
  });
}

/** Changes a product (staff, online): only the fields that changed are sent. */
export function useUpdateProduct() {
  const refresh = useRefreshOrders();
  return useMutation({
    mutationFn: (input: ChannelInput<'products:update'>) => call(desktop().productsUpdate(input)),
    onSuccess: () => refresh(),
  });
}
