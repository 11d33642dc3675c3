import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call } from '../support/api.js';
import { DIALECTS } from '../support/databases.js';
import { startObservedApi, type ObservedApi } from '../support/observed-api.js';
import { sandboxEventId, signedSandboxEvent, useKnownSandboxSecret } from '../support/payments.js';
import { createTenant, type Tenant } from '../support/tenants.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** X-Request-Id: taken when well formed, answered back, on every log line of the request and its jobs. */
describe.each(DIALECTS)('request ids on %s', (dialect) => {
  let api: ObservedApi;
  let t: Tenant;
  const linesOf = (id: string) => api.lines.filter((l) => l.json.reqId === id);

  describe.each([true, false])('webhook events processed inline: %s', (processInline) => {
    beforeEach(async () => {
      api = await startObservedApi(dialect, { payments: { processInline } });
      t = await createTenant(api.app, 'Reqids');
      await useKnownSandboxSecret(api.app, t.admin);
    });
    afterEach(() => api.close());

    it('answers a well-formed id back and logs it on every line of that request', async () => {
      const id = 'desk-0f3a9c2e-retry.1';
      const reply = await call(api.app, 'GET', `/v1/wallets/${t.walletId}`, {
        token: t.admin,
        headers: { 'x-request-id': id },
      });
      expect(reply.status).toBe(200);
      expect(reply.headers['x-request-id']).toBe(id);
      const lines = linesOf(id);
      expect(lines.map((l) => l.json.msg)).toEqual(['incoming request', 'request completed']);
      // Every line Fastify wrote about a request names one: no request line goes without an id.
      for (const line of api.lines.filter((l) => l.json.req || l.json.res))
        expect(typeof line.json.reqId).toBe('string');
    });

    it('replaces a malformed id with its own, and never logs the malformed one', async () => {
      for (const bad of [
        'short',
        'has spaces in it',
        'x'.repeat(65),
        'quote"and\\slash',
        'line\u2028break',
      ]) {
        const reply = await call(api.app, 'GET', '/healthz', { headers: { 'x-request-id': bad } });
        expect(reply.status).toBe(200);
        expect(reply.headers['x-request-id']).toMatch(UUID);
        expect(api.lines.some((l) => l.text.includes(bad))).toBe(false);
      }
      const none = await call(api.app, 'GET', '/healthz');
      expect(none.headers['x-request-id']).toMatch(UUID);
    });

    it('carries a webhook’s request id to the job line that processes its event', async () => {
      const id = 'gw-delivery-7c1e55aa';
      const delivery = signedSandboxEvent({
        id: sandboxEventId(),
        type: 'checkout.paid',
        checkout: 'sbco_none',
        reference: 'none',
      });
      const reply = await call(api.app, 'POST', `/v1/webhooks/sandbox/${t.resellerId}`, {
        rawBody: delivery.body,
        headers: { ...delivery.headers, 'x-request-id': id },
      });
      expect(reply.status).toBe(200);
      if (processInline) await api.app.payments.settled();
      else await api.app.paymentJobs.runOnce('gateway-events');
      const processed = linesOf(id).filter((l) => l.json.msg === 'gateway event processed');
      expect(processed).toHaveLength(1);
      expect(processed[0]!.json).toMatchObject({ provider: 'sandbox', outcome: 'unmatched' });
    });
  });
});
