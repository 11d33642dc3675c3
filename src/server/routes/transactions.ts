import { z } from 'zod';
import { errorBodySchema } from '../../shared/api/common.js';
import { movementResponse, refundBody, transactionSchema } from '../../shared/api/wallets.js';
import { refundPayment } from '../ledger/movements.js';
import { scopeFor, type Api, type AppContext } from '../context.js';
import { notFound } from '../services/failure.js';
import { toTransaction } from '../services/wire.js';
import { sendWrite } from '../http/idempotent.js';

const errors = { '4xx': errorBodySchema };
const idParams = z.strictObject({ id: z.string().min(1).max(64) });

export function registerTransactionRoutes(api: Api, ctx: AppContext) {
  api.get(
    '/v1/wallet-transactions/:id',
    { schema: { tags: ['wallets'], params: idParams, response: { 200: transactionSchema, ...errors } } },
    async (request) => {
      const scope = scopeFor(request);
      let q = ctx.store.db
        .selectFrom('ledger_entries')
        .selectAll()
        .where('id', '=', request.params.id)
        .where('reseller_id', '=', scope.resellerId);
      if (scope.customerId) q = q.where('customer_id', '=', scope.customerId);
      const row = await q.executeTakeFirst();
      if (!row) throw notFound('transaction', 'id');
      return toTransaction(row);
    },
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
        (trx, now, scope) => refundPayment(trx, scope, request.params.id, request.body, now),
      ),
  );
}
