import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { Payer, SavedMethod } from '../../shared/api/payments';
import { Badge } from '../components/Badge';
import { Dialog } from '../components/Dialog';
import { FormMessage } from '../components/Field';
import { ConfirmActions } from '../components/FormActions';
import { EmptyState, ErrorState, LoadingState } from '../components/States';
import { formatDateTime } from '../lib/format';
import { errorMessage } from '../lib/ipc';
import { PROVIDER_LABELS } from '../payments/payment-labels';
import { SAVED_METHOD_STATUS, savedMethodLabel } from './method-labels';
import { useDeleteMethod, useSetDefaultMethod } from './mutations';
import { payerQueries } from './queries';
import { Trans, useTranslation } from 'react-i18next';

/** A customer's saved methods (narrowed to one payer when chosen), default first. */
export function SavedMethods({
  customerId,
  payers,
  canChange,
}: {
  customerId: string;
  payers: Payer[];
  canChange: boolean;
}) {
  const { t } = useTranslation('payers');

  const [payerId, setPayerId] = useState('');
  const methods = useQuery(payerQueries.methods(customerId, payerId || undefined));
  const setDefault = useSetDefaultMethod();
  const remove = useDeleteMethod();
  const [deleting, setDeleting] = useState<SavedMethod | null>(null);
  const payerName = (id: string) => payers.find((p) => p.id === id)?.name ?? id;

  return (
    <div className="payers-methods">
      <div className="section-header">
        <h3 className="section-title" id="saved-methods-title">
          {t('savedMethods')}
        </h3>
        {payers.length > 1 && (
          <label className="field field-inline">
            <span>{t('payer')}</span>
            <select
              className="input select"
              value={payerId}
              onChange={(event) => setPayerId(event.target.value)}
              aria-label={t('showTheSavedMethods')}
            >
              <option value="">{t('allPayers')}</option>
              {payers.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {(setDefault.isError || remove.isError) && (
        <FormMessage tone="error">{errorMessage(setDefault.error ?? remove.error)}</FormMessage>
      )}
      {methods.isPending ? (
        <LoadingState label={t('loadingSavedMethods')} compact />
      ) : methods.isError ? (
        <ErrorState
          title={t('couldNotLoadThe2')}
          error={methods.error}
          onRetry={() => void methods.refetch()}
          compact
        />
      ) : methods.data.length === 0 ? (
        <EmptyState title={t('noSavedMethods')}>{t('aMethodIsSaved')}</EmptyState>
      ) : (
        <ul className="payers-list" aria-labelledby="saved-methods-title">
          {methods.data.map((m) => {
            const status = SAVED_METHOD_STATUS[m.status];
            const label = savedMethodLabel(m.label);
            return (
              <li key={m.id} className="payers-item" data-testid="saved-method">
                <div>
                  <strong>{label}</strong>{' '}
                  <span className="muted">
                    <Trans
                      t={t}
                      i18nKey="methodOfPayerSavedAt"
                      values={{
                        provider: PROVIDER_LABELS[m.provider],
                        payer: payerName(m.payerId),
                        date: formatDateTime(m.createdAt),
                      }}
                      components={{ when: <time dateTime={m.createdAt} /> }}
                    />
                  </span>
                </div>
                <span className="badges">
                  <Badge tone={status.tone}>{status.label}</Badge>
                  {m.isDefault && <Badge tone="info">{t('default')}</Badge>}
                </span>
                {canChange && (
                  <span className="button-row">
                    {!m.isDefault && m.status !== 'failed' && (
                      <button
                        type="button"
                        className="button button-sm"
                        disabled={setDefault.isPending}
                        onClick={() => setDefault.mutate(m.id)}
                        aria-label={t('makeTheDefault', { label })}
                      >
                        {t('makeDefault')}
                      </button>
                    )}
                    <button
                      type="button"
                      className="button button-sm button-danger-ghost"
                      onClick={() => setDeleting(m)}
                      aria-label={t('delete', { label })}
                    >
                      {t('delete2')}
                    </button>
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <Dialog
        open={deleting !== null}
        title={t('deleteThisSavedMethod')}
        description={deleting ? t('willNoLongerBe', { label: savedMethodLabel(deleting.label) }) : undefined}
        onClose={() => setDeleting(null)}
      >
        <ConfirmActions
          danger
          backLabel={t('keepIt')}
          confirmLabel={remove.isPending ? t('deleting') : t('deleteMethod')}
          pending={remove.isPending}
          onBack={() => setDeleting(null)}
          onConfirm={() => deleting && remove.mutate(deleting.id, { onSettled: () => setDeleting(null) })}
        />
      </Dialog>
    </div>
  );
}
