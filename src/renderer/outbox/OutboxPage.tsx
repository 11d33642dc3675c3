import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { OutboxItem, WalletView } from '../../shared/ipc-contract';
import { Badge } from '../components/Badge';
import { CopyButton } from '../components/CopyButton';
import { FormMessage } from '../components/Field';
import { Money } from '../components/Money';
import { PageHeader } from '../components/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../components/States';
import { OUTBOX_KIND_LABELS, displayLocale, formatDateTime } from '../lib/format';
import { errorMessage } from '../lib/ipc';
import { useDiscardOutboxItem, useRetryOutboxItem } from './mutations';
import { refusalReason } from './outbox-outcomes';
import { walletQueries } from '../wallet/queries';
import { outboxAmount, outboxDescription, outboxStateLabel } from './outbox-item';
import { OUTBOX_PAGE_SIZE, outboxQueries } from './queries';
import { outboxSummary } from './outbox-summary';
import './outbox.css';
import { useTranslation } from 'react-i18next';

/** Every write made here and not yet confirmed; rejected ones with the server's reason. */
export function OutboxPage() {
  const { t } = useTranslation('outbox');
  const [offset, setOffset] = useState(0);
  const outbox = useQuery(outboxQueries.page(offset, OUTBOX_PAGE_SIZE));
  const total = outbox.data?.total ?? 0;
  // Discarding the last rows of the last page leaves it empty: show the page before instead.
  if (outbox.data && offset > 0 && offset >= total) setOffset(Math.max(0, offset - OUTBOX_PAGE_SIZE));
  // Whose wallet each write is for (queued wallets included, under their local ids).
  const wallets = useQuery(
    walletQueries.named((outbox.data?.items ?? []).flatMap((item) => (item.walletId ? [item.walletId] : []))),
  );
  const walletsById = wallets.data ?? new Map<string, WalletView>();
  const discard = useDiscardOutboxItem();
  const retry = useRetryOutboxItem();
  const actionError = discard.error ?? retry.error;

  return (
    <div className="page">
      <PageHeader title={t('pendingChanges')} subtitle={t('changesMadeInThis')} />
      {actionError && <FormMessage tone="error">{errorMessage(actionError)}</FormMessage>}
      {outbox.isPending ? (
        <LoadingState label={t('loadingPendingChanges')} />
      ) : outbox.isError ? (
        <ErrorState error={outbox.error} onRetry={() => void outbox.refetch()} />
      ) : outbox.data.total === 0 ? (
        <EmptyState title={t('nothingWaiting')}>{t('everyChangeMadeHere')}</EmptyState>
      ) : (
        <>
          <ul className="outbox-list" aria-label={t('pendingChanges')}>
            {outbox.data.items.map((item) => (
              <OutboxRow
                key={item.id}
                item={item}
                wallet={item.walletId ? (walletsById.get(item.walletId) ?? null) : null}
                busy={
                  (discard.isPending && discard.variables === item.id) ||
                  (retry.isPending && retry.variables === item.id)
                }
                onDiscard={() => discard.mutate(item.id)}
                onRetry={() => retry.mutate(item.id)}
              />
            ))}
          </ul>
          <OutboxPager offset={offset} total={total} onOffset={setOffset} />
        </>
      )}
    </div>
  );
}

/** Which rows are shown, and Previous / Next when the queue is longer than a page. */
function OutboxPager({
  offset,
  total,
  onOffset,
}: {
  offset: number;
  total: number;
  onOffset: (offset: number) => void;
}) {
  const { t } = useTranslation('outbox');
  if (total <= OUTBOX_PAGE_SIZE) return null;
  const count = new Intl.NumberFormat(displayLocale());
  const last = Math.min(total, offset + OUTBOX_PAGE_SIZE);
  return (
    <nav className="outbox-pager" aria-label={t('pendingChangesPages')}>
      <button
        type="button"
        className="button"
        onClick={() => onOffset(Math.max(0, offset - OUTBOX_PAGE_SIZE))}
        disabled={offset === 0}
      >
        {t('previous')}
      </button>
      <span className="muted" aria-live="polite">
        {t('pageRange', {
          first: count.format(offset + 1),
          last: count.format(last),
          total: count.format(total),
        })}
      </span>
      <button
        type="button"
        className="button"
        onClick={() => onOffset(offset + OUTBOX_PAGE_SIZE)}
        disabled={last >= total}
      >
        {t('next')}
      </button>
    </nav>
  );
}

function OutboxRow({
  item,
  wallet,
  busy,
  onDiscard,
  onRetry,
}: {
  item: OutboxItem;
  wallet: WalletView | null;
  busy: boolean;
  onDiscard: () => void;
  onRetry: () => void;
}) {
  const { t } = useTranslation('outbox');

  const money = outboxAmount(item);
  const rejected = item.state === 'rejected';
  return (
    <li
      className={rejected ? 'card outbox-item outbox-item-rejected' : 'card outbox-item'}
      data-testid="outbox-item"
    >
      <div className="outbox-item-main">
        <div className="outbox-item-head">
          <strong>{OUTBOX_KIND_LABELS[item.kind]}</strong>
          <Badge tone={rejected ? 'danger' : item.state === 'sending' ? 'info' : 'pending'}>
            {outboxStateLabel(item)}
          </Badge>
          {money && <Money amount={money.amount} currency={money.currency} signed />}
        </div>
        <p>{outboxDescription(item, wallet)}</p>
        <p className="muted">
          {t('made')} <time dateTime={item.createdAt}>{formatDateTime(item.createdAt)}</time>
        </p>
        {item.error && (
          <div className="outbox-reason">
            {/* A person reads the worded reason; the server's code ("insufficient_funds") is for
                support, so it is copied, not read out in the sentence. */}
            <p role="note">
              <strong>{t('theServerRefusedIt')}</strong> {refusalReason(item)}
            </p>
            <CopyButton value={item.error.code} label={t('copyRefusalCode')} />
          </div>
        )}
      </div>
      <div className="outbox-item-actions">
        {rejected && (
          <button type="button" className="button" onClick={onRetry} disabled={busy}>
            {t('retry')}
          </button>
        )}
        {item.state !== 'sending' && (
          <button
            type="button"
            className="button button-danger-ghost"
            onClick={onDiscard}
            disabled={busy}
            aria-label={t('discard', { summary: outboxSummary(item.summary) })}
          >
            {t('discard2')}
          </button>
        )}
      </div>
    </li>
  );
}
