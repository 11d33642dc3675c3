import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useKeptOverLanguageSwitch } from '../shell/kept-over-language-switch';
import { auditActions, type AuditAction, type AuditRecord } from '../../shared/api/audit';
import type { InvoiceView, WalletView } from '../../shared/ipc-contract';
import { SelectField, TextField } from '../components/Field';
import { PageHeader } from '../components/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../components/States';
import { desktop } from '../bridge';
import { formatDateTime } from '../lib/format';
import { call } from '../lib/ipc';
import { useDebouncedValue } from '../lib/use-debounced-value';
import { customerQueries } from '../customers/queries';
import { userQueries } from '../users/queries';
import { walletQueries } from '../wallet/queries';
import { AuditChange } from './AuditChange';
import { AuditEntity } from './AuditEntity';
import { auditInvoices } from './audit-invoices';
import { auditReason, changedCustomerIds, currencyOf, statedInvoiceNumber, walletOf } from './audit-change';
import './audit.css';
import { useTranslation } from 'react-i18next';

/**
 * The audit trail, for reseller admins: every staff action that changed money or settings, newest
 * first — who, when, what (before and after) and why. Read online from the billing API; people,
 * wallets and customers are named from what the console knows, amounts shown in their currency.
 */
export function AuditPage() {
  const { t } = useTranslation('audit');
  const { t: common } = useTranslation('common');

  const [action, setAction] = useKeptOverLanguageSwitch<AuditAction | ''>('audit:action', '');
  const [entity, setEntity] = useKeptOverLanguageSwitch('audit:entity', '');
  const filters = { action, entity: useDebouncedValue(entity.trim(), 250) };
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
  // Who each user is (this screen is an admin's, who may list the users) and the wallets named.
  const users = useQuery(userQueries.list());
  const emails = new Map((users.data ?? []).map((u) => [u.id, u.email]));
  const wallets = useQuery(walletQueries.named(items.flatMap((r) => walletOf(r) ?? [])));
  const walletsById = wallets.data ?? new Map<string, WalletView>();
  const customers = useQuery(
    customerQueries.named(
      items.flatMap((r) => [
        ...(r.entityType === 'customer' ? [r.entityId] : []),
        ...changedCustomerIds(r.before, r.after),
      ]),
    ),
  );
  const invoices = useQuery(auditInvoices(items));
  const invoicesById = invoices.data ?? new Map<string, InvoiceView>();

  const who = (r: AuditRecord) => {
    const role = common(`role.${r.actor.role}`, { defaultValue: r.actor.role });
    if (r.actor.userId) return `${emails.get(r.actor.userId) ?? r.actor.userId} · ${role}`;
    if (r.actor.apiKeyId) return `${t('apiKey', { apiKeyId: r.actor.apiKeyId })} · ${role}`;
    return t('systemActor');
  };

  return (
    <div className="page">
      <PageHeader title={t('auditTrail')} subtitle={t('everyStaffChangeTo')} />
      <div className="filters" role="search" aria-label={t('filterTheAuditTrail')}>
        <SelectField
          label={t('action')}
          value={action}
          onChange={(e) => setAction(e.target.value as AuditAction | '')}
        >
          <option value="">{t('allActions')}</option>
          {auditActions.map((a) => (
            <option key={a} value={a}>
              {t(`action.${a}`)}
            </option>
          ))}
        </SelectField>
        <TextField label={t('entityId')} value={entity} onChange={(e) => setEntity(e.target.value)} />
      </div>
      {records.isPending ? (
        <LoadingState label={t('loadingTheAuditTrail')} />
      ) : records.isError ? (
        <ErrorState error={records.error} onRetry={() => void records.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title={t('noAuditRecords')}>{t('staffChangesToMoney')}</EmptyState>
      ) : (
        <div className="table-wide">
          <table className="data-table audit-table" aria-label={t('auditRecords')}>
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
              {items.map((r) => {
                const walletId = walletOf(r);
                const wallet = walletId === undefined ? undefined : walletsById.get(walletId);
                return (
                  <tr key={r.id} data-testid="audit-row">
                    <td>
                      <time dateTime={r.at}>{formatDateTime(r.at)}</time>
                    </td>
                    <td className="cell-text">{who(r)}</td>
                    <td>{t(`action.${r.action}`, { defaultValue: r.action })}</td>
                    <td className="cell-text">
                      <AuditEntity
                        record={r}
                        wallet={wallet}
                        customerName={customers.data?.get(r.entityId)?.name}
                        invoiceNumber={
                          statedInvoiceNumber(r) ??
                          (r.entityType === 'invoice'
                            ? (invoicesById.get(r.entityId)?.number ?? undefined)
                            : undefined)
                        }
                      />
                    </td>
                    <td className="cell-text">{auditReason(r) ?? '—'}</td>
                    <td>
                      <AuditChange
                        action={r.action}
                        before={r.before}
                        after={r.after}
                        currency={currencyOf(
                          r,
                          (id) => walletsById.get(id)?.currency,
                          (id) => invoicesById.get(id)?.currency,
                        )}
                        walletId={walletId}
                        at={r.at}
                        customerName={(id) => customers.data?.get(id)?.name}
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
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
