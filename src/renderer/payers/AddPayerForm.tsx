import { useState, type FormEvent } from 'react';
import { FormMessage, TextField } from '../components/Field';
import { errorMessage, fieldError, isFieldError } from '../lib/ipc';
import { useCreatePayer } from './mutations';
import { useTranslation } from 'react-i18next';

export function AddPayerForm({ customerId, onDone }: { customerId: string; onDone: () => void }) {
  const { t } = useTranslation('payers');

  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [isDefault, setIsDefault] = useState(false);
  const create = useCreatePayer();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      {
        customerId,
        name,
        ...(email.trim() ? { email: email.trim() } : {}),
        ...(isDefault ? { isDefault } : {}),
      },
      { onSuccess: onDone },
    );
  };

  return (
    <form className="form" onSubmit={submit} noValidate aria-label={t('addAPayer')}>
      <TextField
        label={t('payerName')}
        value={name}
        required
        maxLength={200}
        onChange={(event) => setName(event.target.value)}
        error={fieldError(create.error, 'name')}
      />
      <TextField
        label={t('payerEmailOptional')}
        type="email"
        value={email}
        maxLength={320}
        onChange={(event) => setEmail(event.target.value)}
        error={fieldError(create.error, 'email')}
      />
      <label className="checkbox">
        <input type="checkbox" checked={isDefault} onChange={(event) => setIsDefault(event.target.checked)} />
        {t('makeThisTheDefault')}
      </label>
      {create.isError && !isFieldError(create.error, ['name', 'email']) && (
        <FormMessage tone="error">{errorMessage(create.error)}</FormMessage>
      )}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          {create.isPending ? t('adding') : t('addPayer')}
        </button>
      </div>
    </form>
  );
}
