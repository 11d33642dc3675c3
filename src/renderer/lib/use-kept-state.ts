import { useCallback, useEffect, useState } from 'react';
import { languageFocus } from '../shell/language-focus';

/** The values of the kept states mounted now, by key. */
const kept = new Map<string, unknown>();

/**
 * useState whose value outlives the console's remount on a language switch (LanguageRoot): what
 * someone typed or chose in a half-filled form is still there, redrawn in the new language. Any
 * other unmount (leaving the page, another customer chosen) forgets it, as useState would. `key`
 * names the state among those mounted at once ("orders:new:cus_1:quantity").
 */
export function useKeptState<T>(key: string, initial: T): [T, (value: T) => void] {
  const [value, setValue] = useState<T>(() => (kept.has(key) ? (kept.get(key) as T) : initial));
  const set = useCallback(
    (next: T) => {
      kept.set(key, next);
      setValue(next);
    },
    [key],
  );
  useEffect(
    () => () => {
      if (!languageFocus.remounting()) kept.delete(key);
    },
    [key],
  );
  return [value, set];
}
