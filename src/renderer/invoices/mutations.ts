import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ChannelInput } from '../../shared/ipc-contract';
import { desktop, inElectron } from '../bridge';
import { currentLanguage } from '../i18n';
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

/** Staff record a bank transfer that arrived: its amount, the bank's reference and day (online). */
export function useMarkPaid() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (input: ChannelInput<'invoices:mark-paid'>) => call(desktop().invoicesMarkPaid(input)),
    onSuccess: refresh,
  });
}

/**
 * The PDF's bytes in this page, for the browser host (Electron's main process keeps them). Every
 * PDF the console fetches is in the console's language, whoever the customer is.
 */
async function pdfBlob(invoiceId: string) {
  const { filename, base64 } = await call(desktop().invoicesPdf({ invoiceId, language: currentLanguage() }));
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return { filename, url: URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' })) };
}

/**
 * Saves the invoice's PDF: in Electron where the user chooses (the main process shows the save
 * dialog and writes the file), in the browser host through the browser's download.
 */
export function useDownloadPdf() {
  return useMutation({
    mutationFn: async (invoiceId: string): Promise<string | null> => {
      if (inElectron())
        return (await call(desktop().invoicesSavePdf({ invoiceId, language: currentLanguage() }))).path;
      const { filename, url } = await pdfBlob(invoiceId);
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

/** Opens the invoice's PDF: with the system's viewer in Electron, in a new tab in the browser host. */
export function useOpenPdf() {
  return useMutation({
    mutationFn: async (invoiceId: string): Promise<boolean> => {
      if (inElectron())
        return (await call(desktop().invoicesOpenPdf({ invoiceId, language: currentLanguage() }))).opened;
      const { url } = await pdfBlob(invoiceId);
      // Not `noopener`: that makes window.open answer null. The tab holds only our own PDF.
      const tab = window.open(url, '_blank');
      // The tab has loaded it (or was blocked): either way the URL is not needed past a minute.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      return tab !== null;
    },
  });
}
