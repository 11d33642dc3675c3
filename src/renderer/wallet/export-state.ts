import type { ExportProgress } from '../../shared/ipc-contract';
import { i18n } from '../i18n';

/**
 * One wallet's CSV export as the history card shows it: asked for, running (with its progress),
 * or ended. Main sends progress as events, which may overtake the answer that names the export (a
 * short export can end before its id arrives): such events wait in `early` until it does.
 */
export type ExportView =
  | { kind: 'starting' }
  | { kind: 'running'; exportId: string; filename: string; written: number; total: number }
  | { kind: 'done'; written: number; path: string | null }
  | { kind: 'cancelled' }
  | { kind: 'failed'; message: string };

export interface ExportsState {
  byWallet: Readonly<Record<string, ExportView>>;
  early: Readonly<Record<string, ExportProgress>>;
}

export const NO_EXPORTS: ExportsState = { byWallet: {}, early: {} };

export function exportStarted(state: ExportsState, walletId: string): ExportsState {
  return { ...state, byWallet: { ...state.byWallet, [walletId]: { kind: 'starting' } } };
}

/** The dialog was cancelled (nothing runs), or main refused: the card goes back to its button. */
export function exportNotStarted(
  state: ExportsState,
  walletId: string,
  message: string | null,
): ExportsState {
  const byWallet = { ...state.byWallet };
  if (message === null) delete byWallet[walletId];
  else byWallet[walletId] = { kind: 'failed', message };
  return { ...state, byWallet };
}

export function exportAccepted(
  state: ExportsState,
  walletId: string,
  answer: { exportId: string; filename: string; total: number },
): ExportsState {
  const running: ExportView = { kind: 'running', ...answer, written: 0 };
  const { [answer.exportId]: early, ...rest } = state.early;
  const next = { early: rest, byWallet: { ...state.byWallet, [walletId]: running } };
  return early ? exportProgressed(next, early) : next;
}

export function exportProgressed(state: ExportsState, progress: ExportProgress): ExportsState {
  const walletId = Object.keys(state.byWallet).find((id) => {
    const view = state.byWallet[id];
    return view?.kind === 'running' && view.exportId === progress.exportId;
  });
  if (walletId === undefined) {
    // Not named yet: keep its latest event for exportAccepted (a few at most, each one small).
    return { ...state, early: { ...state.early, [progress.exportId]: progress } };
  }
  const view = state.byWallet[walletId] as Extract<ExportView, { kind: 'running' }>;
  const next: ExportView =
    progress.state === 'running'
      ? { ...view, written: progress.written, total: progress.total }
      : progress.state === 'done'
        ? { kind: 'done', written: progress.written, path: progress.path }
        : progress.state === 'cancelled'
          ? { kind: 'cancelled' }
          : { kind: 'failed', message: progress.error ?? i18n.t('wallet:export.failed') };
  return { ...state, byWallet: { ...state.byWallet, [walletId]: next } };
}

export function exportDismissed(state: ExportsState, walletId: string): ExportsState {
  const byWallet = { ...state.byWallet };
  delete byWallet[walletId];
  return { ...state, byWallet };
}
