import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ChannelInput } from '../../shared/ipc-contract';
import { desktop } from '../bridge';
import { call } from '../lib/ipc';
import { paymentQueries } from '../payments/queries';

/** Creates a link on the billing API at once (online only: a link is for sharing now). */
export function useCreateTopUpLink(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ChannelInput<'top-up-links:create'>) => call(desktop().topUpLinksCreate(input)),
    onSuccess: () =>
      void queryClient.invalidateQueries({ queryKey: paymentQueries.links(customerId).queryKey }),
  });
}

/** Revokes a link on the billing API at once (online only, as creating one is). */
export function useRevokeTopUpLink(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ChannelInput<'top-up-links:revoke'>) => call(desktop().topUpLinksRevoke(input)),
    onSettled: () =>
      void queryClient.invalidateQueries({ queryKey: paymentQueries.links(customerId).queryKey }),
  });
}
