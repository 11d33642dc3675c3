import type { Currency } from '../../shared/money';
import { retypedAmount } from '../lib/amount-input';

/**
 * What the Top Up form holds before it is submitted. A language switch remounts the console
 * (LanguageRoot), and the form with it: the draft carries what was typed and chosen into the
 * form drawn in the new language, so nobody types the amount or picks the method again.
 */
export interface TopUpDraft {
  walletId: string;
  /** The amount as typed, in `locale`'s marks ("1234.5" in en-US). */
  amount: string;
  locale: string;
  payerId: string | null;
  choiceKey: string | null;
  railKey: string | null;
  saveMethod: boolean;
}

let draft: TopUpDraft | null = null;

/** The form changed: what a remount would start from. */
export function topUpDraftChanged(next: TopUpDraft): void {
  draft = next;
}

/** The form left the screen for good (not for a remount): nothing to carry. */
export function topUpDraftDropped(walletId: string): void {
  if (draft?.walletId === walletId) draft = null;
}

/**
 * The draft a form for `walletId` starts from, its amount rewritten in `locale`'s marks: "1234.5"
 * typed in English reads "1234,50" in Vietnamese, where "1234.5" would be refused. An amount that
 * was not one yet stays as typed, for the form to say what is wrong with it.
 */
export function topUpDraftFor(walletId: string, currency: Currency, locale: string): TopUpDraft | null {
  if (draft?.walletId !== walletId) return null;
  return { ...draft, amount: retypedAmount(draft.amount, currency, draft.locale, locale), locale };
}
