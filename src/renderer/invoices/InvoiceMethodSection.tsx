import { useMutation, useQuery, useQueryClient, type UseMutationResult } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import type { InvoiceSeries } from '../../shared/api/invoices';
import { desktop } from '../bridge';
import { FormMessage } from '../components/Field';
import { ErrorState, LoadingState } from '../components/States';
import { call, errorMessage, fieldError } from '../lib/ipc';
import { topUpQueries } from '../top-up/queries';
import { useFocusFieldError } from '../lib/use-focus-field-error';
import { useTranslation } from 'react-i18next';

const settingsKey = ['invoice-settings'] as const;

/**
 * "Invoice (bank transfer)" on Top Up, on the Payment settings page: whether customers are offered
 * it, and the bank details its invoices print (with the invoice number as the transfer's reference).
 */
export function InvoiceMethodSection({ editable }: { editable: boolean }) {
  const { t } = useTranslation('invoices');

  const queryClient = useQueryClient();
  const settings = useQuery({
    queryKey: settingsKey,
    queryFn: () => call(desktop().invoicesSettings({})),
    meta: { tables: [] },
  });
  const save = useMutation({
    mutationFn: (body: { bankDetails: string | null; offerTopUp: boolean }) =>
      call(desktop().invoicesUpdateSettings({ prefix: settings.data!.prefix, ...body })),
    onSuccess: (saved) => {
      queryClient.setQueryData(settingsKey, saved);
      void queryClient.invalidateQueries({ queryKey: topUpQueries.all });
    },
  });

  return (
    <section className="card settings-card" aria-labelledby="invoice-method-title">
      <div className="card-header">
        <h2 id="invoice-method-title" className="section-title">
          {t('invoiceBankTransfer')}
        </h2>
      </div>
      <p className="muted">{t('customersWhoChooseIt')}</p>
      {settings.isPending && <LoadingState label={t('loadingTheInvoiceSettings')} />}
      {settings.isError && (
        <ErrorState
          title={t('couldNotLoadThe')}
          error={settings.error}
          onRetry={() => void settings.refetch()}
        />
      )}
      {settings.data && (
        // Keyed by what is stored: a save's answer starts the form again from it.
        <InvoiceMethodForm
          key={`${settings.data.offerTopUp}:${settings.data.bankDetails ?? ''}`}
          stored={settings.data}
          editable={editable}
          save={save}
        />
      )}
    </section>
  );
}

function InvoiceMethodForm({
  stored,
  editable,
  save,
}: {
  stored: InvoiceSeries;
  editable: boolean;
  save: UseMutationResult<InvoiceSeries, Error, { bankDetails: string | null; offerTopUp: boolean }>;
}) {
  const { t } = useTranslation('invoices');

  const [offer, setOffer] = useState(stored.offerTopUp);
  const [bank, setBank] = useState(stored.bankDetails ?? '');
  const bankId = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ bankDetails: bank.trim() === '' ? null : bank.trim(), offerTopUp: offer });
  };
  const bankError = fieldError(save.error, 'bankDetails');
  // A refused save brings its field into view, with focus on it.
  const formRef = useFocusFieldError(save.error);
  return (
    <form ref={formRef} className="form" onSubmit={submit} noValidate aria-labelledby="invoice-method-title">
      <label className="checkbox">
        <input
          type="checkbox"
          checked={offer}
          disabled={!editable}
          onChange={(event) => setOffer(event.target.checked)}
        />
        {t('offerInvoiceBankTransfer')}
      </label>
      <div className={bankError ? 'field field-invalid' : 'field'}>
        <label htmlFor={bankId}>{t('bankDetails')}</label>
        <textarea
          id={bankId}
          className={editable ? 'input' : 'input input-readonly'}
          rows={3}
          maxLength={1000}
          readOnly={!editable}
          aria-readonly={editable ? undefined : true}
          value={bank}
          onChange={(event) => setBank(event.target.value)}
          aria-invalid={bankError ? true : undefined}
          aria-describedby={bankError ? `${bankId}-message` : undefined}
        />
        {bankError && (
          <p id={`${bankId}-message`} className="field-error">
            {bankError}
          </p>
        )}
      </div>
      {save.isError && !bankError && <FormMessage tone="error">{errorMessage(save.error)}</FormMessage>}
      {save.isSuccess && <FormMessage tone="success">{t('invoiceSettingsSaved')}</FormMessage>}
      {editable && (
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={save.isPending}>
            {save.isPending ? t('saving') : t('saveInvoiceSettings')}
          </button>
        </div>
      )}
    </form>
  );
}
