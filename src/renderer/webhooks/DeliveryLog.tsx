import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { WebhookDelivery, WebhookDeliveryStatus, WebhookEndpoint } from '../../shared/api/webhooks';
import { Badge, type BadgeTone } from '../components/Badge';
import { FormMessage, SelectField } from '../components/Field';
import { EmptyState, ErrorState, LoadingState } from '../components/States';
import { formatDateTime } from '../lib/format';
import { errorMessage } from '../lib/ipc';
import { EVENT_TYPES } from './event-words';
import { useRedeliver } from './mutations';
import { webhookQueries } from './queries';

const STATUS_TONE: Record<WebhookDeliveryStatus, BadgeTone> = {
  pending: 'pending',
  delivered: 'success',
  failed: 'danger',
};

/** An endpoint's deliveries, newest first, with every attempt; filters by status and event. */
export function DeliveryLog({ endpoint }: { endpoint: WebhookEndpoint }) {
  const [status, setStatus] = useState<WebhookDeliveryStatus | ''>('');
  const [eventType, setEventType] = useState('');
  const deliveries = useQuery(
    webhookQueries.deliveries(endpoint.id, {
      ...(status ? { status } : {}),
      ...(eventType ? { eventType } : {}),
    }),
  );
  const redeliver = useRedeliver();

  return (
    <section className="section card webhook-deliveries" aria-label={`Deliveries to ${endpoint.url}`}>
      <div className="webhook-deliveries-head">
        <h2>Deliveries to {endpoint.url}</h2>
        <div className="webhook-filters">
          <SelectField
            label="Status"
            inline
            value={status}
            onChange={(event) => setStatus(event.target.value as WebhookDeliveryStatus | '')}
          >
            <option value="">Any</option>
            <option value="pending">Pending</option>
            <option value="delivered">Delivered</option>
            <option value="failed">Failed</option>
          </SelectField>
          <SelectField
            label="Event"
            inline
            value={eventType}
            onChange={(event) => setEventType(event.target.value)}
          >
            <option value="">Any</option>
            {[...EVENT_TYPES, 'webhook.test'].map((type) => (
              <option key={type} value={type}>
                {type}
              </option>
            ))}
          </SelectField>
          <button type="button" className="button button-sm" onClick={() => void deliveries.refetch()}>
            Refresh
          </button>
        </div>
      </div>
      {redeliver.isError && (
        <FormMessage tone="error">Could not send it again: {errorMessage(redeliver.error)}</FormMessage>
      )}
      {deliveries.isPending ? (
        <LoadingState label="Loading deliveries…" />
      ) : deliveries.isError ? (
        <ErrorState
          title="Could not load the deliveries"
          error={deliveries.error}
          onRetry={() => void deliveries.refetch()}
        />
      ) : deliveries.data.items.length === 0 ? (
        <EmptyState title="No deliveries">
          {status || eventType ? 'None matches these filters.' : 'Events sent to this endpoint show here.'}
        </EmptyState>
      ) : (
        <table className="webhook-table" aria-label="Deliveries">
          <thead>
            <tr>
              <th scope="col">Event</th>
              <th scope="col">Status</th>
              <th scope="col">Attempts</th>
              <th scope="col">Last answer</th>
              <th scope="col">Created</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {deliveries.data.items.map((d) => (
              <DeliveryRow
                key={d.id}
                delivery={d}
                onRedeliver={() => redeliver.mutate({ deliveryId: d.id })}
                redelivering={redeliver.isPending && redeliver.variables?.deliveryId === d.id}
              />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function DeliveryRow({
  delivery: d,
  onRedeliver,
  redelivering,
}: {
  delivery: WebhookDelivery;
  onRedeliver: () => void;
  redelivering: boolean;
}) {
  const last = d.attempts[d.attempts.length - 1];
  return (
    <tr data-testid="webhook-delivery">
      <td>
        <code>{d.eventType}</code>
        <details>
          <summary>Attempts and payload</summary>
          <ol className="webhook-attempts">
            {d.attempts.map((a) => (
              <li key={a.id}>
                {formatDateTime(a.attemptedAt)} — {a.ok ? 'OK' : 'failed'}
                {a.status !== null ? ` (${a.status})` : ''}, {a.durationMs} ms
                {a.error ? ` — ${a.error}` : ''}
                {a.responseExcerpt ? <pre>{a.responseExcerpt}</pre> : null}
              </li>
            ))}
          </ol>
          <pre>{JSON.stringify(d.payload, null, 2)}</pre>
        </details>
      </td>
      <td>
        <Badge tone={STATUS_TONE[d.status]}>{d.status}</Badge>
        {d.status === 'pending' && d.nextAttemptAt && d.attemptCount > 0 && (
          <div className="field-hint">next try {formatDateTime(d.nextAttemptAt)}</div>
        )}
      </td>
      <td>{d.attemptCount}</td>
      <td>{last ? (last.status ?? last.error ?? '—') : '—'}</td>
      <td>{formatDateTime(d.createdAt)}</td>
      <td>
        <button
          type="button"
          className="button button-sm"
          onClick={onRedeliver}
          disabled={redelivering}
          aria-label={`Send ${d.eventType} again`}
        >
          {redelivering ? 'Sending…' : 'Redeliver'}
        </button>
      </td>
    </tr>
  );
}
