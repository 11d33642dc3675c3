import { useState, type FormEvent } from 'react';
import type { PaymentProviderId } from '../../shared/api/payments';
import type { Currency } from '../../shared/money';
import { Badge } from '../components/Badge';
import { FormMessage, SelectField, TextField } from '../components/Field';
import { errorMessage } from '../lib/ipc';
import { PROVIDER_LABELS } from '../payments/payment-labels';
import { useFocusFieldError } from '../lib/use-focus-field-error';
import {
  buildCredentials,
  credentialFields,
  optionLabel,
  shownFields,
  type CredentialValues,
} from './credential-fields';
import { errorUnder } from './field-errors';
import { useSetGatewayCredentials } from './mutations';
import { useTranslation } from 'react-i18next';

/**
 * A gateway's credentials, write-only: the console never receives a stored value, so the form
 * starts empty, says only whether something is configured, and is emptied again once saved.
 */
export function CredentialsForm({
  provider,
  configured,
  currencies,
  editable,
}: {
  provider: PaymentProviderId;
  configured: boolean;
  currencies: readonly Currency[];
  editable: boolean;
}) {
  const { t } = useTranslation('payment-settings');

  const fields = credentialFields(provider, currencies);
  const [values, setValues] = useState<CredentialValues>({});
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const save = useSetGatewayCredentials();
  // A refused save brings its field into view, with focus on it.
  const formRef = useFocusFieldError(save.error);
  const name = PROVIDER_LABELS[provider];
  const apiError = errorUnder(save.error, 'credentials.');
  // A refusal about the document as a whole (e.g. "at least one key") has no field to sit beside.
  const besideField = apiError !== null && fields.some((field) => field.key === apiError.key);
  const errorFor = (key: string) =>
    localErrors[key] ?? (apiError?.key === key ? apiError.message : undefined);
  const titleId = `credentials-${provider}-title`;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const built = buildCredentials(fields, values);
    if (!built.ok) {
      setLocalErrors(built.errors);
      return;
    }
    setLocalErrors({});
    save.mutate(
      { provider, credentials: built.credentials },
      // Secrets do not linger in the form (or in React state) once the server has them.
      { onSuccess: () => setValues({}) },
    );
  };

  return (
    <form ref={formRef} className="card settings-card" onSubmit={submit} noValidate aria-labelledby={titleId}>
      <div className="card-header">
        <h3 id={titleId} className="section-title">
          {t('gatewayCredentials', { name })}
        </h3>
        <Badge tone={configured ? 'success' : 'neutral'}>
          {configured ? t('configured') : t('notConfigured')}
        </Badge>
      </div>
      {editable ? (
        <>
          <p className="muted">{configured ? t('storedValuesAreNever') : t('storedEncryptedOnThe')}</p>
          <div className="settings-credentials">
            {shownFields(fields, values).map((field) => {
              // Named within the form ("Stripe gateway credentials"), so the label needs no provider name.
              const label = field.optional ? t('optionalField', { label: field.label }) : field.label;
              const value = values[field.key];
              if (field.kind === 'checkbox')
                return (
                  <label key={field.key} className="checkbox">
                    <input
                      type="checkbox"
                      checked={value === true}
                      onChange={(event) => setValues({ ...values, [field.key]: event.target.checked })}
                    />
                    {label}
                  </label>
                );
              if (field.kind === 'select')
                return (
                  <SelectField
                    key={field.key}
                    label={label}
                    value={typeof value === 'string' ? value : ''}
                    onChange={(event) => setValues({ ...values, [field.key]: event.target.value })}
                    error={errorFor(field.key)}
                  >
                    {field.options?.map((option) => (
                      <option key={option} value={option}>
                        {optionLabel(field, option)}
                      </option>
                    ))}
                  </SelectField>
                );
              return (
                <TextField
                  key={field.key}
                  label={label}
                  type={field.kind === 'secret' ? 'password' : 'text'}
                  inputMode={field.kind === 'integer' ? 'numeric' : undefined}
                  autoComplete="off"
                  spellCheck={false}
                  value={typeof value === 'string' ? value : ''}
                  onChange={(event) => setValues({ ...values, [field.key]: event.target.value })}
                  error={errorFor(field.key)}
                  hint={field.hint}
                />
              );
            })}
          </div>
          {save.isError && !besideField && <FormMessage tone="error">{errorMessage(save.error)}</FormMessage>}
          {save.isSuccess && <FormMessage tone="success">{t('credentialsSaved', { name })}</FormMessage>}
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={save.isPending}>
              {save.isPending ? t('saving') : t('saveCredentials', { name })}
            </button>
          </div>
        </>
      ) : (
        <p className="muted">{t('onlyAResellerAdmin')}</p>
      )}
    </form>
  );
}
