import { useMutation } from '@tanstack/react-query';
import { desktop } from '../bridge';
import { announce } from '../components/announcer';
import { downloadText } from '../lib/download';
import { call } from '../lib/ipc';
import type { HistoryFilter } from './queries';

/** Asks main for the filtered history as CSV and saves it through a download. Changes nothing. */
export function useExportCsv() {
  return useMutation({
    mutationFn: (filter: HistoryFilter) => call(desktop().walletsExportCsv(filter)),
    onSuccess: ({ filename, csv }) => {
      downloadText(filename, csv);
      announce(`Exported ${filename}`);
    },
  });
}
