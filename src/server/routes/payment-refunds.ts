import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { errorBodySchema } from '../../shared/api/common.js';
import { createRefundBody, refundListSchema, refundSchema } from '../../shared/api/refunds.js';
import type { Api, AppContext } from '../context.js';
import { adminScope, staffScope } from '../http/access.js';
import { firstStepOnce, idempotencyKey } from '../http/idempotent.js';
import { driveRefund, providerRefunds } from '../payments/refunds.js';
import { Failure } from '../services/failure.js';
import { findPayment } from '../services/lookups.js';
import { listPaymentRefunds, listWalletRefunds } from '../services/payment-refunds/list.js';
import { startRefund } from '../services/payment-refunds/start.js';
import { unwrap } from '../services/result.js';
import type { Scope } from '../services/scope.js';
import { toRefund } from '../wire/refund.js';

const errors = { '4xx': errorBodySchema, '5xx': errorBodySchema };
const idParams = z.strictObject({ id: z.string().min(1).max(64) });

/** Refunds move money out: the reseller's admins only (not support agents, not customers). */
function refundScope(request: FastifyRequest): Scope {
  const scope = adminScope(request);
  if (scope.customerId) throw new Failure('forbidden', "refunds are for the reseller's staff only");
  return scope;
}

export function registerPaymentRefundRoutes(api: Api, ctx: AppContext) {
  api.post(
    '/v1/payments/:id/refunds',
    {
      schema: {
        tags: ['payments'],
        params: idParams,
        body: createRefundBody,
        response: { 201: refundSchema, ...errors },
      },
    },
    async (request, reply) => {
      const scope = refundScope(request);
      const key = idempotencyKey(request, true)!;
      const now = ctx.now();
      const payment = await findPayment(ctx.store.db, scope, request.params.id);
      const byProvider = await providerRefunds(ctx.payments, scope.resellerId, payment.provider);
      // The key stores a pointer to the refund; the answer is always the refund as it is now, and a
      // retry asks the provider again while the first ask got no answer (same provider key: no double).
      const started = await firstStepOnce(
        ctx,
        request,
        reply,
        { scope, key, now, status: 201 },
        async (trx) => {
          const input = {
            ...request.body,
            paymentId: payment.id,
            providerRefunds: byProvider,
            idempotencyKey: key,
          };
          return { refundId: unwrap(await startRefund(trx, scope, input, now)).id };
        },
      );
      if (started === null) return reply;
      const refund = await driveRefund(ctx.payments, started.refundId);
      if (refund.status === 'failed') {
        throw new Failure(
          'refund_refused',
          `${refund.provider ?? 'the provider'} refused refund ${refund.id} (${refund.failure_reason ?? 'no reason given'}); the wallet was credited back`,
          undefined,
          {
            key: 'refund_refused',
            values: {
              refund: refund.id,
              provider: refund.provider ?? '',
              code: refund.failure_code ?? 'refused',
            },
          },
        );
      }
      return reply.code(201).send(toRefund(refund));
    },
  );

  api.get(
    '/v1/payments/:id/refunds',
    { schema: { tags: ['payments'], params: idParams, response: { 200: refundListSchema, ...errors } } },
    async (request) => ({
      items: (await listPaymentRefunds(ctx.store.db, staffScope(request), request.params.id)).map(toRefund),
    }),
  );

  api.get(
    '/v1/wallets/:id/refunds',
    { schema: { tags: ['wallets'], params: idParams, response: { 200: refundListSchema, ...errors } } },
    async (request) => ({
      items: (await listWalletRefunds(ctx.store.db, staffScope(request), request.params.id)).map(toRefund),
    }),
  );
}
