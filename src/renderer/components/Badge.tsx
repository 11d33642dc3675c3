import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export type BadgeTone = 'neutral' | 'info' | 'success' | 'warning' | 'danger' | 'pending';

export function Badge({ tone = 'neutral', children }: { tone?: BadgeTone; children: ReactNode }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}

/** Marks something the server has not confirmed yet. */
export function PendingBadge() {
  const { t } = useTranslation('components');

  return <Badge tone="pending">{t('pendingSync')}</Badge>;
}
