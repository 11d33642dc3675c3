import type { OutboxItem } from '../../shared/ipc-contract';
import { announce } from '../components/announcer';
import { refusalText } from '../lib/refusal-words';
import { i18n } from '../i18n';
import { outboxSummary } from './outbox-summary';

/** The server's reason for refusing a queued write, as the console words it. */
export function refusalReason(item: OutboxItem): string | null {
  return item.error ? refusalText(item.error) : null;
}

/**
 * Writes that were refused since the outbox was last seen. `before` is null until the outbox has
 * been seen once: writes refused before then are not news (they are listed, not announced).
 */
export function newlyRejected(before: ReadonlyMap<string, OutboxItem['state']> | null, items: OutboxItem[]) {
  if (before === null) return [];
  return items.filter((item) => item.state === 'rejected' && before.get(item.id) !== 'rejected');
}

/** Says a write was queued ("… — pending sync"), to become "… — saved" once the server confirms it. */
export function announceQueued(item: Pick<OutboxItem, 'id' | 'summary'>): void {
  // Worded when shown: the summary's amounts and words follow a language switch as well.
  announce(() => i18n.t('outbox:announce.pendingSync', { summary: outboxSummary(item.summary) }), {
    itemId: item.id,
    saved: () => i18n.t('outbox:announce.saved', { summary: outboxSummary(item.summary) }),
  });
}

/** "Adjust by −$5,000.00: Chargeback — rejected: available balance is $4,119.16, $5,000.00 needed". */
export function rejectionNotice(item: OutboxItem): string {
  const reason = refusalReason(item);
  return reason
    ? i18n.t('outbox:announce.rejectedBecause', { summary: outboxSummary(item.summary), reason })
    : i18n.t('outbox:announce.rejected', { summary: outboxSummary(item.summary) });
}
