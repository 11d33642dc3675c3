import type { OutboxItem, QueuedItem } from '../../shared/ipc-contract';
import { i18n } from '../i18n';
import { asCurrency } from '../lib/format';
import { walletName } from '../payments/payment-facts';
import { outboxSummary } from './outbox-summary';

/** The amount a queued top-up or adjustment moves (minor units), when the item carries one. */
export function outboxAmount(item: OutboxItem): { amount: number; currency: string } | null {
  const amount = movesMoney(item) ? item.payload.amount : null;
  const currency = asCurrency(item.currency);
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || !currency) return null;
  return { amount, currency };
}

/** The words a queued write shows next to its state. */
export function outboxStateLabel(item: OutboxItem): string {
  return i18n.t(`outbox:state.${item.state}`);
}

/** What the person wrote with a queued write (a top-up's description, an adjustment's reason). */
export function outboxNote(item: OutboxItem): string {
  const note =
    item.kind === 'wallet.credit'
      ? item.payload.description
      : item.kind === 'wallet.adjust'
        ? item.payload.reason
        : null;
  return typeof note === 'string' && note.trim() !== '' ? note : outboxSummary(item.summary);
}

/**
 * What a queued write does, and to whose wallet: "Add credit $50.00 to Acme Ltd · USD wallet".
 * `wallet` is the wallet it concerns as the console knows it (null when it is not, or not known).
 */
export function outboxDescription(
  item: OutboxItem,
  wallet: { customerName: string; currency: string } | null,
): string {
  if (!wallet) return outboxSummary(item.summary);
  switch (item.kind) {
    case 'wallet.credit':
    case 'payment.create':
      return i18n.t('outbox:toWallet', { summary: outboxSummary(item.summary), wallet: walletName(wallet) });
    case 'wallet.adjust':
      return i18n.t('outbox:ofWallet', { summary: outboxSummary(item.summary), wallet: walletName(wallet) });
    default:
      return outboxSummary(item.summary);
  }
}

function movesMoney(
  item: OutboxItem,
): item is QueuedItem<'wallet.credit' | 'wallet.adjust' | 'payment.create'> {
  return item.kind === 'wallet.credit' || item.kind === 'wallet.adjust' || item.kind === 'payment.create';
}
