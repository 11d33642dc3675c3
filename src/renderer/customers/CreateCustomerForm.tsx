import { useState, type FormEvent } from 'react';
import type { OutboxItem } from '../../shared/ipc-contract';
import { FormMessage, TextField } from '../components/Field';
import { errorMessage, fieldError, isFieldError } from '../lib/ipc';
import { useCreateCustomer } from './mutations';
import { FormActions } from '../components/FormActions';

/** A new customer: queued at once (it works offline) and confirmed by the server later. */
export function CreateCustomerForm({
  onDone,
  onCancel,
}: {
  onDone: (item: OutboxItem) => void;
  onCancel: () => void;
}) {
  const create = useCreateCustomer();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [externalRef, setExternalRef] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const nameMissing = submitted && name.trim() === '';
  const emailMissing = submitted && email.trim() === '';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (name.trim() === '' || email.trim() === '') return;
    create.mutate(
      {
        name: name.trim(),
        email: email.trim(),
        ...(externalRef.trim() ? { externalRef: externalRef.trim() } : {}),
      },
      { onSuccess: onDone },
    );
  };

  return (
    <form className="form" onSubmit={submit} noValidate>
      <TextField
        label="Name"
        autoComplete="off"
        value={name}
        maxLength={200}
        onChange={(event) => setName(event.target.value)}
        error={nameMissing ? 'Enter the customer’s name.' : fieldError(create.error, 'name')}
      />
      <TextField
        label="Email"
        type="email"
        autoComplete="off"
        value={email}
        maxLength={254}
        onChange={(event) => setEmail(event.target.value)}
        error={emailMissing ? 'Enter an email address.' : fieldError(create.error, 'email')}
      />
      <TextField
        label="Reference (optional)"
        autoComplete="off"
        value={externalRef}
        maxLength={100}
        onChange={(event) => setExternalRef(event.target.value)}
        error={fieldError(create.error, 'externalRef')}
        hint="Your own id for this customer, e.g. from your CRM."
      />
      {create.isError && !isFieldError(create.error, ['name', 'email', 'externalRef']) && (
        <FormMessage tone="error">Could not queue the customer: {errorMessage(create.error)}</FormMessage>
      )}
      <FormActions
        onCancel={onCancel}
        pending={create.isPending}
        submitLabel="Create customer"
        pendingLabel="Queuing…"
      />
    </form>
  );
}
