import { useEffect } from 'react';
import { Icon } from './Icon';
import { useAnnouncer, wordsOf } from './announcer';
import { useTranslation } from 'react-i18next';

const TOAST_MS = 6000;

export function Announcer() {
  const { t } = useTranslation('components');

  const { message, visible, toastDismissed } = useAnnouncer();

  useEffect(() => {
    if (!message || !visible) return;
    const timer = setTimeout(() => toastDismissed(message.id), TOAST_MS);
    // Escape puts it away from the keyboard (its × is for the pointer only: the live region already
    // said it). An open dialog takes that Escape for itself, and a key something else handled is left.
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented || document.querySelector('dialog[open]')) return;
      toastDismissed(message.id);
    };
    document.addEventListener('keydown', onKeyDown);
    return () => {
      clearTimeout(timer);
      document.removeEventListener('keydown', onKeyDown);
    };
  }, [message, visible, toastDismissed]);

  return (
    <>
      <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
        {message && <span key={message.id}>{wordsOf(message.text)}</span>}
      </div>
      {message && visible && (
        <div className="toast" aria-hidden="true" data-testid="toast">
          <span>{wordsOf(message.text)}</span>
          <button
            type="button"
            className="icon-button"
            tabIndex={-1}
            aria-label={t('dismiss')}
            onClick={() => toastDismissed(message.id)}
          >
            <Icon name="close" size={16} />
          </button>
        </div>
      )}
    </>
  );
}
