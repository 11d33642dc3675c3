import { useMutation, useQueryClient } from '@tanstack/react-query';
import { desktop } from '../bridge';
import { call } from '../lib/ipc';
import { outboxQueries } from './queries';

/** Drops a queued write (a rejected one, or one not yet sent); answers the outbox after it. */
export function useDiscardOutboxItem() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call(desktop().outboxDiscard({ id })),
    onSuccess: (items) => {
      queryClient.setQueryData(outboxQueries.list().queryKey, items);
      void queryClient.invalidateQueries({ queryKey: [...outboxQueries.all, 'page'] });
    },
  });
}

/** Sends a rejected write again (after the cause was fixed on the server, say). */
export function useRetryOutboxItem() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call(desktop().outboxRetry({ id })),
    onSuccess: (items) => {
      queryClient.setQueryData(outboxQueries.list().queryKey, items);
      void queryClient.invalidateQueries({ queryKey: [...outboxQueries.all, 'page'] });
    },
  });
}
