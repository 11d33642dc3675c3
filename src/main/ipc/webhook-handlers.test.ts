import { describe, expect, it } from 'vitest';
import type { WebhookEndpoint } from '../../shared/api/webhooks.js';
import type { Session } from '../../shared/ipc-contract.js';
import { ApiError, NetworkError, type ApiClient } from '../api/client.js';
import type { SessionManager } from '../session/session-manager.js';
import { createDispatcher, type Handlers } from './handle.js';
import { createWebhookHandlers } from './webhook-handlers.js';

const ENDPOINT: WebhookEndpoint = {
  id: 'whe_1',
  url: 'https://hooks.example.com/billing',
  description: '',
  events: ['wallet.topped_up'],
  status: 'enabled',
  disabledReason: null,
  failureStreak: 0,
  lastSuccessAt: null,
  createdAt: '2030-01-01T00:00:00.000Z',
  updatedAt: '2030-01-01T00:00:00.000Z',
};
const DELIVERY = {
  id: 'whd_1',
  endpointId: 'whe_1',
  eventId: 'msg_1',
  eventType: 'webhook.test',
  status: 'pending' as const,
  attemptCount: 0,
  nextAttemptAt: '2030-01-01T00:00:00.000Z',
  lastStatus: null,
  lastError: null,
  deliveredAt: null,
  createdAt: '2030-01-01T00:00:00.000Z',
  payload: { type: 'webhook.test', timestamp: '2030-01-01T00:00:00.000Z', data: {} },
  attempts: [],
};

/** The webhook handlers behind a dispatcher that trusts only 'main-window', over a recording fake API. */
function world(role: Session['role'], client: Partial<ApiClient>) {
  const calls: Array<[string, unknown[]]> = [];
  const recording = new Proxy(client, {
    get: (target, name: string) => {
      const fn = (target as Record<string, unknown>)[name];
      if (typeof fn !== 'function') return fn;
      return (...args: unknown[]) => {
        calls.push([name, args]);
        return (fn as (...a: unknown[]) => unknown)(...args);
      };
    },
  });
  const session = {
    signedIn: () => ({ account: 'acct', client: recording as ApiClient }),
    get: () => ({ role }) as Session,
  } as unknown as SessionManager;
  const handlers = createWebhookHandlers({ session }) as unknown as Handlers;
  const dispatch = createDispatcher(handlers, (sender: string) => sender === 'main-window');
  return {
    calls,
    call: (channel: string, input: unknown, sender = 'main-window') => dispatch(sender, channel, input),
  };
}

const api = {
  webhookEndpoints: async () => ({ items: [ENDPOINT] }),
  createWebhookEndpoint: async () => ({ ...ENDPOINT, secret: 'whsec_c2VjcmV0' }),
  updateWebhookEndpoint: async () => ({ ...ENDPOINT, status: 'disabled' as const }),
  deleteWebhookEndpoint: async () => null,
  rotateWebhookSecret: async () => ({ ...ENDPOINT, secret: 'whsec_bmV3' }),
  webhookDeliveries: async () => ({ items: [DELIVERY], nextCursor: null }),
  redeliverWebhook: async () => DELIVERY,
  sendTestWebhook: async () => DELIVERY,
};

describe('webhooks channels', () => {
  it('refuse another sender, bad input (naming the field) and non-admins, before asking the API', async () => {
    const w = world('reseller_admin', api);
    expect(await w.call('webhooks:list', {}, 'some-iframe')).toMatchObject({
      ok: false,
      error: { code: 'forbidden_sender' },
    });
    for (const [channel, input, field] of [
      ['webhooks:create', { url: 'https://x.example', events: ['wallet.exploded'] }, 'events.0'],
      ['webhooks:create', { events: ['wallet.created'] }, 'url'],
      ['webhooks:update', { enabled: false }, 'endpointId'],
      ['webhooks:deliveries', { endpointId: 'whe_1', status: 'lost' }, 'status'],
      ['webhooks:redeliver', {}, 'deliveryId'],
    ] as const) {
      expect(await w.call(channel, input), `${channel} ${JSON.stringify(input)}`).toMatchObject({
        ok: false,
        error: { code: 'validation', field },
      });
    }
    for (const role of ['support_agent', 'customer'] as const) {
      const other = world(role, api);
      expect(await other.call('webhooks:list', {})).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
      expect(other.calls).toEqual([]);
    }
    expect(w.calls).toEqual([]);
  });

  it("pass an admin's requests through, with the secret in the create and rotate answers only", async () => {
    const w = world('reseller_admin', api);
    expect(await w.call('webhooks:list', {})).toStrictEqual({ ok: true, value: [ENDPOINT] });
    expect(
      await w.call('webhooks:create', {
        url: 'https://hooks.example.com/billing',
        events: ['wallet.topped_up'],
      }),
    ).toMatchObject({ ok: true, value: { secret: 'whsec_c2VjcmV0' } });
    expect(await w.call('webhooks:update', { endpointId: 'whe_1', enabled: false })).toMatchObject({
      ok: true,
      value: { status: 'disabled' },
    });
    expect(await w.call('webhooks:rotate-secret', { endpointId: 'whe_1' })).toMatchObject({
      ok: true,
      value: { secret: 'whsec_bmV3' },
    });
    expect(await w.call('webhooks:deliveries', { endpointId: 'whe_1', status: 'failed' })).toMatchObject({
      ok: true,
      value: { items: [{ id: 'whd_1' }] },
    });
    expect(await w.call('webhooks:redeliver', { deliveryId: 'whd_1' })).toMatchObject({ ok: true });
    expect(await w.call('webhooks:test', { endpointId: 'whe_1' })).toMatchObject({ ok: true });
    expect(await w.call('webhooks:delete', { endpointId: 'whe_1' })).toStrictEqual({
      ok: true,
      value: { deleted: true },
    });
    expect(w.calls.map(([name]) => name)).toEqual([
      'webhookEndpoints',
      'createWebhookEndpoint',
      'updateWebhookEndpoint',
      'rotateWebhookSecret',
      'webhookDeliveries',
      'redeliverWebhook',
      'sendTestWebhook',
      'deleteWebhookEndpoint',
    ]);
    expect(w.calls[2]).toEqual(['updateWebhookEndpoint', ['whe_1', { enabled: false }]]);
  });

  it("say plainly when offline, and pass the server's refusal on with its field", async () => {
    const w = world('reseller_admin', {
      webhookEndpoints: async () => {
        throw new NetworkError('cannot reach http://127.0.0.1:1');
      },
      createWebhookEndpoint: async () => {
        throw new ApiError(400, 'validation', 'url: the URL must be an https:// URL', 'url');
      },
    });
    expect(await w.call('webhooks:list', {})).toMatchObject({ ok: false, error: { code: 'offline' } });
    expect(
      await w.call('webhooks:create', { url: 'http://hooks.example.com', events: ['wallet.created'] }),
    ).toMatchObject({ ok: false, error: { code: 'validation', field: 'url' } });
  });
});
