import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ChannelInput } from '../../shared/ipc-contract';
import { desktop } from '../bridge';
import { call } from '../lib/ipc';
import { topUpQueries } from '../top-up/queries';
import { paymentSettingsQueries } from './queries';

/** Settings change what a top-up offers: the settings and every wallet's top-up options refetch. */
function useInvalidateSettings() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: paymentSettingsQueries.all }),
      queryClient.invalidateQueries({ queryKey: topUpQueries.all }),
    ]);
}

export function useUpdatePaymentSettings() {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateSettings();
  return useMutation({
    mutationFn: (patch: ChannelInput<'payment-settings:update'>) =>
      call(desktop().paymentSettingsUpdate(patch)),
    onSuccess: async (settings) => {
      queryClient.setQueryData(paymentSettingsQueries.current().queryKey, settings);
      await invalidate();
    },
  });
}

export function useSetGatewayCredentials() {
  const invalidate = useInvalidateSettings();
  return useMutation({
    mutationFn: (input: ChannelInput<'payment-settings:set-credentials'>) =>
      call(desktop().paymentSettingsSetCredentials(input)),
    onSuccess: () => invalidate(),
  });
}
