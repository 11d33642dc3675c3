import type { SavedMethod } from '../../shared/api/payments';
import type { BadgeTone } from '../components/Badge';
import { i18n } from '../i18n';

/** A saved method's status as a badge; the label is read in the current language on each access. */
export const SAVED_METHOD_STATUS: Record<SavedMethod['status'], { label: string; tone: BadgeTone }> = {
  pending: {
    get label() {
      return i18n.t('payers:methodStatus.pending');
    },
    tone: 'pending',
  },
  confirmed: {
    get label() {
      return i18n.t('payers:methodStatus.confirmed');
    },
    tone: 'success',
  },
  failed: {
    get label() {
      return i18n.t('payers:methodStatus.failed');
    },
    tone: 'danger',
  },
};

/**
 * A saved method's label in the console's language. The API sends the words its gateway reported
 * ("Visa •••• 4242", "Card •••• 4242" from a card of no known brand, "Card" with no digits,
 * "PayPal ada@example.com"): a brand and an address are names and stay as they are; the generic
 * "Card" (and Stripe's brand "unknown") is the console's own word, and is translated.
 */
export function savedMethodLabel(label: string): string {
  const card = /^(?:Card|Unknown)(?: •••• (\d{4}))?$/u.exec(label.trim());
  if (!card) return label;
  return card[1] === undefined
    ? i18n.t('payers:methodLabel.card')
    : i18n.t('payers:methodLabel.cardEnding', { last4: card[1] });
}
