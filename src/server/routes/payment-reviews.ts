import { z } from 'zod';
import { errorBodySchema } from '../../shared/api/common.js';
import {
  applyPaymentReviewBody,
  listPaymentReviewsQuery,
  paymentReviewListSchema,
  paymentReviewSchema,
  resolvePaymentReviewBody,
} from '../../shared/api/payments.js';
import { type Api, type AppContext } from '../context.js';
import { principalOf } from '../http/scope.js';
import { actorName, applyReviewTransfer, type ApplyTarget } from '../services/payment-reviews/apply.js';
import { sendWrite } from '../http/idempotent.js';
import { listReviews } from '../services/payment-reviews/list.js';
import { resolveReview } from '../services/payment-reviews/resolve.js';
import { unwrap } from '../services/result.js';
import { toReview } from '../wire/payment-review.js';
import { adminScope, staffScope } from '../http/access.js';

const errors = { '4xx': errorBodySchema };

export function registerPaymentReviewRoutes(api: Api, ctx: AppContext) {
  api.get(
    '/v1/payment-reviews',
    {
      schema: {
        tags: ['payments'],
        querystring: listPaymentReviewsQuery,
        response: { 200: paymentReviewListSchema, ...errors },
      },
    },
    async (request) => {
      const { cursor, limit, ...filter } = request.query;
      const { page, nextCursor } = await listReviews(
        ctx.store.db,
        staffScope(request),
        filter,
        cursor,
        limit,
      );
      return { items: page.map(toReview), nextCursor };
    },
  );

  api.post(
    '/v1/payment-reviews/:id/resolve',
    {
      schema: {
        tags: ['payments'],
        params: z.strictObject({ id: z.string().min(1).max(64) }),
        body: resolvePaymentReviewBody,
        response: { 200: paymentReviewSchema, ...errors },
      },
    },
    async (request) => {
      const scope = adminScope(request);
      const now = ctx.now();
      const input = { id: request.params.id, note: request.body?.note, refund: request.body?.refund };
      const row = await ctx.store.write(async (trx) => unwrap(await resolveReview(trx, scope, input, now)));
      return toReview(row);
    },
  );

  /**
   * Staff apply a transfer that matched no payment: to a payment (which it pays), to a wallet, or
   * to the invoice of the review's payment (which it pays). Money moves, so an Idempotency-Key is
   * required; admins only; applied once at most.
   */
  api.post(
    '/v1/payment-reviews/:id/apply',
    {
      schema: {
        tags: ['payments'],
        params: z.strictObject({ id: z.string().min(1).max(64) }),
        body: applyPaymentReviewBody,
        response: { 200: paymentReviewSchema, ...errors },
      },
    },
    async (request, reply) => {
      const scope = adminScope(request);
      const { paymentId, walletId } = request.body;
      const target: ApplyTarget =
        paymentId !== undefined ? { paymentId } : walletId !== undefined ? { walletId } : { invoice: true };
      return sendWrite(ctx, request, reply, scope, { keyRequired: true, status: 200 }, async (trx, now) => {
        const actor = await actorName(trx, principalOf(request));
        const input = { id: request.params.id, target, actor };
        return toReview(unwrap(await applyReviewTransfer(trx, scope, input, now)));
      });
    },
  );
}
