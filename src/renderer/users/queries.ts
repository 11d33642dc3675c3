import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { ChannelInput } from '../../shared/ipc-contract';
import { desktop } from '../bridge';
import { call } from '../lib/ipc';

export const userQueries = {
  all: ['users'] as const,
  /** From the billing API each time (logins are not cached): online only, a clear error offline. */
  list: () =>
    queryOptions({
      queryKey: [...userQueries.all, 'list'] as const,
      queryFn: () => call(desktop().usersList({})),
      meta: { tables: ['session'] },
      retry: false,
    }),
};

function useRefreshUsers() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: userQueries.all });
}

export function useCreateUser() {
  const refresh = useRefreshUsers();
  return useMutation({
    mutationFn: (input: ChannelInput<'users:create'>) => call(desktop().usersCreate(input)),
    onSuccess: () => refresh(),
  });
}

export function useUpdateUser() {
  const refresh = useRefreshUsers();
  return useMutation({
    mutationFn: (input: ChannelInput<'users:update'>) => call(desktop().usersUpdate(input)),
    onSuccess: () => refresh(),
  });
}

export function useResetPassword() {
  const refresh = useRefreshUsers();
  return useMutation({
    mutationFn: (input: ChannelInput<'users:reset-password'>) => call(desktop().usersResetPassword(input)),
    onSuccess: () => refresh(),
  });
}
