import { useState, type FormEvent } from 'react';
import type { Language, OutboxItem } from '../../shared/ipc-contract';
import { FormMessage, SelectField, TextField } from '../components/Field';
import { errorMessage, fieldError, isFieldError } from '../lib/ipc';
import { useFocusFieldError } from '../lib/use-focus-field-error';
import { EmailLanguageOptions } from './EmailLanguageOptions';
import { useCreateCustomer } from './mutations';
import { FormActions } from '../components/FormActions';
import { useTranslation } from 'react-i18next';

/** Something@something.tld: near enough to what the API accepts to say so before queuing. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A new customer: queued at once (it works offline) and confirmed by the server later. */
export function CreateCustomerForm({
  onDone,
  onCancel,
}: {
  onDone: (item: OutboxItem) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('customers');

  const create = useCreateCustomer();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [externalRef, setExternalRef] = useState('');
  const [language, setLanguage] = useState<Language | ''>('');
  const [submitted, setSubmitted] = useState(false);
  const [refusals, setRefusals] = useState(0);
  const formRef = useFocusFieldError(create.error, refusals);
  const nameMissing = submitted && name.trim() === '';
  const emailMissing = submitted && email.trim() === '';
  // Checked here, in the console's words: main's own check of the address answers in English.
  const emailInvalid = submitted && !emailMissing && !EMAIL.test(email.trim());

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (name.trim() === '' || !EMAIL.test(email.trim())) {
      setRefusals((count) => count + 1);
      return;
    }
    create.mutate(
      {
        name: name.trim(),
        email: email.trim(),
        ...(externalRef.trim() ? { externalRef: externalRef.trim() } : {}),
        ...(language ? { language } : {}),
      },
      { onSuccess: onDone },
    );
  };

  return (
    <form ref={formRef} className="form" onSubmit={submit} noValidate>
      <TextField
        label={t('name')}
        autoComplete="off"
        value={name}
        maxLength={200}
        onChange={(event) => setName(event.target.value)}
        error={nameMissing ? t('error.nameMissing') : fieldError(create.error, 'name')}
      />
      <TextField
        label={t('email')}
        type="email"
        autoComplete="off"
        value={email}
        maxLength={254}
        onChange={(event) => setEmail(event.target.value)}
        error={
          emailMissing
            ? t('error.emailMissing')
            : emailInvalid
              ? t('error.emailInvalid')
              : fieldError(create.error, 'email')
        }
      />
      <TextField
        label={t('referenceOptional')}
        autoComplete="off"
        value={externalRef}
        maxLength={100}
        onChange={(event) => setExternalRef(event.target.value)}
        error={fieldError(create.error, 'externalRef')}
        hint={t('yourOwnIdFor')}
      />
      <SelectField
        label={t('emailLanguageLabel')}
        value={language}
        onChange={(event) => setLanguage(event.target.value as Language | '')}
        error={fieldError(create.error, 'language')}
        hint={t('emailLanguageHint')}
      >
        <EmailLanguageOptions />
      </SelectField>
      {create.isError && !isFieldError(create.error, ['name', 'email', 'externalRef', 'language']) && (
        <FormMessage tone="error">
          {t('couldNotQueueThe2', { value: errorMessage(create.error) })}
        </FormMessage>
      )}
      <FormActions
        onCancel={onCancel}
        pending={create.isPending}
        submitLabel={t('createCustomer')}
        pendingLabel={t('queuing')}
      />
    </form>
  );
}
