import { useMutation, useQueryClient } from '@tanstack/react-query';
import { desktop } from '../bridge';
import type { ChannelInput } from '../../shared/ipc-contract';
import { call } from '../lib/ipc';
import { sessionChanged } from './session-cache';

export function useConnect() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ChannelInput<'session:connect'>) => call(desktop().sessionConnect(input)),
    onSuccess: (session) => sessionChanged(queryClient, session),
  });
}

export function useStartDemo() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => call(desktop().sessionUseDemo({})),
    onSuccess: (session) => sessionChanged(queryClient, session),
  });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => call(desktop().sessionSignOut({})),
    onSuccess: (session) => sessionChanged(queryClient, session),
  });
}
