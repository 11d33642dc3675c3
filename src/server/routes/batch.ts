import { errorBodySchema } from '../../shared/api/common.js';
import { batchBody, batchResponse, type BatchResult } from '../../shared/api/batch.js';
import type { Api } from '../context.js';
import { runInLanes } from '../batch/lanes.js';
import { topUpScope } from '../http/access.js';

const errors = { '4xx': errorBodySchema };

/**
 * `POST /v1/batch`: many writes in one request — what a console replays after working offline.
 * Each operation runs through its own route, with the caller's credential and its own
 * Idempotency-Key — in the order sent for the same record or key, side by side for different
 * records (batch/lanes.ts) — so its answer (a refusal naming the field, a replay of a duplicate, even one
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
      const operations = request.body.operations;
      const results = new Array<BatchResult>(operations.length);
      await runInLanes(operations, async (i) => {
        const op = operations[i]!;
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
        results[i] = {
          status: reply.statusCode,
          replayed: reply.headers['idempotent-replayed'] === 'true',
          body: bodyOf(reply.body),
        };
      });
      return { results };
    },
  );
}

/** Every route answers JSON (or nothing); a text answer is passed on as text rather than failing the batch. */
function bodyOf(text: string): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
