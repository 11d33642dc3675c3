import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ChannelInput } from '../../shared/ipc-contract';
import { desktop } from '../bridge';
import { call } from '../lib/ipc';
import { paymentQueries } from '../payments/queries';
import { walletQueries } from '../wallet/queries';
import { invoiceQueries } from './queries';

/** After a write the answer is in the cache already: the invoice, its wallet and its payments redraw. */
function useRefresh() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: invoiceQueries.all });
    void queryClient.invalidateQueries({ queryKey: walletQueries.all });
    void queryClient.invalidateQueries({ queryKey: paymentQueries.all });
  };
}

/** Queues a draft in the outbox (sent when online). */
export function useCreateDraft() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (input: ChannelInput<'invoices:create-draft'>) => call(desktop().invoicesCreateDraft(input)),
    onSuccess: refresh,
  });
}

export function useFinalizeInvoice() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (invoiceId: string) => call(desktop().invoicesFinalize({ invoiceId })),
    onSuccess: refresh,
  });
}

export function useVoidInvoice() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (invoiceId: string) => call(desktop().invoicesVoid({ invoiceId })),
    onSuccess: refresh,
  });
}

export function usePayFromWallet() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (invoiceId: string) => call(desktop().invoicesPayWallet({ invoiceId })),
    onSuccess: refresh,
  });
}

export function usePayByMethod() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (input: ChannelInput<'invoices:pay-checkout'>) => call(desktop().invoicesPayCheckout(input)),
    onSuccess: refresh,
  });
}

/** "Invoice" on Top Up: an open invoice for the amount, to pay by bank transfer (online). */
export function useTopUpByInvoice() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (input: ChannelInput<'invoices:top-up'>) => call(desktop().invoicesTopUp(input)),
    onSuccess: refresh,
  });
}

export function useMarkPaid() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (invoiceId: string) => call(desktop().invoicesMarkPaid({ invoiceId })),
    onSuccess: refresh,
  });
}

/** Saves the invoice's PDF through the browser's download. */
export function useDownloadPdf() {
  return useMutation({
    mutationFn: async (invoiceId: string) => {
      const { filename, base64 } = await call(desktop().invoicesPdf({ invoiceId }));
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const url = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = filename;
      link.style.display = 'none';
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 0);
      return filename;
    },
  });
}
