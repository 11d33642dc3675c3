import type { ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { errorMessage } from '../lib/ipc';
import { useSyncStatus } from '../shell/queries';
import { useTranslation } from 'react-i18next';

export function Spinner({ size = 'md' }: { size?: 'sm' | 'md' }) {
  return <span className={`spinner spinner-${size}`} aria-hidden="true" />;
}

/** Something is on its way: a spinner and what it is, announced politely. */
export function LoadingState({ label, compact = false }: { label: string; compact?: boolean }) {
  return (
    <div className={compact ? 'state state-compact' : 'state'} role="status">
      <Spinner />
      <span>{label}</span>
    </div>
  );
}

/** A failed read: what went wrong and a way to try again. */
export function ErrorState({
  title,
  error,
  onRetry,
  compact = false,
}: {
  title?: string;
  error: unknown;
  onRetry?: () => void;
  compact?: boolean;
}) {
  const { t } = useTranslation('components');

  return (
    <div className={compact ? 'state state-error state-compact' : 'state state-error'} role="alert">
      <div>
        <p className="state-title">{title ?? t('couldNotLoadThis')}</p>
        <p className="state-detail">{errorMessage(error)}</p>
      </div>
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          {t('tryAgain')}
        </button>
      )}
    </div>
  );
}

/**
 * Nothing here yet: say so, and what to do about it. `fromCache` for what the console's local copy
 * holds: until its first sync has finished, "No customers yet" would be untrue, so it says the copy
 * is still on its way instead.
 */
export function EmptyState({
  title,
  children,
  fromCache = false,
}: {
  title: string;
  children?: ReactNode;
  fromCache?: boolean;
}) {
  const { t } = useTranslation('components');
  const { data: sync } = useSyncStatus(fromCache);
  if (fromCache && sync && sync.lastSyncedAt === null) {
    return (
      <div className="state state-empty" role="status">
        <p className="state-title">{t('notSynced.title')}</p>
        <div className="state-detail">
          {sync.state === 'syncing' ? t('notSynced.syncing') : t('notSynced.waiting')}
        </div>
      </div>
    );
  }
  return (
    <div className="state state-empty">
      <p className="state-title">{title}</p>
      {children && <div className="state-detail">{children}</div>}
    </div>
  );
}

/** A grey placeholder the shape of what is loading. */
export function Skeleton({ width = '100%', height = '1em' }: { width?: string; height?: string }) {
  return <span className="skeleton" style={{ width, height }} aria-hidden="true" />;
}

/**
 * A list read in its four states: loading, failed (with a retry), empty, or its items. One place
 * decides the order and the retry, so every list page reads the same.
 */
export function QueryStates<Item>({
  query,
  loading,
  errorTitle,
  empty,
  compact = false,
  children,
}: {
  query: UseQueryResult<readonly Item[]>;
  loading: string;
  errorTitle?: string;
  /** What to show for no items: an `EmptyState` saying what to do about it. */
  empty: ReactNode;
  compact?: boolean;
  children: (items: readonly Item[]) => ReactNode;
}) {
  if (query.isPending) return <LoadingState label={loading} compact={compact} />;
  if (query.isError) {
    return (
      <ErrorState
        {...(errorTitle ? { title: errorTitle } : {})}
        error={query.error}
        onRetry={() => void query.refetch()}
        compact={compact}
      />
    );
  }
  return query.data.length === 0 ? empty : children(query.data);
}
