import { useState, type FormEvent } from 'react';
import type { WebhookEndpointWithSecret, WebhookEventType } from '../../shared/api/webhooks';
import { FormMessage, TextField } from '../components/Field';
import { FormActions } from '../components/FormActions';
import { errorMessage, fieldError, isFieldError } from '../lib/ipc';
import { useFocusFieldError } from '../lib/use-focus-field-error';
import { EVENT_LABELS, EVENT_TYPES } from './event-words';
import { useCreateEndpoint } from './mutations';
import { useTranslation } from 'react-i18next';

/** A new endpoint: its URL, what it is for, and the events it gets. `onCreated` gets the secret, once. */
export function EndpointForm({
  onCreated,
  onCancel,
}: {
  onCreated: (endpoint: WebhookEndpointWithSecret) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('webhooks');

  const create = useCreateEndpoint();
  // A refused save brings its field into view, with focus on it.
  const [refusals, setRefusals] = useState(0);
  const formRef = useFocusFieldError(create.error, refusals);
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [events, setEvents] = useState<WebhookEventType[]>(['wallet.topped_up', 'wallet.payment_made']);
  const [submitted, setSubmitted] = useState(false);

  const errors = {
    url: url.trim() === '' ? t('error.urlMissing') : undefined,
    events: events.length === 0 ? t('error.eventsMissing') : undefined,
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (errors.url || errors.events) {
      setRefusals((count) => count + 1);
      return;
    }
    create.mutate({ url: url.trim(), description: description.trim(), events }, { onSuccess: onCreated });
  };
  const shown = (field: 'url' | 'events') =>
    (submitted ? errors[field] : undefined) ?? fieldError(create.error, field);
  const toggle = (type: WebhookEventType, on: boolean) =>
    setEvents((current) => (on ? [...current, type] : current.filter((event) => event !== type)));

  return (
    <form ref={formRef} className="form" onSubmit={submit} noValidate>
      <TextField
        label={t('endpointUrl')}
        type="url"
        autoComplete="off"
        placeholder={t('httpsExampleComWebhooks')}
        value={url}
        onChange={(event) => setUrl(event.target.value)}
        error={shown('url')}
        hint={t('httpsOnlyEventsAre')}
      />
      <TextField
        label={t('descriptionOptional')}
        value={description}
        onChange={(event) => setDescription(event.target.value)}
        error={fieldError(create.error, 'description')}
      />
      <fieldset className="webhook-events" aria-describedby="webhook-events-message">
        <legend>{t('events')}</legend>
        {EVENT_TYPES.map((type) => (
          <label key={type} className="webhook-event-option">
            <input
              type="checkbox"
              checked={events.includes(type)}
              onChange={(event) => toggle(type, event.target.checked)}
            />
            <code>{type}</code> <span className="field-hint">{EVENT_LABELS[type]}</span>
          </label>
        ))}
        {shown('events') && (
          <p id="webhook-events-message" className="field-error">
            {shown('events')}
          </p>
        )}
      </fieldset>
      {create.isError && !isFieldError(create.error, ['url', 'events', 'description']) && (
        <FormMessage tone="error">{t('couldNotAddThe', { value: errorMessage(create.error) })}</FormMessage>
      )}
      <FormActions
        onCancel={onCancel}
        pending={create.isPending}
        submitLabel={t('addEndpoint')}
        pendingLabel={t('adding')}
      />
    </form>
  );
}
