import type { ReactNode } from 'react';
import { Badge } from './Badge';

/** The words every test-mode screen uses, so that they read the same everywhere. */
export const TEST_MODE_TITLE = 'Test mode — payments are not real';

/**
 * Said next to anything the sandbox test gateway touches: it accepts any card number, so a wallet it
 * credits holds test money. `children` says what that means where it is shown.
 */
export function TestModeNote({ children, testId }: { children?: ReactNode; testId?: string }) {
  return (
    <div className="test-mode-note" role="note" aria-label="Test mode" data-testid={testId}>
      <strong>{TEST_MODE_TITLE}.</strong> {children}
    </div>
  );
}

/** Marks one payment or ledger row that moved no real money. */
export function TestBadge() {
  return <Badge tone="warning">Test</Badge>;
}
