import { create } from 'zustand';
import type { ExportProgress } from '../../shared/ipc-contract';
import { desktop } from '../bridge';
import { announce } from '../components/announcer';
import { downloadFrom } from '../lib/download';
import { displayLocale } from '../lib/format';
import { call, errorMessage } from '../lib/ipc';
import {
  NO_EXPORTS,
  exportAccepted,
  exportDismissed,
  exportNotStarted,
  exportProgressed,
  exportStarted,
  type ExportsState,
} from './export-state';
import type { HistoryFilter } from './queries';
import { i18n } from '../i18n';

/** CSV exports of history, per wallet (UI state; the export itself runs in main). */
export const useHistoryExports = create<
  ExportsState & {
    exportAsked(filter: HistoryFilter): Promise<void>;
    cancelAsked(exportId: string): Promise<void>;
    progressArrived(progress: ExportProgress): void;
    dismissed(walletId: string): void;
  }
>()((set) => ({
  ...NO_EXPORTS,
  async exportAsked(filter) {
    set((state) => exportStarted(state, filter.walletId));
    try {
      const answer = await call(desktop().walletsExportCsv(filter));
      if (answer.chosen) set((state) => exportAccepted(state, filter.walletId, answer));
      else set((state) => exportNotStarted(state, filter.walletId, null));
    } catch (error) {
      set((state) => exportNotStarted(state, filter.walletId, errorMessage(error)));
    }
  },
  async cancelAsked(exportId) {
    await call(desktop().exportsCancel({ exportId }));
  },
  progressArrived(progress) {
    set((state) => exportProgressed(state, progress));
    if (progress.state === 'done') {
      // The browser host wrote the file on its side; the browser fetches it as a download.
      if (progress.downloadUrl) downloadFrom(progress.downloadUrl);
      announce(() =>
        i18n.t('wallet:announce.exportFinished', {
          count: progress.written,
          rows: new Intl.NumberFormat(displayLocale()).format(progress.written),
        }),
      );
    }
  },
  dismissed: (walletId) => set((state) => exportDismissed(state, walletId)),
}));
