import type { ReactNode } from 'react';
import { Badge } from './Badge';
import { useTranslation } from 'react-i18next';

/**
 * Said next to anything the sandbox test gateway touches: it accepts any card number, so a wallet it
 * credits holds test money. `children` says what that means where it is shown.
 */
export function TestModeNote({ children, testId }: { children?: ReactNode; testId?: string }) {
  const { t } = useTranslation('components');

  return (
    <div className="test-mode-note" role="note" aria-label={t('testMode')} data-testid={testId}>
      {/* The words every test-mode screen uses, so that they read the same everywhere. */}
      <strong>{t('testModeTitle')}</strong> {children}
    </div>
  );
}

/** Marks one payment or ledger row that moved no real money. */
export function TestBadge() {
  const { t } = useTranslation('components');

  return <Badge tone="warning">{t('test')}</Badge>;
}
