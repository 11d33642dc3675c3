import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { WebhookEndpoint, WebhookEndpointWithSecret } from '../../shared/api/webhooks';
import { Badge } from '../components/Badge';
import { Dialog } from '../components/Dialog';
import { FormMessage } from '../components/Field';
import { PageHeader } from '../components/PageHeader';
import { AddButton } from '../components/AddButton';
import { ShownOnce } from '../components/ShownOnce';
import { EmptyState, ErrorState, LoadingState } from '../components/States';
import { errorMessage } from '../lib/ipc';
import { DeliveryLog } from './DeliveryLog';
import { EndpointForm } from './EndpointForm';
import { useDeleteEndpoint, useRotateSecret, useSendTest, useUpdateEndpoint } from './mutations';
import { OneTimeSecret } from './OneTimeSecret';
import { webhookQueries } from './queries';
import './webhooks.css';
import { Trans, useTranslation } from 'react-i18next';

/**
 * Outgoing webhooks, for reseller admins: where events go, which ones, the signing secret shown
 * once, and each endpoint's delivery log with redelivery and a test event.
 */
export function WebhooksPage() {
  const { t } = useTranslation('webhooks');

  const endpoints = useQuery(webhookQueries.endpoints());
  const [adding, setAdding] = useState(false);
  // A secret the API answered with, held only while this dialog shows it.
  const [secret, setSecret] = useState<{ url: string; secret: string } | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  // The endpoint whose deletion waits for a confirmation.
  const [deleting, setDeleting] = useState<WebhookEndpoint | null>(null);
  const update = useUpdateEndpoint();
  const remove = useDeleteEndpoint();
  const rotate = useRotateSecret();
  const test = useSendTest();
  const failure = [update, remove, rotate, test].find((m) => m.isError);
  const showSecret = (e: WebhookEndpointWithSecret) => setSecret({ url: e.url, secret: e.secret });
  const current = endpoints.data?.find((e) => e.id === selected) ?? endpoints.data?.[0];

  return (
    <div className="page">
      <PageHeader
        title={t('webhooks')}
        subtitle={t('signedEventsForYour')}
        actions={<AddButton label={t('addEndpoint')} onClick={() => setAdding(true)} />}
      />
      <Dialog open={adding} title={t('addEndpoint')} onClose={() => setAdding(false)}>
        {adding && (
          <EndpointForm
            onCancel={() => setAdding(false)}
            onCreated={(endpoint) => {
              setAdding(false);
              setSelected(endpoint.id);
              showSecret(endpoint);
            }}
          />
        )}
      </Dialog>
      <Dialog open={secret !== null} title={t('signingSecret')} onClose={() => setSecret(null)}>
        {secret && (
          <ShownOnce onDone={() => setSecret(null)}>
            <OneTimeSecret url={secret.url} secret={secret.secret} />
          </ShownOnce>
        )}
      </Dialog>
      {failure?.error && <FormMessage tone="error">{errorMessage(failure.error)}</FormMessage>}
      {test.isSuccess && <FormMessage tone="success">{t('testEventQueuedIt')}</FormMessage>}
      <section className="section card" aria-label={t('endpoints')}>
        {endpoints.isPending ? (
          <LoadingState label={t('loadingEndpoints')} />
        ) : endpoints.isError ? (
          <ErrorState
            title={t('couldNotLoadThe2')}
            error={endpoints.error}
            onRetry={() => void endpoints.refetch()}
          />
        ) : endpoints.data.length === 0 ? (
          <EmptyState title={t('noEndpointsYet')}>{t('addOneToHave')}</EmptyState>
        ) : (
          <table className="data-table webhook-table" aria-label={t('endpoints')}>
            <thead>
              <tr>
                <th scope="col">URL</th>
                <th scope="col">{t('events')}</th>
                <th scope="col">{t('status')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {endpoints.data.map((e) => (
                <EndpointRow
                  key={e.id}
                  endpoint={e}
                  selected={current?.id === e.id}
                  onShowDeliveries={() => setSelected(e.id)}
                  onTest={() => test.mutate({ endpointId: e.id }, { onSuccess: () => setSelected(e.id) })}
                  onToggle={() => update.mutate({ endpointId: e.id, enabled: e.status !== 'enabled' })}
                  onRotate={() => rotate.mutate({ endpointId: e.id }, { onSuccess: showSecret })}
                  onDelete={() => setDeleting(e)}
                />
              ))}
            </tbody>
          </table>
        )}
      </section>
      <Dialog open={deleting !== null} title={t('deleteThisEndpoint')} onClose={() => setDeleting(null)}>
        {deleting && (
          <div className="form">
            <p>
              <Trans
                t={t}
                i18nKey="endpointGetsNoMoreEvents"
                values={{ url: deleting.url }}
                components={{ strong: <strong /> }}
              />
            </p>
            <div className="form-actions">
              <button type="button" className="button button-ghost" onClick={() => setDeleting(null)}>
                {t('keepIt')}
              </button>
              <button
                type="button"
                className="button button-primary"
                disabled={remove.isPending}
                onClick={() =>
                  remove.mutate({ endpointId: deleting.id }, { onSettled: () => setDeleting(null) })
                }
              >
                {remove.isPending ? t('deleting') : t('delete', { url: deleting.url })}
              </button>
            </div>
          </div>
        )}
      </Dialog>
      {current && <DeliveryLog endpoint={current} />}
    </div>
  );
}

function EndpointRow({
  endpoint: e,
  selected,
  onShowDeliveries,
  onTest,
  onToggle,
  onRotate,
  onDelete,
}: {
  endpoint: WebhookEndpoint;
  selected: boolean;
  onShowDeliveries: () => void;
  onTest: () => void;
  onToggle: () => void;
  onRotate: () => void;
  onDelete: () => void;
}) {
  const { t } = useTranslation('webhooks');

  return (
    <tr aria-selected={selected} data-testid="webhook-endpoint">
      <td>
        <div className="webhook-url">{e.url}</div>
        {e.description && <div className="field-hint">{e.description}</div>}
      </td>
      <td>
        {e.events.map((type) => (
          <code key={type} className="webhook-event-tag">
            {type}
          </code>
        ))}
      </td>
      <td>
        <Badge tone={e.status === 'enabled' ? 'success' : 'warning'}>
          {e.status === 'enabled' ? t('endpointEnabled') : t('endpointDisabled')}
        </Badge>
        {e.disabledReason && <div className="field-hint">{e.disabledReason}</div>}
      </td>
      <td className="webhook-actions">
        <button
          type="button"
          className="button button-sm"
          onClick={onShowDeliveries}
          aria-label={t('deliveriesTo', { url: e.url })}
        >
          {t('deliveries')}
        </button>
        <button
          type="button"
          className="button button-sm"
          onClick={onTest}
          disabled={e.status !== 'enabled'}
          aria-label={t('sendATestEvent', { url: e.url })}
        >
          {t('sendTest')}
        </button>
        <button
          type="button"
          className="button button-sm"
          onClick={onToggle}
          aria-label={
            e.status === 'enabled'
              ? t('disableEndpoint', { url: e.url })
              : t('enableEndpoint', { url: e.url })
          }
        >
          {e.status === 'enabled' ? t('disable') : t('enable')}
        </button>
        <button
          type="button"
          className="button button-sm"
          onClick={onRotate}
          aria-label={t('rotateTheSecretOf', { url: e.url })}
        >
          {t('rotateSecret')}
        </button>
        <button
          type="button"
          className="button button-sm button-ghost"
          onClick={onDelete}
          aria-label={t('delete', { url: e.url })}
        >
          {t('delete2')}
        </button>
      </td>
    </tr>
  );
}
