import { useEffect, useState } from 'react';
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
