import { useId } from 'react';
import type { OutboxItem } from '../../shared/ipc-contract';
import { Badge } from '../components/Badge';
import { Money } from '../components/Money';
import { RouteLink } from '../components/RouteLink';
import { OUTBOX_KIND_LABELS, formatDateTime } from '../lib/format';
import { refusalReason } from './outbox-outcomes';
import { outboxAmount, outboxNote, outboxStateLabel } from './outbox-item';
import { useOutboxFor } from './queries';
import { outboxSummary } from './outbox-summary';
import { useTranslation } from 'react-i18next';

/**
 * Writes made here that the server has not confirmed: shown above the confirmed history, marked
 * "Pending sync", never folded into a balance (only the server computes those).
 */
export function PendingRows({
  walletId,
  customerId,
  kinds,
}: {
  walletId?: string;
  customerId?: string;
  kinds?: readonly OutboxItem['kind'][];
}) {
  const { t } = useTranslation('outbox');

  const titleId = useId();
  const outbox = useOutboxFor({ walletId, customerId });
  const items = (outbox.data ?? []).filter((item) => !kinds || kinds.includes(item.kind));
  if (items.length === 0) return null;
  return (
    <section className="pending" aria-labelledby={titleId} data-testid="pending-rows">
      <h3 id={titleId} className="pending-title">
        {t('pendingSync')} <span className="muted">({items.length.toLocaleString()})</span>
      </h3>
      <ul className="pending-list">
        {items.map((item) => (
          <PendingRow key={item.id} item={item} />
        ))}
      </ul>
    </section>
  );
}

function PendingRow({ item }: { item: OutboxItem }) {
  const { t } = useTranslation('outbox');

  const money = outboxAmount(item);
  return (
    <li className={item.state === 'rejected' ? 'pending-row pending-row-rejected' : 'pending-row'}>
      <time dateTime={item.createdAt} className="muted">
        {formatDateTime(item.createdAt)}
      </time>
      <span>{OUTBOX_KIND_LABELS[item.kind]}</span>
      <span className="cell-amount">
        {money && <Money amount={money.amount} currency={money.currency} signed />}
      </span>
      <span>
        <Badge tone={item.state === 'rejected' ? 'danger' : 'pending'}>{outboxStateLabel(item)}</Badge>
      </span>
      <span className="cell-description" title={outboxSummary(item.summary)}>
        {outboxNote(item)}
        {item.error && (
          <>
            {' — '}
            <span className="text-danger">{refusalReason(item)}</span>{' '}
            <RouteLink to={{ page: 'outbox' }}>{t('review')}</RouteLink>
          </>
        )}
      </span>
    </li>
  );
}
