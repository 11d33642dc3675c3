import {
  ledgerWordingSchema,
  wordingOfOlderRow,
  wordingSentence,
  type LedgerWording,
} from '../../shared/api/ledger-wording';
import type { WalletTransaction } from '../../shared/api/wallets';
import { i18n } from '../i18n';
import { formatDay } from '../lib/format';
import { providerLabel } from '../payments/payment-labels';
import { methodLabelText } from '../top-up/method-choices';

/**
 * What a ledger row says, in the console's language: a row the server wrote itself (an order, a
 * refund, a top-up…) is worded from its kind and figures — read back from its English when it was
 * written before rows carried them; a row a person described, or of a kind this console does not
 * know yet, shows its description as written.
 */
export function entryDescription(
  tx: Pick<WalletTransaction, 'type' | 'description' | 'reference' | 'relatedId' | 'wording'>,
): string {
  if (!tx.wording) {
    const older = wordingOfOlderRow(tx);
    return older ? wordingText(older) : tx.description;
  }
  const parsed = ledgerWordingSchema.safeParse(tx.wording);
  return parsed.success ? wordingText(parsed.data) : tx.description;
}

/** A wording's sentence in the console's language: days as its locale writes them, providers by label. */
export function wordingText(w: LedgerWording): string {
  const { sentence, values } = wordingSentence(w);
  const figures: Record<string, string | number> = { ...values };
  for (const name of ['from', 'to'] as const) {
    if (typeof values[name] === 'string') figures[name] = formatDay(values[name], undefined, true);
  }
  if (typeof values.provider === 'string') figures.provider = providerLabel(values.provider);
  if (typeof values.method === 'string') figures.method = methodLabelText(values.method);
  return i18n.t(`wallet:wording.${sentence}`, figures);
}
