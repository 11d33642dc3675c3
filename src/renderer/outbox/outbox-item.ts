import type { OutboxItem } from '../../shared/ipc-contract';
import { asCurrency } from '../lib/format';

/** The amount a queued top-up or adjustment moves (minor units), when the item carries one. */
export function outboxAmount(item: OutboxItem): { amount: number; currency: string } | null {
  const amount = item.payload.amount;
  const currency = asCurrency(item.currency);
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || !currency) return null;
  return { amount, currency };
}

/** The words a queued write shows next to its state. */
export function outboxStateLabel(item: OutboxItem): string {
  switch (item.state) {
    case 'pending':
      return 'Pending sync';
    case 'sending':
      return 'Sending…';
    case 'rejected':
      return 'Rejected';
  }
}
