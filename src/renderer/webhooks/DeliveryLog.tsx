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
import { useTranslation } from 'react-i18next';

const STATUS_TONE: Record<WebhookDeliveryStatus, BadgeTone> = {
  pending: 'pending',
  delivered: 'success',
  failed: 'danger',
};

/** An endpoint's deliveries, newest first, with every attempt; filters by status and event. */
export function DeliveryLog({ endpoint }: { endpoint: WebhookEndpoint }) {
  const { t } = useTranslation('webhooks');

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
    <section
      className="section card webhook-deliveries"
      aria-label={t('deliveriesTo', { url: endpoint.url })}
    >
      <div className="webhook-deliveries-head">
        <h2>{t('deliveriesTo', { url: endpoint.url })}</h2>
        <div className="webhook-filters">
          <SelectField
            label={t('status')}
            inline
            value={status}
            onChange={(event) => setStatus(event.target.value as WebhookDeliveryStatus | '')}
          >
            <option value="">{t('any')}</option>
            <option value="pending">{t('pending')}</option>
            <option value="delivered">{t('delivered')}</option>
            <option value="failed">{t('failed')}</option>
          </SelectField>
          <SelectField
            label={t('event')}
            inline
            value={eventType}
            onChange={(event) => setEventType(event.target.value)}
          >
            <option value="">{t('any')}</option>
            {[...EVENT_TYPES, 'webhook.test'].map((type) => (
              <option key={type} value={type}>
                {type}
              </option>
            ))}
          </SelectField>
          <button type="button" className="button button-sm" onClick={() => void deliveries.refetch()}>
            {t('refresh')}
          </button>
        </div>
      </div>
      {redeliver.isError && (
        <FormMessage tone="error">
          {t('couldNotSendIt', { value: errorMessage(redeliver.error) })}
        </FormMessage>
      )}
      {deliveries.isPending ? (
        <LoadingState label={t('loadingDeliveries')} />
      ) : deliveries.isError ? (
        <ErrorState
          title={t('couldNotLoadThe')}
          error={deliveries.error}
          onRetry={() => void deliveries.refetch()}
        />
      ) : deliveries.data.items.length === 0 ? (
        <EmptyState title={t('noDeliveries')}>
          {status || eventType ? t('noneMatchesTheseFilters') : t('eventsSentToThis')}
        </EmptyState>
      ) : (
        <table className="data-table webhook-table" aria-label={t('deliveries')}>
          <thead>
            <tr>
              <th scope="col">{t('event')}</th>
              <th scope="col">{t('status')}</th>
              <th scope="col">{t('attempts')}</th>
              <th scope="col">{t('lastAnswer')}</th>
              <th scope="col">{t('created')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('actions')}</span>
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
  const { t } = useTranslation('webhooks');

  const last = d.attempts[d.attempts.length - 1];
  return (
    <tr data-testid="webhook-delivery">
      <td>
        <code>{d.eventType}</code>
        <details>
          <summary>{t('attemptsAndPayload')}</summary>
          <ol className="webhook-attempts">
            {d.attempts.map((a) => (
              <li key={a.id}>
                {formatDateTime(a.attemptedAt)} — {a.ok ? t('ok') : t('failed2')}
                {a.status !== null ? ` (${a.status})` : ''}, {a.durationMs} {t('ms')}
                {a.error ? ` — ${a.error}` : ''}
                {a.responseExcerpt ? <pre>{a.responseExcerpt}</pre> : null}
              </li>
            ))}
          </ol>
          <pre>{JSON.stringify(d.payload, null, 2)}</pre>
        </details>
      </td>
      <td>
        <Badge tone={STATUS_TONE[d.status]}>{t(d.status)}</Badge>
        {d.status === 'pending' && d.nextAttemptAt && d.attemptCount > 0 && (
          <div className="field-hint">{t('nextTry', { date: formatDateTime(d.nextAttemptAt) })}</div>
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
          aria-label={
            redelivering
              ? t('sendingEvent', { eventType: d.eventType })
              : t('sendAgain', { eventType: d.eventType })
          }
        >
          {redelivering ? t('sending') : t('redeliver')}
        </button>
      </td>
    </tr>
  );
}
