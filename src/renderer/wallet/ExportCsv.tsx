import { useTranslation } from 'react-i18next';
import { Icon } from '../components/Icon';
import { FormMessage } from '../components/Field';
import { Spinner } from '../components/States';
import { useHistoryExports } from './export-store';
import type { HistoryFilter } from './queries';
import { displayLocale } from '../lib/format';

const count = { format: (n: number) => new Intl.NumberFormat(displayLocale()).format(n) };

/** The Export CSV button: the export runs in main, so the page stays usable while it does. */
export function ExportCsvButton({ filter }: { filter: HistoryFilter }) {
  const { t } = useTranslation('wallet');
  const view = useHistoryExports((state) => state.byWallet[filter.walletId]);
  const exportAsked = useHistoryExports((state) => state.exportAsked);
  const busy = view?.kind === 'starting' || view?.kind === 'running';
  return (
    <button type="button" className="button" onClick={() => void exportAsked(filter)} disabled={busy}>
      {busy ? <Spinner size="sm" /> : <Icon name="download" size={16} />}
      {busy ? t('exporting') : t('exportCsv')}
    </button>
  );
}

/** Progress with a Cancel button while an export runs; how it ended afterwards. */
export function ExportCsvStatus({ walletId }: { walletId: string }) {
  const { t } = useTranslation('wallet');
  const view = useHistoryExports((state) => state.byWallet[walletId]);
  const cancelAsked = useHistoryExports((state) => state.cancelAsked);
  const dismissed = useHistoryExports((state) => state.dismissed);
  if (!view || view.kind === 'starting') return null;
  if (view.kind === 'running') {
    return (
      <div className="export-progress" role="group" aria-label={t('csvExport')}>
        <progress max={Math.max(1, view.total)} value={view.written} aria-label={t('exportProgress')} />
        <span className="export-progress-count">
          {t('exportRowsOf', { written: count.format(view.written), total: count.format(view.total) })}
        </span>
        <button type="button" className="button button-sm" onClick={() => void cancelAsked(view.exportId)}>
          {t('cancelExport')}
        </button>
      </div>
    );
  }
  const message =
    view.kind === 'done'
      ? view.path
        ? t('exportedRowsTo', { count: view.written, rows: count.format(view.written), path: view.path })
        : t('exportedRows', { count: view.written, rows: count.format(view.written) })
      : view.kind === 'cancelled'
        ? t('exportCancelled')
        : t('couldNotExport', { value: view.message });
  return (
    <div className="export-progress">
      <FormMessage tone={view.kind === 'failed' ? 'error' : 'success'}>{message}</FormMessage>
      <button type="button" className="button button-sm" onClick={() => dismissed(walletId)}>
        {t('dismiss')}
      </button>
    </div>
  );
}
