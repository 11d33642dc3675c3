import { useMutation, useQueryClient } from '@tanstack/react-query';
import { desktop } from '../bridge';
import { call } from '../lib/ipc';
import { syncQueries } from './queries';

export function useSyncNow() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => call(desktop().syncNow({})),
    onSuccess: (status) => queryClient.setQueryData(syncQueries.status().queryKey, status),
  });
}
