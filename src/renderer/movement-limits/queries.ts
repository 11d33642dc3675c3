import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { ChannelInput } from '../../shared/ipc-contract';
import type { Currency } from '../../shared/money';
import { defaultMovementLimit, type MovementLimit } from '../../shared/movement-limits';
import { desktop } from '../bridge';
import { call } from '../lib/ipc';

export const movementLimitQueries = {
  all: ['movement-limits'] as const,
  /** From the billing API when online (and kept by main); offline, the ones main last kept. */
  current: () =>
    queryOptions({
      queryKey: [...movementLimitQueries.all, 'current'] as const,
      queryFn: () => call(desktop().movementLimitsGet({})),
      meta: { tables: ['session'] },
    }),
};

/** One currency's limit out of the answer, or the platform's defaults while it loads. */
export function limitFor(items: ReadonlyArray<MovementLimit> | undefined, currency: Currency): MovementLimit {
  return items?.find((l) => l.currency === currency) ?? defaultMovementLimit(currency);
}

export function useUpdateMovementLimits() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ChannelInput<'movement-limits:update'>) =>
      call(desktop().movementLimitsUpdate(input)),
    onSuccess: (limits) => queryClient.setQueryData(movementLimitQueries.current().queryKey, limits),
  });
}
