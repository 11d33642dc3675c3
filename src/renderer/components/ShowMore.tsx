import type { UseInfiniteQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorState, Spinner } from './States';

/**
 * Under a paged list: how many records it shows (of how many, when it knows), and a button that reads the next page (older
 * records, or for renewals later ones) while there are more: a spinner while it reads, the error
 * and a retry if it failed.
 */
export function ShowMore({
  query,
  shown,
  label,
  order = 'newest',
  total,
}: {
  query: Pick<
    UseInfiniteQueryResult,
    'hasNextPage' | 'fetchNextPage' | 'isFetchingNextPage' | 'isFetchNextPageError' | 'error'
  >;
  /** Records the list shows now. */
  shown: number;
  /** What the button reads: "Show older payments". */
  label: string;
  /** The list's order, which the count names: "the newest 100" or "the soonest 100". */
  order?: 'newest' | 'soonest';
  /** How many there are in all, when the list knows: "Showing 8 of 1,200". */
  total?: number;
}) {
  const { t } = useTranslation('components');
  const more = () => void query.fetchNextPage();
  if (query.isFetchNextPageError) {
    return <ErrorState title={t('couldNotLoadMore')} error={query.error} onRetry={more} compact />;
  }
  const soFar = total !== undefined ? 'shownOf' : order === 'newest' ? 'shownSoFar' : 'shownSoonestSoFar';
  return (
    <div className="list-more">
      <span className="muted" aria-live="polite">
        {t(query.hasNextPage ? soFar : 'shownAll', { count: shown, total })}
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
