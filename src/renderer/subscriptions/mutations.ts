import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ChannelInput } from '../../shared/ipc-contract';
import { desktop } from '../bridge';
import { call } from '../lib/ipc';
import { subscriptionQueries } from './queries';

function useRefreshSubscriptions() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: subscriptionQueries.all });
}

/** Renews now, paid from the wallet: online only. */
export function useRenewNow() {
  const refresh = useRefreshSubscriptions();
  return useMutation({
    mutationFn: (input: ChannelInput<'subscriptions:renew'>) => call(desktop().subscriptionsRenew(input)),
    onSuccess: () => refresh(),
  });
}

/** Turns auto-renew off: queued in the outbox. */
export function useCancelAutoRenew() {
  const refresh = useRefreshSubscriptions();
  return useMutation({
    mutationFn: (input: ChannelInput<'subscriptions:cancel'>) => call(desktop().subscriptionsCancel(input)),
    onSuccess: () => refresh(),
  });
}
