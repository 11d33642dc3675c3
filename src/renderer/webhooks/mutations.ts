import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ChannelInput } from '../../shared/ipc-contract';
import { desktop } from '../bridge';
import { call } from '../lib/ipc';
import { webhookQueries } from './queries';

function useRefresh() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: webhookQueries.all });
}

export function useCreateEndpoint() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (input: ChannelInput<'webhooks:create'>) => call(desktop().webhooksCreate(input)),
    onSuccess: () => refresh(),
  });
}

export function useUpdateEndpoint() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (input: ChannelInput<'webhooks:update'>) => call(desktop().webhooksUpdate(input)),
    onSuccess: () => refresh(),
  });
}

export function useDeleteEndpoint() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (input: ChannelInput<'webhooks:delete'>) => call(desktop().webhooksDelete(input)),
    onSuccess: () => refresh(),
  });
}

export function useRotateSecret() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (input: ChannelInput<'webhooks:rotate-secret'>) =>
      call(desktop().webhooksRotateSecret(input)),
    onSuccess: () => refresh(),
  });
}

export function useRedeliver() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (input: ChannelInput<'webhooks:redeliver'>) => call(desktop().webhooksRedeliver(input)),
    onSuccess: () => refresh(),
  });
}

export function useSendTest() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (input: ChannelInput<'webhooks:test'>) => call(desktop().webhooksTest(input)),
    onSuccess: () => refresh(),
  });
}
