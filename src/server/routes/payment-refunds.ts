import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { errorBodySchema } from '../../shared/api/common.js';
import { createRefundBody, refundListSchema, refundSchema } from '../../shared/api/refunds.js';
import type { Api, AppContext } from '../context.js';
import type { RefundTable } from '../db/schema.js';
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

/**
 * A failed refund as the route answers it, first time or replayed. Refused at once, the wallet was
 * credited back. One that failed later, after its wallet was closed, has no compensation: its money
 * waits in a payment review (services/payment-refunds/finish.ts), and the answer says so, under the
 * same code (older consoles know it) with a reason of its own (one they do not know shows the English).
 */
function refusal(refund: RefundTable): Failure {
  const provider = refund.provider ?? 'the provider';
  const why = refund.failure_reason ?? 'no reason given';
  const toReview = refund.compensation_id === null;
  const message = toReview
    ? `${provider} refused refund ${refund.id} (${why}) after its wallet ${refund.wallet_id} was closed: the wallet was not credited back, and its money waits in a payment review for staff`
    : `${provider} refused refund ${refund.id} (${why}); the wallet was credited back`;
  return new Failure('refund_refused', message, undefined, {
    key: toReview ? 'refund_refused_review' : 'refund_refused',
    values: { refund: refund.id, provider: refund.provider ?? '', code: refund.failure_code ?? 'refused' },
  });
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
      if (refund.status === 'failed') throw refusal(refund);
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
