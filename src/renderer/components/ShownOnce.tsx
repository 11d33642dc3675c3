import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Something the API answers once and never again (a made-up password, a signing secret), with the
 * one button that puts it away.
 */
export function ShownOnce({ children, onDone }: { children: ReactNode; onDone: () => void }) {
  const { t } = useTranslation('components');
  return (
    <div className="form">
      {children}
      <div className="form-actions">
        <button type="button" className="button button-primary" onClick={onDone}>
          {t('done')}
        </button>
      </div>
    </div>
  );
}
