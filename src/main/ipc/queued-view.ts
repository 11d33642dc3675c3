import type { OutboxItem, QueuedRefusal } from '../../shared/ipc-contract.js';

/**
 * What a screen shows of a queued write beside what it would make: why the server refused it, when
 * it did. A refused customer, wallet or invoice otherwise read "Pending sync" for as long as it stayed
 * in the outbox, though nothing would ever send it again.
 */
export function rejectionOf(item: Pick<OutboxItem, 'state' | 'error'>): { rejection?: QueuedRefusal } {
  return item.state === 'rejected' && item.error ? { rejection: item.error } : {};
}
