import { Icon } from '../components/Icon';
import { FormMessage } from '../components/Field';
import { Spinner } from '../components/States';
import { useHistoryExports } from './export-store';
import type { HistoryFilter } from './queries';

const count = new Intl.NumberFormat();

/** The Export CSV button: the export runs in main, so the page stays usable while it does. */
export function ExportCsvButton({ filter }: { filter: HistoryFilter }) {
  const view = useHistoryExports((state) => state.byWallet[filter.walletId]);
  const exportAsked = useHistoryExports((state) => state.exportAsked);
  const busy = view?.kind === 'starting' || view?.kind === 'running';
  return (
    <button type="button" className="button" onClick={() => void exportAsked(filter)} disabled={busy}>
      {busy ? <Spinner size="sm" /> : <Icon name="download" size={16} />}
      {busy ? 'Exporting…' : 'Export CSV'}
    </button>
  );
}

/** Progress with a Cancel button while an export runs; how it ended afterwards. */
export function ExportCsvStatus({ walletId }: { walletId: string }) {
  const view = useHistoryExports((state) => state.byWallet[walletId]);
  const cancelAsked = useHistoryExports((state) => state.cancelAsked);
  const dismissed = useHistoryExports((state) => state.dismissed);
  if (!view || view.kind === 'starting') return null;
  if (view.kind === 'running') {
    return (
      <div className="export-progress" role="group" aria-label="CSV export">
        <progress max={Math.max(1, view.total)} value={view.written} aria-label="Export progress" />
        <span className="export-progress-count">
          {count.format(view.written)} of {count.format(view.total)} rows
        </span>
        <button type="button" className="button button-sm" onClick={() => void cancelAsked(view.exportId)}>
          Cancel export
        </button>
      </div>
    );
  }
  const message =
    view.kind === 'done'
      ? `Exported ${count.format(view.written)} rows${view.path ? ` to ${view.path}` : ''}.`
      : view.kind === 'cancelled'
        ? 'Export cancelled; no file was left behind.'
        : `Could not export: ${view.message}`;
  return (
    <div className="export-progress">
      <FormMessage tone={view.kind === 'failed' ? 'error' : 'success'}>{message}</FormMessage>
      <button type="button" className="button button-sm" onClick={() => dismissed(walletId)}>
        Dismiss
      </button>
    </div>
  );
}
