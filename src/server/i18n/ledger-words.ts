import { wordingSentence, type LedgerWording } from '../../shared/api/ledger-wording.js';
import { DEFAULT_METHOD_WORDS } from '../../shared/api/payment-method-defaults.js';
import type { PaymentProviderId } from '../../shared/api/payments.js';
import type { Text } from './text.js';

/**
 * A ledger row the server wrote itself, in `text`'s language, from its wording: the sentences the
 * console words the same rows with (`ledger.wording.*`), days as the language writes them. A
 * provider is named by its id, as the English description names it; a payment method by its label,
 * in the language while it is still a method's starting label, a reseller's own as typed.
 */
export function ledgerWords(text: Text, wording: LedgerWording): string {
  const { sentence, values } = wordingSentence(wording);
  const figures = { ...values };
  for (const name of ['from', 'to'] as const) {
    const day = values[name];
    if (typeof day === 'string') figures[name] = text.day(day);
  }
  if (typeof values.method === 'string') figures.method = methodLabelWords(text, values.method);
  return text.t(`ledger.wording.${sentence}`, figures);
}

/** "Sandbox test card" as `text`'s language says it; any label a reseller typed, as typed. */
export function methodLabelWords(text: Text, label: string): string {
  const provider = (Object.keys(DEFAULT_METHOD_WORDS) as PaymentProviderId[]).find(
    (id) => DEFAULT_METHOD_WORDS[id].label === label,
  );
  return provider ? text.t(`ledger.method.${provider}`) : label;
}

/** "Instant" as `text`'s language says it while it is still the method's starting words; a reseller's own as typed. */
export function processingTimeWords(text: Text, provider: PaymentProviderId, processingTime: string): string {
  return DEFAULT_METHOD_WORDS[provider].processingTime === processingTime
    ? text.t(`ledger.processingTime.${provider}`)
    : processingTime;
}
