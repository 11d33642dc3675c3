import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { TextField } from '../components/Field';
import { PageHeader } from '../components/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../components/States';
import { desktop } from '../bridge';
import { call } from '../lib/ipc';
import { useDebouncedValue } from '../lib/use-debounced-value';
import { useTranslation } from 'react-i18next';

/**
 * The audit trail, for reseller admins: every staff action that changed money or settings, newest
 * first — who, when, what (before and after) and why. Read online from the billing API.
 */
export function AuditPage() {
  const { t } = useTranslation('audit');

  const [action, setAction] = useState('');
  const [entity, setEntity] = useState('');
  const filters = {
    action: useDebouncedValue(action.trim(), 250),
    entity: useDebouncedValue(entity.trim(), 250),
  };
  const records = useInfiniteQuery({
    queryKey: ['audit', filters] as const,
    queryFn: ({ pageParam }) =>
      call(
        desktop().auditList({
          ...(filters.action ? { action: filters.action } : {}),
          ...(filters.entity ? { entity: filters.entity } : {}),
          ...(pageParam ? { cursor: pageParam } : {}),
          limit: 50,
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    meta: { tables: ['session'] },
    retry: false,
  });
  const items = records.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <div className="page">
      <PageHeader title={t('auditTrail')} subtitle={t('everyStaffChangeTo')} />
      <div className="filters" role="search" aria-label={t('filterTheAuditTrail')}>
        <TextField
          label={t('action')}
          inline
          placeholder={t('walletCredited')}
          value={action}
          onChange={(e) => setAction(e.target.value)}
        />
        <TextField label={t('entityId')} inline value={entity} onChange={(e) => setEntity(e.target.value)} />
      </div>
      {records.isPending ? (
        <LoadingState label={t('loadingTheAuditTrail')} />
      ) : records.isError ? (
        <ErrorState error={records.error} onRetry={() => void records.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title={t('noAuditRecords')}>{t('staffChangesToMoney')}</EmptyState>
      ) : (
        <table className="invoices-table" aria-label={t('auditRecords')}>
          <thead>
            <tr>
              <th scope="col">{t('when')}</th>
              <th scope="col">{t('who')}</th>
              <th scope="col">{t('action')}</th>
              <th scope="col">{t('entity')}</th>
              <th scope="col">{t('why')}</th>
              <th scope="col">{t('change')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((r) => (
              <tr key={r.id}>
                <td>{new Date(r.at).toLocaleString()}</td>
                <td>
                  {r.actor.userId ??
                    (r.actor.apiKeyId ? t('apiKey', { apiKeyId: r.actor.apiKeyId }) : t('system'))}{' '}
                  ({r.actor.role})
                </td>
                <td>{r.action}</td>
                <td>
                  {r.entityType} {r.entityId}
                </td>
                <td>{r.reason ?? '—'}</td>
                <td>
                  <code className="audit-change">
                    {r.before === null ? '' : `${JSON.stringify(r.before)} → `}
                    {r.after === null ? '' : JSON.stringify(r.after)}
                  </code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {records.hasNextPage && (
        <button
          type="button"
          className="button"
          onClick={() => void records.fetchNextPage()}
          disabled={records.isFetchingNextPage}
        >
          {t('loadOlderRecords')}
        </button>
      )}
    </div>
  );
}
