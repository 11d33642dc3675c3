import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Copies `value` to the clipboard and says so (in the button itself, which is announced). */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const { t } = useTranslation('components');

  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setState('copied');
    } catch {
      setState('failed');
    }
  };
  return (
    <button
      type="button"
      className="button button-sm"
      aria-label={label}
      onClick={() => void copy()}
      onBlur={() => setState('idle')}
    >
      <span aria-live="polite">
        {state === 'copied' ? t('copied') : state === 'failed' ? t('copyFailedSelectAnd') : t('copy')}
      </span>
    </button>
  );
}
