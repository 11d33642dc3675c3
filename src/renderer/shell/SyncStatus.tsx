import { RouteLink } from '../components/RouteLink';
import { Icon } from '../components/Icon';
import { useNow } from '../lib/use-now';
import { useSyncNow } from './mutations';
import { useSyncStatus } from './queries';
import { describeOutbox, describeSync } from './sync-label';
import { useTranslation } from 'react-i18next';

/** The header's sync state: Online, Syncing… N% (with a bar), Offline — last synced …, and the outbox. */
export function SyncStatus() {
  const { t } = useTranslation('shell');

  const status = useSyncStatus();
  const syncNow = useSyncNow();
  const now = useNow();

  if (!status.data) {
    return (
      <div className="sync" data-testid="sync-status" role="status">
        <span className="sync-dot sync-dot-idle" aria-hidden="true" />
        <span className="sync-label">{status.isError ? t('syncStatusUnavailable') : t('checkingSync')}</span>
      </div>
    );
  }
  const view = describeSync(status.data, now);
  const outbox = describeOutbox(status.data);

  return (
    <div className="sync-area">
      {/* Only state changes are announced: a percentage ticking up would talk over everything. */}
      <span className="visually-hidden" role="status" aria-live="polite">
        {view.spoken}
      </span>
      <div className={`sync sync-${view.tone}`} data-testid="sync-status" title={view.detail ?? undefined}>
        <span className="sync-dot" aria-hidden="true" />
        {/* Its full wording on hover: a narrow header may cut it short. */}
        <span className="sync-label" title={view.label}>
          {view.label}
        </span>
        {view.tone === 'syncing' && (
          <span
            className="sync-progress"
            role="progressbar"
            aria-label={t('initialSync')}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={view.percent ?? undefined}
          >
            <span
              className={view.percent === null ? 'sync-progress-bar indeterminate' : 'sync-progress-bar'}
              style={view.percent === null ? undefined : { width: `${view.percent}%` }}
            />
          </span>
        )}
        {view.tone === 'offline' && (
          <button
            type="button"
            className="icon-button icon-button-sm"
            aria-label={t('tryToSyncNow')}
            title={t('tryToSyncNow')}
            onClick={() => syncNow.mutate()}
            disabled={syncNow.isPending}
          >
            <Icon name="refresh" size={14} />
          </button>
        )}
      </div>
      {outbox && (
        <RouteLink
          to={{ page: 'outbox' }}
          className={status.data.rejectedCount > 0 ? 'outbox-link outbox-link-rejected' : 'outbox-link'}
          data-testid="outbox-link"
        >
          {outbox}
        </RouteLink>
      )}
    </div>
  );
}
