import { useEffect, useState } from 'react';
import type { Currency } from '../../shared/money';
import { retypedAmount } from '../lib/amount-input';
import { displayLocale } from '../lib/format';
import { languageFocus } from './language-focus';

/** Values of the mounted components that use them, by name, while they are on screen. */
const kept = new Map<string, unknown>();

/**
 * `useState` whose value outlives the remount a language switch makes (LanguageRoot): the page
 * drawn in the new language starts where the person was (the tab open, say), not at its default.
 * Gone once the component leaves the screen any other way. `name` says what it is, one per screen.
 *
 * The one way the console keeps state over the switch (Orders' useKeptState and the Top Up draft
 * were folded into it): it is `useState` itself, updater functions and all, so a screen keeps a
 * value by changing one call; and it records the value once rendered, whoever set it, where a
 * setter that records would miss a value set through the updater form.
 */
export function useKeptOverLanguageSwitch<T>(name: string, initial: T) {
  // The new tree renders before the old one's effects are cleaned up: the value is still here.
  const state = useState<T>(() => (kept.has(name) ? (kept.get(name) as T) : initial));
  const [value] = state;
  useEffect(() => {
    kept.set(name, value);
  }, [name, value]);
  useEffect(
    () => () => {
      if (!languageFocus.remounting()) kept.delete(name);
    },
    [name],
  );
  return state;
}

/**
 * An amount field's text kept over a language switch. It keeps the marks of the language it was
 * typed in and is shown in the current one's ("1.500.000" typed in Vietnamese reads "1500000" in
 * English, where "1.500.000" would be refused); text that is no amount yet stays as typed.
 * `currency` is '' while none is chosen.
 */
export function useKeptAmount(name: string, currency: Currency | '') {
  const locale = displayLocale();
  const [typed, setTyped] = useKeptOverLanguageSwitch(name, { text: '', locale });
  const text = currency === '' ? typed.text : retypedAmount(typed.text, currency, typed.locale, locale);
  // What is shown is what is kept: switched back, "1234,50" reads "1234.50", not the "1234.5" first
  // typed, as if it had been written in each language in turn.
  const stale = currency !== '' && typed.locale !== locale;
  useEffect(() => {
    if (stale) setTyped({ text, locale });
  }, [stale, text, locale, setTyped]);
  return [text, (next: string) => setTyped({ text: next, locale })] as const;
}
