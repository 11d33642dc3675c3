import { z } from 'zod';
import { errorBodySchema } from '../../shared/api/common.js';
import {
  createWebhookEndpointBody,
  updateWebhookEndpointBody,
  webhookDeliveryListQuery,
  webhookDeliveryListSchema,
  webhookDeliverySchema,
  webhookEndpointListSchema,
  webhookEndpointSchema,
  webhookEndpointWithSecretSchema,
} from '../../shared/api/webhooks.js';
import type { Api, AppContext } from '../context.js';
import { adminScope } from '../http/access.js';
import { firstStepOnce, idempotencyKey } from '../http/idempotent.js';
import type { Trx } from '../db/database.js';
import { openSecret } from '../events/signing.js';
import { requireWrite } from '../services/scope.js';
import type { WebhookDeps } from '../services/webhooks/deps.js';
import { listWebhookDeliveries, redeliverWebhook, sendTestWebhook } from '../services/webhooks/deliveries.js';
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  getWebhookEndpoint,
  listWebhookEndpoints,
  rotateWebhookSecret,
  updateWebhookEndpoint,
} from '../services/webhooks/endpoints.js';
import { unwrap } from '../services/result.js';
import { toWebhookEndpoint } from '../wire/webhook.js';

const errors = { '4xx': errorBodySchema };
const idParams = z.strictObject({ id: z.string().min(1).max(64) });
const tags = ['webhooks'];

/**
 * A reseller's outgoing webhook endpoints (Standard Webhooks), their delivery log, redelivery and
 * test events: the reseller admin's only (the secret is shown once, on create and rotate).
 */
export function registerWebhookEndpointRoutes(
  api: Api,
  ctx: AppContext,
  deps: WebhookDeps & { delivered: () => void },
) {
  const withSecret = (v: { endpoint: Parameters<typeof toWebhookEndpoint>[0]; secret: string }) => ({
    ...toWebhookEndpoint(v.endpoint),
    secret: v.secret,
  });

  api.post(
    '/v1/webhook-endpoints',
    {
      schema: {
        tags,
        body: createWebhookEndpointBody,
        response: { 201: webhookEndpointWithSecretSchema, ...errors },
      },
    },
    async (request, reply) => {
      const scope = adminScope(request);
      requireWrite(scope);
      const key = idempotencyKey(request, false);
      const now = ctx.now();
      const create = async (trx: Trx) =>
        unwrap(await createWebhookEndpoint(trx, scope, request.body, now, deps));
      if (key === undefined) return reply.code(201).send(withSecret(await ctx.store.write(create)));
      // The answer a retry under this key gets is kept in the database: with the secret sealed, as
      // the endpoint keeps it, and opened for each answer.
      const sealed = await firstStepOnce(
        ctx,
        request,
        reply,
        { scope, key, now, status: 201 },
        async (trx) => {
          const { endpoint } = await create(trx);
          return { ...toWebhookEndpoint(endpoint), secret: endpoint.secret };
        },
      );
      if (sealed === null) return reply;
      const secret = openSecret(deps.secretsKey as Buffer, scope.resellerId, sealed.id, sealed.secret);
      return reply.code(201).send({ ...sealed, secret });
    },
  );

  api.get(
    '/v1/webhook-endpoints',
    { schema: { tags, response: { 200: webhookEndpointListSchema, ...errors } } },
    async (request) => ({
      items: (await listWebhookEndpoints(ctx.store.db, adminScope(request))).map(toWebhookEndpoint),
    }),
  );

  api.get(
    '/v1/webhook-endpoints/:id',
    { schema: { tags, params: idParams, response: { 200: webhookEndpointSchema, ...errors } } },
    async (request) =>
      toWebhookEndpoint(
        unwrap(await getWebhookEndpoint(ctx.store.db, adminScope(request), request.params.id)),
      ),
  );

  api.patch(
    '/v1/webhook-endpoints/:id',
    {
      schema: {
        tags,
        params: idParams,
        body: updateWebhookEndpointBody,
        response: { 200: webhookEndpointSchema, ...errors },
      },
    },
    async (request) => {
      const scope = adminScope(request);
      const now = ctx.now();
      const row = await ctx.store.write(async (trx) =>
        unwrap(
          await updateWebhookEndpoint(trx, scope, { ...request.body, id: request.params.id }, now, deps),
        ),
      );
      // Enabled again: its waiting deliveries go now.
      deps.delivered();
      return toWebhookEndpoint(row);
    },
  );

  api.delete(
    '/v1/webhook-endpoints/:id',
    { schema: { tags, params: idParams, response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      const scope = adminScope(request);
      const now = ctx.now();
      await ctx.store.write(async (trx) =>
        unwrap(await deleteWebhookEndpoint(trx, scope, request.params, now)),
      );
      return reply.code(204).send(null);
    },
  );

  api.post(
    '/v1/webhook-endpoints/:id/rotate-secret',
    { schema: { tags, params: idParams, response: { 200: webhookEndpointWithSecretSchema, ...errors } } },
    async (request) => {
      const scope = adminScope(request);
      const now = ctx.now();
      return withSecret(
        await ctx.store.write(async (trx) =>
          unwrap(await rotateWebhookSecret(trx, scope, request.params, now, deps)),
        ),
      );
    },
  );

  api.get(
    '/v1/webhook-endpoints/:id/deliveries',
    {
      schema: {
        tags,
        params: idParams,
        querystring: webhookDeliveryListQuery,
        response: { 200: webhookDeliveryListSchema, ...errors },
      },
    },
    async (request) =>
      unwrap(
        await listWebhookDeliveries(ctx.store.db, adminScope(request), request.params.id, request.query),
      ),
  );

  api.post(
    '/v1/webhook-endpoints/:id/test',
    { schema: { tags, params: idParams, response: { 201: webhookDeliverySchema, ...errors } } },
    async (request, reply) => {
      const scope = adminScope(request);
      const now = ctx.now();
      const delivery = await ctx.store.write(async (trx) =>
        unwrap(await sendTestWebhook(trx, scope, request.params, now)),
      );
      deps.delivered();
      return reply.code(201).send(delivery);
    },
  );

  api.post(
    '/v1/webhook-deliveries/:id/redeliver',
    { schema: { tags, params: idParams, response: { 201: webhookDeliverySchema, ...errors } } },
    async (request, reply) => {
      const scope = adminScope(request);
      const now = ctx.now();
      const delivery = await ctx.store.write(async (trx) =>
        unwrap(await redeliverWebhook(trx, scope, request.params, now)),
      );
      deps.delivered();
      return reply.code(201).send(delivery);
    },
  );
}
