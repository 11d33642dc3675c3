import { wordingSentence, type LedgerWording } from '../../shared/api/ledger-wording.js';
import type { Text } from './text.js';

/**
 * A ledger row the server wrote itself, in `text`'s language, from its wording: the sentences the
 * console words the same rows with (`ledger.wording.*`), days as the language writes them. A
 * provider is named by its id, as the English description names it.
 */
export function ledgerWords(text: Text, wording: LedgerWording): string {
  const { sentence, values } = wordingSentence(wording);
  const figures = { ...values };
  for (const name of ['from', 'to'] as const) {
    const day = values[name];
    if (typeof day === 'string') figures[name] = text.day(day);
  }
  return text.t(`ledger.wording.${sentence}`, figures);
}
