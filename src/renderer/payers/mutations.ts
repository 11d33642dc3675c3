import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ChannelInput } from '../../shared/ipc-contract';
import { desktop } from '../bridge';
import { call } from '../lib/ipc';
import { topUpQueries } from '../top-up/queries';
import { payerQueries } from './queries';

/** Payers and saved methods are also offered by the Top Up screen: both refetch after a change. */
function useInvalidate() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: payerQueries.all }),
      queryClient.invalidateQueries({ queryKey: topUpQueries.all }),
    ]);
}

export function useCreatePayer() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: ChannelInput<'payers:create'>) => call(desktop().payersCreate(input)),
    onSuccess: () => invalidate(),
  });
}

export function useSetDefaultMethod() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (methodId: string) => call(desktop().savedMethodsSetDefault({ methodId })),
    onSuccess: () => invalidate(),
  });
}

export function useDeleteMethod() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (methodId: string) => call(desktop().savedMethodsDelete({ methodId })),
    onSuccess: () => invalidate(),
  });
}
