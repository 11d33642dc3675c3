import type { UseInfiniteQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorState, Spinner } from './States';

/**
 * Under a newest-first list: how many records it shows, and a button that reads the next page of
 * older ones while there are more (a spinner while it reads, the error and a retry if it failed).
 */
export function ShowOlder({
  query,
  shown,
  label,
}: {
  query: Pick<
    UseInfiniteQueryResult,
    'hasNextPage' | 'fetchNextPage' | 'isFetchingNextPage' | 'isFetchNextPageError' | 'error'
  >;
  /** Records the list shows now. */
  shown: number;
  /** What the button reads: "Show older payments". */
  label: string;
}) {
  const { t } = useTranslation('components');
  const more = () => void query.fetchNextPage();
  if (query.isFetchNextPageError) {
    return <ErrorState title={t('couldNotLoadOlder')} error={query.error} onRetry={more} compact />;
  }
  return (
    <div className="list-more">
      <span className="muted" aria-live="polite">
        {t(query.hasNextPage ? 'shownSoFar' : 'shownAll', { count: shown })}
      </span>
      {query.hasNextPage && (
        <button type="button" className="button" onClick={more} disabled={query.isFetchingNextPage}>
          {query.isFetchingNextPage && <Spinner size="sm" />}
          {label}
        </button>
      )}
    </div>
  );
}
