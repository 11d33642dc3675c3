import { errorBodySchema } from '../../shared/api/common.js';
import { batchBody, batchResponse, type BatchResult } from '../../shared/api/batch.js';
import type { Api } from '../context.js';
import { topUpScope } from '../http/access.js';

const errors = { '4xx': errorBodySchema };

/**
 * `POST /v1/batch`: many writes in one request — what a console replays after working offline.
 * Each operation runs through its own route, in order, with the caller's credential and its own
 * Idempotency-Key, so its answer (a refusal naming the field, a replay of a duplicate, even one
 * sent twice in the same batch) is exactly the one the single request would have had; and every
 * rule of that route (roles, limits, overdrafts, the change feed) holds without being restated here.
 * Who may send a batch is who may write anything at all: the reseller admin, or a customer (its own
 * top-ups); a support agent changes nothing and is refused the batch itself.
 */
export function registerBatchRoutes(api: Api) {
  api.post(
    '/v1/batch',
    { schema: { tags: ['batch'], body: batchBody, response: { 200: batchResponse, ...errors } } },
    async (request) => {
      topUpScope(request);
      const authorization = request.headers.authorization!;
      const results: BatchResult[] = [];
      for (const op of request.body.operations) {
        const reply = await api.inject({
          method: 'POST',
          url: op.path,
          headers: {
            authorization,
            ...(op.idempotencyKey === undefined ? {} : { 'idempotency-key': op.idempotencyKey }),
            ...(op.body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(op.body === undefined ? {} : { payload: JSON.stringify(op.body) }),
        });
        results.push({
          status: reply.statusCode,
          replayed: reply.headers['idempotent-replayed'] === 'true',
          body: reply.body === '' ? null : (JSON.parse(reply.body) as unknown),
        });
      }
      return { results };
    },
  );
}
