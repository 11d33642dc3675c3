import { z } from 'zod';
import { errorBodySchema } from '../../shared/api/common.js';
import {
  captureBody,
  captureResponse,
  holdResponse,
  holdSchema,
  releaseBody,
} from '../../shared/api/wallets.js';
import type { Api, AppContext } from '../context.js';
import { sendWrite } from '../http/idempotent.js';
import { scopeFor } from '../http/scope.js';
import { captureHold } from '../services/holds/capture.js';
import { releaseHold } from '../services/holds/release.js';
import { findHold } from '../services/lookups.js';
import { unwrap } from '../services/result.js';
import { toHold } from '../wire/hold.js';

const errors = { '4xx': errorBodySchema };
const idParams = z.strictObject({ id: z.string().min(1).max(64) });
const money = { keyRequired: true, status: 200 } as const;

export function registerHoldRoutes(api: Api, ctx: AppContext) {
  api.get(
    '/v1/holds/:id',
    { schema: { tags: ['movements'], params: idParams, response: { 200: holdSchema, ...errors } } },
    async (request) => toHold(await findHold(ctx.store.db, scopeFor(request), request.params.id)),
  );

  api.post(
    '/v1/holds/:id/capture',
    {
      schema: {
        tags: ['movements'],
        params: idParams,
        body: captureBody.nullish(),
        response: { 200: captureResponse, ...errors },
      },
    },
    async (request, reply) =>
      sendWrite(ctx, request, reply, scopeFor(request), money, async (trx, now, scope) =>
        unwrap(
          await captureHold(trx, scope, { holdId: request.params.id, amount: request.body?.amount }, now),
        ),
      ),
  );

  api.post(
    '/v1/holds/:id/release',
    {
      schema: {
        tags: ['movements'],
        params: idParams,
        body: releaseBody.nullish(),
        response: { 200: holdResponse, ...errors },
      },
    },
    async (request, reply) =>
      sendWrite(ctx, request, reply, scopeFor(request), money, async (trx, now, scope) =>
        unwrap(await releaseHold(trx, scope, { holdId: request.params.id }, now)),
      ),
  );
}
