import { useMutation } from '@tanstack/react-query';
import { desktop } from '../bridge';
import { announce } from '../components/announcer';
import { downloadBytes } from '../lib/download';
import { call } from '../lib/ipc';
import { currentLanguage, i18n } from '../i18n';

/** Fetches a signed statement from the billing API and saves it through a download. */
export function useDownloadStatement() {
  return useMutation({
    // A PDF in the console's language (the person reading it), whatever the customer's.
    mutationFn: (input: { walletId: string; from: string; to: string; format: 'pdf' | 'csv' }) =>
      call(desktop().statementsDownload({ ...input, language: currentLanguage() })),
    onSuccess: ({ filename, contentType, base64 }) => {
      downloadBytes(filename, base64, contentType);
      announce(() => i18n.t('statements:announce.saved', { filename }));
    },
  });
}

/** Checks a statement file the user chose against the signed-in API's published keys. */
export function useVerifyStatement() {
  return useMutation({
    mutationFn: async (file: File) => {
      const bytes = new Uint8Array(await file.arrayBuffer());
      let binary = '';
      for (let i = 0; i < bytes.length; i += 0x8000)
        binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return call(desktop().statementsVerify({ filename: file.name, base64: btoa(binary) }));
    },
  });
}
