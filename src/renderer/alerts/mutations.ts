import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ChannelInput } from '../../shared/ipc-contract';
import { desktop } from '../bridge';
import { call } from '../lib/ipc';
import { alertQueries } from './queries';

/** Saved online through the API client (main keeps the answer in the cache). */
export function useUpdateAlertSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ChannelInput<'alerts:update-settings'>) =>
      call(desktop().alertsUpdateSettings(input)),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: alertQueries.all }),
  });
}

export function useUpdateAutoTopUp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ChannelInput<'auto-top-up:update'>) => call(desktop().autoTopUpUpdate(input)),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: alertQueries.all }),
  });
}
