import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueuedRefusal } from '../../shared/ipc-contract';
import { refusalText } from '../lib/refusal-words';

export type BadgeTone = 'neutral' | 'info' | 'success' | 'warning' | 'danger' | 'pending';

export function Badge({
  tone = 'neutral',
  children,
  ...attributes
}: {
  tone?: BadgeTone;
  children: ReactNode;
  title?: string;
  'data-testid'?: string;
}) {
  return (
    <span className={`badge badge-${tone}`} {...attributes}>
      {children}
    </span>
  );
}

/**
 * Marks something the server has not confirmed yet, or, when it refused the write that would make
 * it, says so (why in its title; Pending changes has the rest).
 */
export function PendingBadge({ rejection }: { rejection?: QueuedRefusal | undefined }) {
  const { t } = useTranslation('components');

  if (rejection) {
    return (
      <Badge tone="danger" title={refusalText(rejection)}>
        {t('rejected')}
      </Badge>
    );
  }
  return <Badge tone="pending">{t('pendingSync')}</Badge>;
}
