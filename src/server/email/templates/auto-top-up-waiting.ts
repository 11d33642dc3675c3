import type { PaymentProviderId } from '../../../shared/api/payments.js';
import type { Currency } from '../../../shared/money.js';
import { escapeHtml } from '../../lib/html.js';
import type { Text } from '../../i18n/text.js';

/** What the reseller is told once an auto top-up's charge has waited an hour on its provider. */
export interface AutoTopUpWaiting {
  walletId: string;
  provider: PaymentProviderId;
  /** The charge, minor units of `currency` (its fee apart). */
  amount: number;
  currency: Currency;
  /** Since when the provider could not be asked, and how many lookups failed. */
  since: string;
  asks: number;
}

/** To the reseller's admins: the charge may have been made, and nothing is done twice meanwhile. */
export function autoTopUpWaitingEmail(text: Text, waiting: AutoTopUpWaiting) {
  const provider = text.t(`email.autoTopUpWaiting.provider.${waiting.provider}`);
  const values = {
    provider,
    wallet: waiting.walletId,
    amount: text.money(waiting.amount, waiting.currency),
    since: text.moment(waiting.since),
    count: waiting.asks,
  };
  const escaped = Object.fromEntries(
    Object.entries(values).map(([name, value]) => [name, escapeHtml(String(value))]),
  );
  return {
    subject: text.t('email.autoTopUpWaiting.subject', values),
    text: `${text.t('email.autoTopUpWaiting.body', values)}\n\n${text.t('email.autoTopUpWaiting.next', values)}\n`,
    html:
      `<p>${text.html('email.autoTopUpWaiting.body', escaped)}</p>` +
      `<p>${text.html('email.autoTopUpWaiting.next', escaped)}</p>`,
  };
}
