import type { SessionManager } from '../session/session-manager.js';
import type { Handlers } from './handle.js';
import { ADMIN, clientAs, online } from './online.js';

type WebhookChannels =
  | 'webhooks:list'
  | 'webhooks:create'
  | 'webhooks:update'
  | 'webhooks:delete'
  | 'webhooks:rotate-secret'
  | 'webhooks:deliveries'
  | 'webhooks:redeliver'
  | 'webhooks:test';

/**
 * Outgoing webhook endpoints, for reseller admins: straight to the billing API (an admin setting,
 * nothing cached or queued; a signing secret must never wait in an outbox on disk). The secret of
 * create and rotate passes through in memory only.
 */
export function createWebhookHandlers(d: { session: SessionManager }): Pick<Handlers, WebhookChannels> {
  const admin = () => clientAs(d.session, ADMIN, 'manage webhooks');
  return {
    'webhooks:list': async () => {
      const client = admin();
      return (await online('Listing webhook endpoints', () => client.webhookEndpoints())).items;
    },
    'webhooks:create': (body) => {
      const client = admin();
      return online('Adding a webhook endpoint', () => client.createWebhookEndpoint(body));
    },
    'webhooks:update': ({ endpointId, ...patch }) => {
      const client = admin();
      return online('Changing a webhook endpoint', () => client.updateWebhookEndpoint(endpointId, patch));
    },
    'webhooks:delete': async ({ endpointId }) => {
      const client = admin();
      await online('Deleting a webhook endpoint', () => client.deleteWebhookEndpoint(endpointId));
      return { deleted: true as const };
    },
    'webhooks:rotate-secret': ({ endpointId }) => {
      const client = admin();
      return online('Rotating a signing secret', () => client.rotateWebhookSecret(endpointId));
    },
    'webhooks:deliveries': ({ endpointId, status, eventType, limit }) => {
      const client = admin();
      return online('Reading the delivery log', () =>
        client.webhookDeliveries(endpointId, { status, eventType, limit }),
      );
    },
    'webhooks:redeliver': ({ deliveryId }) => {
      const client = admin();
      return online('Sending an event again', () => client.redeliverWebhook(deliveryId));
    },
    'webhooks:test': ({ endpointId }) => {
      const client = admin();
      return online('Sending a test event', () => client.sendTestWebhook(endpointId));
    },
  };
}
