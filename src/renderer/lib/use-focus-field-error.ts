import { useEffect, useRef, type RefObject } from 'react';

/**
 * Moves focus to the first field in error of `form` each time a save is refused (`error` is the
 * mutation's error: a new object for each refusal). Focusing scrolls the field into view, so on a
 * long settings form the person sees what the server refused and is ready to correct it; a screen
 * reader reads the field with its error (aria-invalid, aria-describedby: components/Field.tsx).
 * A refusal about no field in the form leaves focus where it is (its banner says it).
 */
export function useFocusFieldError<T extends HTMLElement = HTMLFormElement>(
  error: unknown,
): RefObject<T | null> {
  const form = useRef<T | null>(null);
  useEffect(() => {
    if (!error) return;
    form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [error]);
  return form;
}
