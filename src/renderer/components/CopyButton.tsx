import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** How long "Copied" stays before the button reads "Copy" again, if focus has not left it sooner. */
const COPIED_SHOWN_MS = 4000;

/**
 * Copies `value` to the clipboard and says so: the button then reads "Copied" and is named so
 * ("Copy address — Copied"), and a polite live region announces it, since a screen reader does not
 * re-read the name of the button it is on. Both go back once focus leaves or a few seconds pass.
 */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const { t } = useTranslation('components');

  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), COPIED_SHOWN_MS);
    return () => clearTimeout(timer);
  }, [state]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setState('copied');
    } catch {
      setState('failed');
    }
  };
  const outcome = state === 'copied' ? t('copied') : state === 'failed' ? t('copyFailedSelectAnd') : '';
  return (
    <>
      <button
        type="button"
        className="button button-sm"
        aria-label={outcome ? t('copyLabelWithOutcome', { label, outcome }) : label}
        onClick={() => void copy()}
        onBlur={() => setState('idle')}
      >
        {outcome || t('copy')}
      </button>
      {/* Always in the page, so that what is put in it is announced. A live region without the
          status role: screens that hold one of these already have a status of their own. */}
      <span aria-live="polite" aria-atomic="true" className="visually-hidden">
        {outcome}
      </span>
    </>
  );
}
