import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBodySchema } from '../../shared/api/common.js';
import { PROVIDER_IDS, type ProviderId, type WebhookRejection } from '../gateways/provider.js';
import type { Api, AppContext } from '../context.js';
import { findReseller } from '../services/auth/resellers.js';
import { Failure } from '../services/failure.js';
import { failureBody } from '../http/failure-status.js';
import { noteWebhookOutcome } from '../observability/webhook-outcome.js';

/** Webhook bodies are small; a bank feed batching statement lines is the largest. */
const WEBHOOK_BODY_LIMIT = 256 * 1024;

/** A delivery that fails authentication is 401; one that is not even readable is 400. */
const REJECTION_STATUS: Record<WebhookRejection, number> = {
  missing_signature: 401,
  bad_signature: 401,
  stale: 401,
  from_the_future: 401,
  untrusted_certificate: 401,
  malformed_signature: 400,
  malformed_body: 400,
};

/**
 * POST /v1/webhooks/:provider/:resellerId, in its own plugin: the body is taken as the exact bytes
 * received (invariant 1), whatever its content type, while the rest of the app keeps parsing JSON.
 * Flow: authenticate → store under UNIQUE(reseller_id, provider, event_id) → answer 2xx → process (re-query,
 * then credit, wait, close or review). A crash after the answer leaves the stored event for the
 * events job, so processing is never lost.
 */
export async function registerWebhookRoutes(api: Api, ctx: AppContext) {
  await api.register(async (scope) => {
    const hooks = scope.withTypeProvider<ZodTypeProvider>();
    hooks.removeAllContentTypeParsers();
    hooks.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: WEBHOOK_BODY_LIMIT },
      (_req, body, done) => done(null, body),
    );

    hooks.post(
      '/v1/webhooks/:provider/:resellerId',
      {
        bodyLimit: WEBHOOK_BODY_LIMIT,
        schema: {
          tags: ['webhooks'],
          security: [],
          params: z.strictObject({ provider: z.string().max(32), resellerId: z.string().max(64) }),
          // 2xx: the provider's own acknowledgement when it asks for one, else {received, duplicates}.
          response: { '2xx': z.unknown(), '4xx': errorBodySchema },
        },
      },
      async (request, reply) => {
        const { provider: providerId, resellerId } = request.params;
        if (!(PROVIDER_IDS as readonly string[]).includes(providerId)) {
          // Never the path's own text as a label: anyone can post to any path.
          noteWebhookOutcome(request, { provider: '(unknown)', outcome: 'unknown_endpoint', failed: true });
          throw new Failure('not_found', `no payment provider "${providerId}"`, 'provider');
        }
        const reseller = await findReseller(ctx.store.db, resellerId);
        const provider = reseller
          ? await ctx.payments.providers.providerFor(resellerId, providerId as ProviderId)
          : null;
        if (!provider) {
          noteWebhookOutcome(request, { provider: providerId, outcome: 'unknown_endpoint', failed: true });
          throw new Failure('not_found', `no ${providerId} endpoint for this reseller`, 'resellerId');
        }

        const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const delivery = await provider.verifyWebhook({
          rawBody,
          headers: request.headers,
          receivedAt: ctx.payments.o.clock(),
        });
        if (!delivery.ok) {
          request.log.warn({ provider: providerId, resellerId, reason: delivery.reason }, 'webhook refused');
          noteWebhookOutcome(request, { provider: providerId, outcome: delivery.reason, failed: true });
          const status = REJECTION_STATUS[delivery.reason];
          const code = status === 401 ? 'unauthorized' : 'validation';
          return reply
            .code(status)
            .send(failureBody(new Failure(code, `webhook refused: ${delivery.reason}: ${delivery.detail}`)));
        }
        const ours = delivery.events.filter((e) => e.provider === providerId);
        const stored = await ctx.payments.storeEvents(resellerId, ours, rawBody, request.id);
        noteWebhookOutcome(request, {
          provider: providerId,
          outcome: stored.length > 0 ? 'accepted' : ours.length > 0 ? 'duplicate' : 'ignored',
          failed: false,
        });
        // Answer first; the provider is not kept waiting on our status query.
        if (stored.length > 0 && ctx.payments.processInline) {
          const afterAnswer = new Promise<void>((resolve) => setImmediate(resolve));
          ctx.payments.track(
            afterAnswer.then(() => ctx.payments.processEvents(stored)),
            'processing webhook events',
          );
        }
        const ack = delivery.acknowledgement;
        if (ack) return reply.code(ack.status).send(ack.body);
        return reply.code(200).send({ received: true, duplicates: ours.length - stored.length });
      },
    );
  });
}
