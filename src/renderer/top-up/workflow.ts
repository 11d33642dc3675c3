import type { Checkout, Payment } from '../../shared/api/payments';
import type { OutboxItem, QueuedRefusal, TopUpTrack } from '../../shared/ipc-contract';
import { i18n } from '../i18n';
import { errorMessage, IpcError } from '../lib/ipc';
import { refusalText, refusalWords } from '../lib/refusal-words';
import { NETWORK_NAMES } from './crypto-rails';
import { declineText } from './decline-words';

type Qr<K extends 'crypto_qr' | 'bank_qr'> = Extract<Checkout, { kind: K }>;

/**
 * Where a top-up stands, as the screen shows it: one state at a time, each carrying only what that
 * state needs. Derived from what the cache holds (the outbox item, then the synced payment), so it
 * follows every status change the feed brings.
 */
export type TopUpWorkflow =
  | { step: 'missing' }
  /** In the outbox: sent as soon as the console is online. */
  | { step: 'queued'; item: OutboxItem; offline: boolean }
  /** The server refused to create it (limits, a disabled method…): its reason. */
  | { step: 'refused'; item: OutboxItem; message: string }
  /**
   * Pay on the gateway's hosted page, in the system browser. `payerAction`: what the provider
   * waits on the payer to do there first (PayPal wants them back to confirm), or null.
   */
  | { step: 'redirect'; payment: Payment; url: string; payerAction: string | null }
  | { step: 'crypto_qr'; payment: Payment; checkout: Qr<'crypto_qr'> }
  | { step: 'bank_qr'; payment: Payment; checkout: Qr<'bank_qr'> }
  /** Nothing for the payer to do: a saved method was charged, or the gateway is confirming. */
  | { step: 'processing'; payment: Payment }
  | { step: 'paid'; payment: Payment }
  /** Paid at the provider, refused by its wallet: staff credit it; nothing to pay or cancel. */
  | { step: 'held'; payment: Payment }
  | { step: 'ended'; payment: Payment; outcome: 'failed' | 'cancelled' | 'expired'; message: string };

export type WorkflowStep = TopUpWorkflow['step'];

export function topUpWorkflow(track: TopUpTrack | null, offline: boolean): TopUpWorkflow {
  if (!track) return { step: 'missing' };
  if (track.kind === 'queued') {
    const { item } = track;
    if (item.state === 'rejected')
      return {
        step: 'refused',
        item,
        message: item.error ? refusedMessage(item.error) : i18n.t('top-up:ts.refused'),
      };
    return { step: 'queued', item, offline };
  }
  const { payment } = track;
  switch (payment.status) {
    case 'paid':
      return { step: 'paid', payment };
    case 'failed':
    case 'cancelled':
    case 'expired':
      return { step: 'ended', payment, outcome: payment.status, message: endMessage(payment) };
    case 'new':
    case 'processing': {
      if (payment.heldForReview) return { step: 'held', payment };
      const checkout = payment.checkout;
      // Once the gateway says it is processing, the hosted page has done its part.
      if (checkout?.kind === 'redirect' && payment.status === 'new')
        return { step: 'redirect', payment, url: checkout.url, payerAction: payerAction(payment) };
      // A QR stays up while processing: an underpaid crypto invoice still needs the rest.
      if (checkout?.kind === 'crypto_qr') return { step: 'crypto_qr', payment, checkout };
      if (checkout?.kind === 'bank_qr') return { step: 'bank_qr', payment, checkout };
      return { step: 'processing', payment };
    }
  }
}

/**
 * What the provider waits on the payer for on an open payment's page, in the console's language:
 * PayPal refused to capture an approval until the payer confirms it again in PayPal
 * (PAYER_ACTION_REQUIRED, kept as the open payment's decline code). Null when nothing is asked.
 */
function payerAction(payment: Payment): string | null {
  return payment.declineCode === 'PAYER_ACTION_REQUIRED' ? i18n.t('top-up:ts.returnToPayPal') : null;
}

/**
 * Why the server refused to start a top-up, in the console's language: from the refusal's reason
 * when the console knows it; else, in a language other than English, the sentence of its code (a
 * method the reseller turned off meanwhile, a closed wallet) rather than the server's English; else
 * that English, its amounts formatted.
 */
function refusedMessage(error: QueuedRefusal): string {
  const worded = error.reason && refusalWords(error.reason);
  if (worded) return worded;
  return i18n.language === 'en' ? refusalText(error) : errorMessage(new IpcError(error));
}

/**
 * Why a top-up ended without money, for the payer: worded from the payment's failure code in the
 * console's language (a declined card's from its decline code too: decline-words.ts); a payment
 * recorded before codes existed falls back to the server's English reason.
 */
export function endMessage(payment: Payment): string {
  if (payment.status === 'expired')
    // Part of what was due arrived (a coin or bank transfer short of the total): the server keeps it
    // for review instead of crediting it, so "try again" alone would make the payer think it lost.
    return i18n.t(payment.underpaid ? 'top-up:ts.expiredPartlyPaid' : 'top-up:ts.expired');
  if (payment.failureCode && payment.failureCode !== 'expired')
    // A declined card says the bank's reason where the provider gave one this console words.
    return declineText(payment) ?? i18n.t(`top-up:ts.failure.${payment.failureCode}`);
  const reason = payment.failureReason ? sentence(payment.failureReason) : '';
  switch (payment.status) {
    case 'failed':
      return reason ? i18n.t('top-up:ts.failedBecause', { reason }) : i18n.t('top-up:ts.failed');
    case 'cancelled':
      return reason ? i18n.t('top-up:ts.cancelledBecause', { reason }) : i18n.t('top-up:ts.cancelled');
    default:
      return '';
  }
}

/** "14:05" (minutes:seconds) or "1:02:03" until `expiresAt`; null once it has passed. */
export function countdown(expiresAt: string, now: number): string | null {
  const left = Math.floor((Date.parse(expiresAt) - now) / 1000);
  if (!Number.isFinite(left) || left <= 0) return null;
  const h = Math.floor(left / 3600);
  const m = Math.floor((left % 3600) / 60);
  const s = left % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}

/** The warning a crypto payer must read: coins sent on another network are lost. */
export function networkWarning(checkout: Pick<Qr<'crypto_qr'>, 'asset' | 'network' | 'testnet'>): string {
  const network =
    checkout.testnet === true
      ? i18n.t('top-up:ts.network.testnet', { network: NETWORK_NAMES[checkout.network]() })
      : i18n.t(`top-up:ts.network.${checkout.network}`);
  return i18n.t('top-up:ts.networkWarning', { asset: checkout.asset, network });
}

function sentence(text: string): string {
  const t = text.trim();
  if (!t) return '';
  const s = t[0]!.toUpperCase() + t.slice(1);
  return /[.!?]$/.test(s) ? s : `${s}.`;
}
