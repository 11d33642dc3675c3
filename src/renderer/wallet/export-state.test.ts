import { describe, expect, it } from 'vitest';
import type { ExportProgress } from '../../shared/ipc-contract';
import {
  NO_EXPORTS,
  exportAccepted,
  exportNotStarted,
  exportProgressed,
  exportStarted,
} from './export-state';

const progress = (patch: Partial<ExportProgress>): ExportProgress => ({
  exportId: 'exp_1',
  state: 'running',
  written: 0,
  total: 100,
  path: null,
  downloadUrl: null,
  error: null,
  ...patch,
});

const answer = { exportId: 'exp_1', filename: 'wallet.csv', total: 100 };

describe('a CSV export as the history card shows it', () => {
  it('runs, shows its progress, and ends', () => {
    let state = exportAccepted(exportStarted(NO_EXPORTS, 'wal_1'), 'wal_1', answer);
    state = exportProgressed(state, progress({ written: 40 }));
    expect(state.byWallet.wal_1).toMatchObject({ kind: 'running', written: 40, total: 100 });
    state = exportProgressed(state, progress({ state: 'done', written: 100, path: '/home/ada/w.csv' }));
    expect(state.byWallet.wal_1).toEqual({ kind: 'done', written: 100, path: '/home/ada/w.csv' });
  });

  it('keeps an event that overtook the answer naming its export', () => {
    let state = exportStarted(NO_EXPORTS, 'wal_1');
    state = exportProgressed(state, progress({ state: 'done', written: 100 }));
    expect(state.byWallet.wal_1).toEqual({ kind: 'starting' });
    state = exportAccepted(state, 'wal_1', answer);
    expect(state.byWallet.wal_1).toEqual({ kind: 'done', written: 100, path: null });
    expect(state.early).toEqual({});
  });

  it('goes back to the button when the dialog is cancelled, and says why when refused', () => {
    const starting = exportStarted(NO_EXPORTS, 'wal_1');
    expect(exportNotStarted(starting, 'wal_1', null).byWallet).toEqual({});
    expect(exportNotStarted(starting, 'wal_1', 'No such wallet.').byWallet.wal_1).toEqual({
      kind: 'failed',
      message: 'No such wallet.',
    });
  });

  it('says a cancelled or failed export ended so', () => {
    const running = exportAccepted(exportStarted(NO_EXPORTS, 'wal_1'), 'wal_1', answer);
    expect(exportProgressed(running, progress({ state: 'cancelled' })).byWallet.wal_1).toEqual({
      kind: 'cancelled',
    });
    expect(
      exportProgressed(running, progress({ state: 'failed', error: 'the file could not be written' }))
        .byWallet.wal_1,
    ).toEqual({ kind: 'failed', message: 'the file could not be written' });
  });
});
