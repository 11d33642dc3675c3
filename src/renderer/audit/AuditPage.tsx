import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { TextField } from '../components/Field';
import { PageHeader } from '../components/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../components/States';
import { desktop } from '../bridge';
import { call } from '../lib/ipc';
import { useDebouncedValue } from '../lib/use-debounced-value';

/**
 * The audit trail, for reseller admins: every staff action that changed money or settings, newest
 * first — who, when, what (before and after) and why. Read online from the billing API.
 */
export function AuditPage() {
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
      <PageHeader
        title="Audit trail"
        subtitle="Every staff change to money or settings: who, when, what and why."
      />
      <div className="filters" role="search" aria-label="Filter the audit trail">
        <TextField
          label="Action"
          inline
          placeholder="wallet.credited"
          value={action}
          onChange={(e) => setAction(e.target.value)}
        />
        <TextField label="Entity id" inline value={entity} onChange={(e) => setEntity(e.target.value)} />
      </div>
      {records.isPending ? (
        <LoadingState label="Loading the audit trail" />
      ) : records.isError ? (
        <ErrorState error={records.error} onRetry={() => void records.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title="No audit records">
          Staff changes to money and settings will be listed here.
        </EmptyState>
      ) : (
        <table className="invoices-table" aria-label="Audit records">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">Action</th>
              <th scope="col">Entity</th>
              <th scope="col">Why</th>
              <th scope="col">Change</th>
            </tr>
          </thead>
          <tbody>
            {items.map((r) => (
              <tr key={r.id}>
                <td>{new Date(r.at).toLocaleString()}</td>
                <td>
                  {r.actor.userId ?? (r.actor.apiKeyId ? `API key ${r.actor.apiKeyId}` : 'system')} (
                  {r.actor.role})
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
          Load older records
        </button>
      )}
    </div>
  );
}
