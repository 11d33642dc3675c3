import { useQuery } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useRef, type CSSProperties } from 'react';
import type { WalletTransaction } from '../../shared/api/wallets';
import { Badge } from '../components/Badge';
import { TestBadge } from '../components/TestMode';
import { Money } from '../components/Money';
import { EmptyState, ErrorState, LoadingState, Skeleton } from '../components/States';
import { TypeTag } from '../components/TypeTag';
import { formatAmount, formatDateTime } from '../lib/format';
import { reachableRows, rowAt } from '../lib/paged-window';
import { usePageWindow } from '../lib/use-page-window';
import { entryDescription } from './entry-words';
import { HISTORY_PAGE_SIZE, walletQueries, type HistoryFilter } from './queries';
import { useTranslation } from 'react-i18next';

/** Fixed row height (px): 32 px rows let a million of them fit in one scrollable element. */
export const HISTORY_ROW_HEIGHT = 32;

/**
 * A wallet's history, virtualized: only the rows in view are in the DOM and only their pages (100
 * rows each, fetched by offset as they come into view) are held. The total comes with page 0.
 */
export function HistoryTable({
  filter,
  filtered,
  markedId,
}: {
  filter: HistoryFilter;
  filtered: boolean;
  /** A row to mark as the one asked for (a payment's ledger row). */
  markedId?: string;
}) {
  const { t } = useTranslation('wallet');

  const scrollRef = useRef<HTMLDivElement>(null);
  const first = useQuery(walletQueries.historyPage(filter, 0));
  const total = first.data?.total ?? 0;
  const count = reachableRows(total, HISTORY_ROW_HEIGHT);

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is a mutable instance by design; this component is not compiled by the React Compiler, so nothing is wrongly memoized.
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => HISTORY_ROW_HEIGHT,
    // Rows drawn beyond the view each way: a fling past them shows placeholders for a frame, but
    // every extra row is rendered on every scroll frame (12 cost frames over a million rows).
    overscan: 4,
    // Scroll updates batched by React rather than rendered synchronously inside each scroll event:
    // several events within one frame cost one render.
    useFlushSync: false,
  });
  const filterKey = JSON.stringify(filter);
  useEffect(() => {
    // Another filter is another list: start it from the top.
    scrollRef.current?.scrollTo({ top: 0 });
  }, [filterKey]);
  const items = virtualizer.getVirtualItems();
  const range = items.length > 0 ? { startIndex: items[0]!.index, endIndex: items.at(-1)!.index } : null;
  const paged = usePageWindow({
    range,
    count,
    pageSize: HISTORY_PAGE_SIZE,
    scrolling: virtualizer.isScrolling,
    pageQuery: (page) => walletQueries.historyPage(filter, page),
  });

  if (first.isPending) return <LoadingState label={t('loadingHistory')} />;
  if (first.isError) {
    return (
      <ErrorState title={t('couldNotLoadThe')} error={first.error} onRetry={() => void first.refetch()} />
    );
  }

  return (
    <div className="history-wrap">
      <div
        className="history"
        role="table"
        aria-label={t('walletHistory')}
        aria-rowcount={count + 1}
        aria-busy={first.isPlaceholderData || undefined}
        data-testid="history-table"
      >
        <div role="rowgroup" className="history-head">
          <div role="row" aria-rowindex={1} className="history-row table-head">
            <span role="columnheader">{t('date')}</span>
            <span role="columnheader">{t('type')}</span>
            <span role="columnheader" className="cell-amount">
              {t('amount')}
            </span>
            <span role="columnheader">{t('status')}</span>
            <span role="columnheader">{t('description')}</span>
          </div>
        </div>
        {count === 0 ? (
          <EmptyState fromCache title={filtered ? t('noTransactionsMatchThese') : t('noTransactionsYet')}>
            {filtered ? t('tryAnotherTypeOr') : t('topUpsPaymentsAnd')}
          </EmptyState>
        ) : (
          <div
            ref={scrollRef}
            className="history-scroll table-scroll"
            role="rowgroup"
            tabIndex={0}
            aria-label={t('transactionsScrollToSee')}
            // Its own height (no more than the rows need), so that it can be contained: scrolling
            // then lays out and paints this box alone, never the page around it (wallet.css).
            style={{ '--history-rows': count } as CSSProperties}
          >
            <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {items.map((item) => {
                const tx = rowAt(item.index, HISTORY_PAGE_SIZE, paged.pages);
                return (
                  <HistoryRow
                    key={item.key}
                    index={item.index}
                    start={item.start}
                    tx={tx}
                    marked={tx !== undefined && tx.id === markedId}
                  />
                );
              })}
            </div>
          </div>
        )}
      </div>
      {paged.error && (
        <ErrorState title={t('someRowsCouldNot')} error={paged.error} onRetry={paged.retry} compact />
      )}
      {total > 0 && (
        <p className="history-footer muted" aria-live="polite">
          {t('transactionCount', { count: total })}
          {count < total && <>{t('showingTheNewestNarrow', { count: count.toLocaleString() })}</>}
          {/* Always laid out, shown or hidden: a scroll fetches pages all the time, and a footer that
              grew and shrank with it re-laid out the whole page (and its scrollbar) every frame. */}
          <span className="history-updating" hidden={!(first.isPlaceholderData || paged.isFetching)}>
            {' '}
            {t('updating')}
          </span>
        </p>
      )}
    </div>
  );
}

/**
 * One row, memoized: a scroll frame re-renders the table, but a row whose transaction (the same
 * object while its page is held) and position did not change is not rendered again.
 */
const HistoryRow = memo(function HistoryRow({
  index,
  start,
  tx,
  marked,
}: {
  index: number;
  start: number;
  tx: WalletTransaction | undefined;
  marked: boolean;
}) {
  const { t } = useTranslation('wallet');

  const style = { transform: `translateY(${start}px)`, height: HISTORY_ROW_HEIGHT };
  if (!tx) {
    // Static placeholders (wallet.css stops their shimmer): a fling shows dozens at once, and
    // animating them all would repaint the list on every frame.
    return (
      <div role="row" aria-rowindex={index + 2} className="history-row history-row-loading" style={style}>
        <span role="cell">
          <Skeleton width="8rem" />
        </span>
        <span role="cell">
          <Skeleton width="4rem" />
        </span>
        <span role="cell" className="cell-amount">
          <Skeleton width="5rem" />
        </span>
        <span role="cell">
          <Skeleton width="4.5rem" />
        </span>
        <span role="cell">
          <Skeleton width="60%" />
        </span>
      </div>
    );
  }
  const description = entryDescription(tx);
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      className={marked ? 'history-row history-row-marked' : 'history-row'}
      style={style}
      data-testid="history-row"
      aria-current={marked ? 'true' : undefined}
    >
      <span role="cell" title={formatDateTime(tx.createdAt)}>
        <time dateTime={tx.createdAt}>{formatDateTime(tx.createdAt)}</time>
      </span>
      <span role="cell">
        <TypeTag type={tx.type} />
      </span>
      <span
        role="cell"
        className="cell-amount"
        title={formatAmount(tx.amount, tx.currency, { signed: true })}
      >
        <Money amount={tx.amount} currency={tx.currency} signed />
      </span>
      <span role="cell">
        <Badge tone="success">{tx.status === 'completed' ? t('completed') : tx.status}</Badge>
      </span>
      <span role="cell" className="cell-description" title={description}>
        {tx.test && <TestBadge />}
        {description}
        {tx.reference && <span className="muted"> · {tx.reference}</span>}
      </span>
    </div>
  );
});
