import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { OutboxItem, WalletView } from '../../shared/ipc-contract';
import { Badge } from '../components/Badge';
import { FormMessage } from '../components/Field';
import { Money } from '../components/Money';
import { PageHeader } from '../components/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../components/States';
import { OUTBOX_KIND_LABELS, formatDateTime } from '../lib/format';
import { errorMessage } from '../lib/ipc';
import { useDiscardOutboxItem, useRetryOutboxItem } from './mutations';
import { refusalReason } from './outbox-outcomes';
import { walletQueries } from '../wallet/queries';
import { outboxAmount, outboxDescription, outboxStateLabel } from './outbox-item';
import { OUTBOX_PAGE_SIZE, outboxQueries } from './queries';
import './outbox.css';

/** Every write made here and not yet confirmed; rejected ones with the server's reason. */
export function OutboxPage() {
  const [offset, setOffset] = useState(0);
  const outbox = useQuery(outboxQueries.page(offset, OUTBOX_PAGE_SIZE));
  const total = outbox.data?.total ?? 0;
  // Discarding the last rows of the last page leaves it empty: show the page before instead.
  if (outbox.data && offset > 0 && offset >= total) setOffset(Math.max(0, offset - OUTBOX_PAGE_SIZE));
  // Whose wallet each write is for (queued wallets included, under their local ids).
  const wallets = useQuery(walletQueries.list());
  const walletsById = new Map((wallets.data ?? []).map((w) => [w.id, w]));
  const discard = useDiscardOutboxItem();
  const retry = useRetryOutboxItem();
  const actionError = discard.error ?? retry.error;

  return (
    <div className="page">
      <PageHeader
        title="Pending changes"
        subtitle="Changes made in this console wait here until the server confirms them. Rejected ones show the server's reason."
      />
      {actionError && <FormMessage tone="error">{errorMessage(actionError)}</FormMessage>}
      {outbox.isPending ? (
        <LoadingState label="Loading pending changes…" />
      ) : outbox.isError ? (
        <ErrorState error={outbox.error} onRetry={() => void outbox.refetch()} />
      ) : outbox.data.total === 0 ? (
        <EmptyState title="Nothing waiting">
          Every change made here has been confirmed by the server.
        </EmptyState>
      ) : (
        <>
          <ul className="outbox-list" aria-label="Pending changes">
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
  if (total <= OUTBOX_PAGE_SIZE) return null;
  const count = new Intl.NumberFormat();
  const last = Math.min(total, offset + OUTBOX_PAGE_SIZE);
  return (
    <nav className="outbox-pager" aria-label="Pending changes pages">
      <button
        type="button"
        className="button"
        onClick={() => onOffset(Math.max(0, offset - OUTBOX_PAGE_SIZE))}
        disabled={offset === 0}
      >
        Previous
      </button>
      <span className="muted" aria-live="polite">
        {count.format(offset + 1)}–{count.format(last)} of {count.format(total)}
      </span>
      <button
        type="button"
        className="button"
        onClick={() => onOffset(offset + OUTBOX_PAGE_SIZE)}
        disabled={last >= total}
      >
        Next
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
          Made <time dateTime={item.createdAt}>{formatDateTime(item.createdAt)}</time>
        </p>
        {item.error && (
          <p className="outbox-reason" role="note">
            <strong>The server refused it:</strong> {refusalReason(item)}{' '}
            <span className="muted">({item.error.code})</span>
          </p>
        )}
      </div>
      <div className="outbox-item-actions">
        {rejected && (
          <button type="button" className="button" onClick={onRetry} disabled={busy}>
            Retry
          </button>
        )}
        {item.state !== 'sending' && (
          <button
            type="button"
            className="button button-danger-ghost"
            onClick={onDiscard}
            disabled={busy}
            aria-label={`Discard: ${item.summary}`}
          >
            Discard
          </button>
        )}
      </div>
    </li>
  );
}
