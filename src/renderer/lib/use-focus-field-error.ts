import { useEffect, useRef, type RefObject } from 'react';

/**
 * Moves focus to the first field in error of `form` each time a save is refused (`error` is the
 * mutation's error: a new object for each refusal). Focusing scrolls the field into view, so on a
 * long settings form the person sees what the server refused and is ready to correct it; a screen
 * reader reads the field with its error (aria-invalid, aria-describedby: components/Field.tsx).
 * A refusal about no field in the form leaves focus where it is (its banner says it).
 *
 * `refusals` counts the submits the form stopped itself (an empty amount, too many decimals): each
 * new count moves focus the same way once the errors are drawn, rather than leaving it on the submit
 * button with nothing said.
 */
export function useFocusFieldError<T extends HTMLElement = HTMLFormElement>(
  error: unknown,
  refusals = 0,
): RefObject<T | null> {
  const form = useRef<T | null>(null);
  useEffect(() => {
    if (!error && refusals === 0) return;
    form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [error, refusals]);
  return form;
}
