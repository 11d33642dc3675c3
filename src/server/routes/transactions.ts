import { z } from 'zod';
import { errorBodySchema } from '../../shared/api/common.js';
import { movementResponse, refundBody, transactionSchema } from '../../shared/api/wallets.js';
import type { Api, AppContext } from '../context.js';
import { sendWrite } from '../http/idempotent.js';
import { scopeFor } from '../http/scope.js';
import { findTransaction } from '../services/lookups.js';
import { refundPayment } from '../services/refunds/refund-payment.js';
import { unwrap } from '../services/result.js';
import { toTransaction } from '../wire/transaction.js';

const errors = { '4xx': errorBodySchema };
const idParams = z.strictObject({ id: z.string().min(1).max(64) });

export function registerTransactionRoutes(api: Api, ctx: AppContext) {
  api.get(
    '/v1/wallet-transactions/:id',
    { schema: { tags: ['wallets'], params: idParams, response: { 200: transactionSchema, ...errors } } },
    async (request) =>
      toTransaction(await findTransaction(ctx.store.db, scopeFor(request), request.params.id)),
  );

  api.post(
    '/v1/wallet-transactions/:id/refunds',
    {
      schema: {
        tags: ['movements'],
        params: idParams,
        body: refundBody,
        response: { 201: movementResponse, ...errors },
      },
    },
    async (request, reply) =>
      sendWrite(
        ctx,
        request,
        reply,
        scopeFor(request),
        { keyRequired: true, status: 201 },
        async (trx, now, scope) =>
          unwrap(await refundPayment(trx, scope, { ...request.body, transactionId: request.params.id }, now)),
      ),
  );
}
