import { z } from 'zod';
import { errorBodySchema } from '../../shared/api/common.js';
import { verifyPaymentBody, verifyPaymentResponse } from '../../shared/api/payment-verify.js';
import type { Api, AppContext } from '../context.js';
import { deskScope } from '../http/access.js';
import { verifyPayment } from '../payments/verify.js';
import { findPayment } from '../services/lookups.js';
import { RateLimited, type ThrottleRule } from '../services/auth/throttle.js';

const errors = { '4xx': errorBodySchema };

/**
 * Each check asks the chain or the bank feed: a payment may be verified 10 times in 15 minutes
 * (counted across API processes, in the throttle table), enough for a payer waiting on blocks and
 * too few to use the API as a free chain or bank-statement lookup.
 */
export const VERIFY_RULE: ThrottleRule = { max: 10, windowMs: 15 * 60_000 };

/**
 * "Verify my payment": the payer (a customer, on its own payments) or staff give the transaction
 * hash or bank reference; the answer says in words where the money is. Safe to repeat without an
 * Idempotency-Key: whatever it credits goes through the exactly-once settle path.
 */
export function registerPaymentVerifyRoutes(api: Api, ctx: AppContext) {
  api.post(
    '/v1/payments/:id/verify',
    {
      schema: {
        tags: ['payments'],
        params: z.strictObject({ id: z.string().min(1).max(64) }),
        body: verifyPaymentBody,
        response: { 200: verifyPaymentResponse, ...errors },
      },
    },
    async (request) => {
      const scope = deskScope(request);
      // Another customer's payment (or another tenant's) does not exist for the caller: 404 before
      // counting, so nobody can use up the checks of a payment that is not theirs.
      await findPayment(ctx.store.db, scope, request.params.id);
      const reservation = await ctx.throttle.reserve(`verify:payment:${request.params.id}`, VERIFY_RULE);
      if (!reservation.ok) {
        throw new RateLimited('too many checks of this payment', reservation.retryAfterSeconds);
      }
      return verifyPayment(ctx.payments, ctx.store, scope, request.params.id, request.body);
    },
  );
}
