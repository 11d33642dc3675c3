import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { WebhookEndpoint, WebhookEndpointWithSecret } from '../../shared/api/webhooks';
import { Badge } from '../components/Badge';
import { Dialog } from '../components/Dialog';
import { FormMessage } from '../components/Field';
import { Icon } from '../components/Icon';
import { PageHeader } from '../components/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../components/States';
import { errorMessage } from '../lib/ipc';
import { DeliveryLog } from './DeliveryLog';
import { EndpointForm } from './EndpointForm';
import { useDeleteEndpoint, useRotateSecret, useSendTest, useUpdateEndpoint } from './mutations';
import { OneTimeSecret } from './OneTimeSecret';
import { webhookQueries } from './queries';
import './webhooks.css';

/**
 * Outgoing webhooks, for reseller admins: where events go, which ones, the signing secret shown
 * once, and each endpoint's delivery log with redelivery and a test event.
 */
export function WebhooksPage() {
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
        title="Webhooks"
        subtitle="Signed events for your own systems, retried for about three days."
        actions={
          <button type="button" className="button button-primary" onClick={() => setAdding(true)}>
            <Icon name="plus" size={16} />
            Add endpoint
          </button>
        }
      />
      <Dialog open={adding} title="Add endpoint" onClose={() => setAdding(false)}>
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
      <Dialog open={secret !== null} title="Signing secret" onClose={() => setSecret(null)}>
        {secret && (
          <div className="form">
            <OneTimeSecret url={secret.url} secret={secret.secret} />
            <div className="form-actions">
              <button type="button" className="button button-primary" onClick={() => setSecret(null)}>
                Done
              </button>
            </div>
          </div>
        )}
      </Dialog>
      {failure?.error && <FormMessage tone="error">{errorMessage(failure.error)}</FormMessage>}
      {test.isSuccess && (
        <FormMessage tone="success">Test event queued; it shows in the delivery log.</FormMessage>
      )}
      <section className="section card" aria-label="Endpoints">
        {endpoints.isPending ? (
          <LoadingState label="Loading endpoints…" />
        ) : endpoints.isError ? (
          <ErrorState
            title="Could not load the endpoints"
            error={endpoints.error}
            onRetry={() => void endpoints.refetch()}
          />
        ) : endpoints.data.length === 0 ? (
          <EmptyState title="No endpoints yet">Add one to have events sent to your systems.</EmptyState>
        ) : (
          <table className="webhook-table" aria-label="Endpoints">
            <thead>
              <tr>
                <th scope="col">URL</th>
                <th scope="col">Events</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
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
      <Dialog open={deleting !== null} title="Delete this endpoint?" onClose={() => setDeleting(null)}>
        {deleting && (
          <div className="form">
            <p>
              <strong>{deleting.url}</strong> gets no more events, and its pending deliveries are dropped. Its
              delivery log is kept.
            </p>
            <div className="form-actions">
              <button type="button" className="button button-ghost" onClick={() => setDeleting(null)}>
                Keep it
              </button>
              <button
                type="button"
                className="button button-primary"
                disabled={remove.isPending}
                onClick={() =>
                  remove.mutate({ endpointId: deleting.id }, { onSettled: () => setDeleting(null) })
                }
              >
                {remove.isPending ? 'Deleting…' : `Delete ${deleting.url}`}
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
        <Badge tone={e.status === 'enabled' ? 'success' : 'warning'}>{e.status}</Badge>
        {e.disabledReason && <div className="field-hint">{e.disabledReason}</div>}
      </td>
      <td className="webhook-actions">
        <button
          type="button"
          className="button button-sm"
          onClick={onShowDeliveries}
          aria-label={`Deliveries to ${e.url}`}
        >
          Deliveries
        </button>
        <button
          type="button"
          className="button button-sm"
          onClick={onTest}
          disabled={e.status !== 'enabled'}
          aria-label={`Send a test event to ${e.url}`}
        >
          Send test
        </button>
        <button
          type="button"
          className="button button-sm"
          onClick={onToggle}
          aria-label={`${e.status === 'enabled' ? 'Disable' : 'Enable'} ${e.url}`}
        >
          {e.status === 'enabled' ? 'Disable' : 'Enable'}
        </button>
        <button
          type="button"
          className="button button-sm"
          onClick={onRotate}
          aria-label={`Rotate the secret of ${e.url}`}
        >
          Rotate secret
        </button>
        <button
          type="button"
          className="button button-sm button-ghost"
          onClick={onDelete}
          aria-label={`Delete ${e.url}`}
        >
          Delete
        </button>
      </td>
    </tr>
  );
}
