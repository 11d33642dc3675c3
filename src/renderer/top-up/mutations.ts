import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ChannelInput } from '../../shared/ipc-contract';
import { desktop } from '../bridge';
import { call } from '../lib/ipc';
import { paymentQueries } from '../payments/queries';

/** Queues a top-up in the outbox (main sends it when online); answers with the queued item. */
export function useStartTopUp() {
  return useMutation({
    mutationFn: (input: ChannelInput<'top-ups:create'>) => call(desktop().topUpsCreate(input)),
  });
}

export function useCancelPayment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (paymentId: string) => call(desktop().paymentsCancel({ paymentId })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: paymentQueries.all }),
  });
}

/**
 * Opens a hosted checkout page in the system browser (Electron: main's allow-listed
 * shell.openExternal). The browser host has no system browser to hand it to: the page opens it in
 * a new tab itself.
 */
export async function openCheckout(url: string): Promise<void> {
  const result = await desktop().linksOpen({ url });
  if (result.ok && result.value.opened) return;
  if (!window.desktop) window.open(url, '_blank', 'noopener,noreferrer');
}
