import { z } from 'zod';
import { errorBodySchema } from '../../shared/api/common.js';
import {
  applyPaymentReviewBody,
  paymentReviewListSchema,
  paymentReviewSchema,
} from '../../shared/api/payments.js';
import { principalOf, type Api, type AppContext } from '../context.js';
import { actorName, applyReviewTransfer } from '../services/payment-reviews/apply.js';
import { reviewChange, toReview } from '../wire/payment-review.js';
import { notFound } from '../services/failure.js';
import { recordChanges } from '../sync/record.js';
import { sendWrite } from '../http/idempotent.js';
import { adminScope, staffScope } from './payments-access.js';

const errors = { '4xx': errorBodySchema };

export function registerPaymentReviewRoutes(api: Api, ctx: AppContext) {
  api.get(
    '/v1/payment-reviews',
    {
      schema: {
        tags: ['payments'],
        querystring: z.strictObject({ status: z.enum(['open', 'resolved']).optional() }),
        response: { 200: paymentReviewListSchema, ...errors },
      },
    },
    async (request) => {
      const scope = staffScope(request);
      let q = ctx.store.db
        .selectFrom('payment_reviews')
        .selectAll()
        .where('reseller_id', '=', scope.resellerId);
      if (request.query.status) q = q.where('status', '=', request.query.status);
      const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(500).execute();
      return { items: rows.map(toReview) };
    },
  );

  api.post(
    '/v1/payment-reviews/:id/resolve',
    {
      schema: {
        tags: ['payments'],
        params: z.strictObject({ id: z.string().min(1).max(64) }),
        body: z.strictObject({ note: z.string().trim().max(1000).optional() }).nullish(),
        response: { 200: paymentReviewSchema, ...errors },
      },
    },
    async (request) => {
      const scope = adminScope(request);
      const now = ctx.now();
      const row = await ctx.store.write(async (trx) => {
        const resolved = await trx
          .updateTable('payment_reviews')
          .set({ status: 'resolved', resolved_at: now, resolution: request.body?.note ?? null })
          .where('id', '=', request.params.id)
          .where('reseller_id', '=', scope.resellerId)
          .returningAll()
          .executeTakeFirst();
        if (resolved) await recordChanges(trx, now, [reviewChange(resolved, 'update')]);
        return resolved;
      });
      if (!row) throw notFound('payment review', 'id');
      return toReview(row);
    },
  );

  /**
   * Staff apply a transfer that matched no payment: to a payment (which it pays) or to a wallet.
   * Money moves, so an Idempotency-Key is required; admins only; applied once at most.
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
      const target = paymentId !== undefined ? { paymentId } : { walletId: walletId! };
      return sendWrite(ctx, request, reply, scope, { keyRequired: true, status: 200 }, async (trx, now) =>
        toReview(
          await applyReviewTransfer(
            trx,
            scope,
            await actorName(trx, principalOf(request)),
            request.params.id,
            target,
            now,
          ),
        ),
      );
    },
  );
}
