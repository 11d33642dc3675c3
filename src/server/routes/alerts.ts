import { z } from 'zod';
import {
  alertSettingsBody,
  alertSettingsSchema,
  autoTopUpAttemptListSchema,
  autoTopUpBody,
  autoTopUpSchema,
  runwaySchema,
  walletAlertListSchema,
} from '../../shared/api/alerts.js';
import { errorBodySchema } from '../../shared/api/common.js';
import type { Api, AppContext } from '../context.js';
import { staffScope, topUpScope } from '../http/access.js';
import { gatewayActivitySchema } from '../../shared/api/gateway-activity.js';
import { gatewayActivity } from '../services/alerts/gateway-activity.js';
import { sendWrite } from '../http/idempotent.js';
import { scopeFor } from '../http/scope.js';
import { getAlertSettings, listAlerts, putAlertSettings, walletRunway } from '../services/alerts/settings.js';
import { listAutoTopUpAttempts } from '../services/auto-top-up/attempts.js';
import { getAutoTopUp, putAutoTopUp } from '../services/auto-top-up/settings.js';
import { unwrap } from '../services/result.js';

const errors = { '4xx': errorBodySchema };
const idParams = z.strictObject({ id: z.string().min(1).max(64) });
const alertsQuery = z.strictObject({
  limit: z.coerce
    .number()
    .int({ error: 'must be an integer' })
    .min(1, { error: 'must be at least 1' })
    .max(200, { error: 'must be at most 200' })
    .default(50),
});
/**
 * Settings are PUTs: the same body twice leaves the same row (an Idempotency-Key is accepted, not
 * needed). Staff admins for any wallet of their reseller, a customer for its own (topUpScope).
 */
const put = { keyRequired: false, status: 200, access: 'customer-own' } as const;

export function registerAlertRoutes(api: Api, ctx: AppContext) {
  api.put(
    '/v1/wallets/:id/alert-settings',
    {
      schema: {
        tags: ['alerts'],
        params: idParams,
        body: alertSettingsBody,
        response: { 200: alertSettingsSchema, ...errors },
      },
    },
    async (request, reply) =>
      sendWrite(ctx, request, reply, topUpScope(request), put, async (trx, now, scope) =>
        unwrap(await putAlertSettings(trx, scope, request.params.id, request.body, now)),
      ),
  );

  api.get(
    '/v1/wallets/:id/alert-settings',
    { schema: { tags: ['alerts'], params: idParams, response: { 200: alertSettingsSchema, ...errors } } },
    async (request) => getAlertSettings(ctx.store.db, scopeFor(request), request.params.id),
  );

  api.get(
    '/v1/wallets/:id/alerts',
    {
      schema: {
        tags: ['alerts'],
        params: idParams,
        querystring: alertsQuery,
        response: { 200: walletAlertListSchema, ...errors },
      },
    },
    async (request) => ({
      items: await listAlerts(ctx.store.db, scopeFor(request), request.params.id, request.query.limit),
    }),
  );

  api.get(
    '/v1/wallets/:id/runway',
    { schema: { tags: ['alerts'], params: idParams, response: { 200: runwaySchema, ...errors } } },
    async (request) => walletRunway(ctx.store.db, scopeFor(request), request.params.id, ctx.now()),
  );

  api.put(
    '/v1/wallets/:id/auto-top-up',
    {
      schema: {
        tags: ['alerts'],
        params: idParams,
        body: autoTopUpBody,
        response: { 200: autoTopUpSchema, ...errors },
      },
    },
    async (request, reply) =>
      sendWrite(ctx, request, reply, topUpScope(request), put, async (trx, now, scope) =>
        unwrap(await putAutoTopUp(trx, scope, request.params.id, request.body, now)),
      ),
  );

  api.get(
    '/v1/gateway-activity',
    { schema: { tags: ['alerts'], response: { 200: gatewayActivitySchema, ...errors } } },
    async (request) => gatewayActivity(ctx.store.db, staffScope(request), ctx.now()),
  );

  api.get(
    '/v1/wallets/:id/auto-top-up',
    { schema: { tags: ['alerts'], params: idParams, response: { 200: autoTopUpSchema, ...errors } } },
    async (request) => getAutoTopUp(ctx.store.db, scopeFor(request), request.params.id),
  );

  /** Every role of the tenant reads them (support agents too), a customer for its own wallets. */
  api.get(
    '/v1/wallets/:id/auto-top-up/attempts',
    {
      schema: {
        tags: ['alerts'],
        params: idParams,
        querystring: alertsQuery,
        response: { 200: autoTopUpAttemptListSchema, ...errors },
      },
    },
    async (request) => ({
      items: await listAutoTopUpAttempts(
        ctx.store.db,
        scopeFor(request),
        request.params.id,
        request.query.limit,
      ),
    }),
  );
}
