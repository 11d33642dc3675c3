import { errorBodySchema } from '../../shared/api/common.js';
import { BATCH_BODY_LIMIT, batchBody, batchResponse, type BatchResult } from '../../shared/api/batch.js';
import type { BatchOperation } from '../../shared/api/batch.js';
import type { Api, AppContext } from '../context.js';
import { applyMovements, type BatchMovement } from '../batch/apply-movements.js';
import { runInLanes } from '../batch/lanes.js';
import { movementOf } from '../batch/movement-ops.js';
import { topUpScope } from '../http/access.js';
import { scopeFor } from '../http/scope.js';

const errors = { '4xx': errorBodySchema };

/**
 * `POST /v1/batch`: many writes in one request — what a console replays after working offline.
 * Wallet movements (credits, debits, adjustments: what a replay is mostly made of) are applied a run
 * at a time in one transaction with set-based statements (batch/apply-movements.ts), each answered
 * as its route would answer it. Every other operation runs through its own route, with the caller's
 * credential and its own Idempotency-Key — in the order sent for the same record or key, side by
 * side for different records (batch/lanes.ts) — so its answer (a refusal naming the field, a replay of a duplicate, even one
 * sent twice in the same batch) is exactly the one the single request would have had; and every
 * rule of that route (roles, limits, overdrafts, the change feed) holds without being restated here.
 * Who may send a batch is who may write anything at all: the reseller admin, or a customer (its own
 * top-ups); a support agent changes nothing and is refused the batch itself.
 */
export function registerBatchRoutes(api: Api, ctx: AppContext) {
  api.post(
    '/v1/batch',
    {
      bodyLimit: BATCH_BODY_LIMIT,
      schema: { tags: ['batch'], body: batchBody, response: { 200: batchResponse, ...errors } },
    },
    async (request) => {
      topUpScope(request);
      const authorization = request.headers.authorization!;
      const operations = request.body.operations;
      const results = new Array<BatchResult>(operations.length);
      const throughRoutes = (indexes: number[]) =>
        runInLanes(
          indexes.map((i) => operations[i]!),
          async (n) => {
            const i = indexes[n]!;
            results[i] = await throughRoute(api, authorization, operations[i]!);
          },
        );
      const scope = scopeFor(request);
      // Runs of wallet movements are applied set-based, the rest through their routes; one run
      // after another, so that operations on one record still happen in the order sent.
      for (const run of runsOf(operations.map((op) => movementOf(op, scope)))) {
        if (run.movements === null) {
          await throughRoutes(run.indexes);
          continue;
        }
        const answers = await applyMovements(ctx.store, scope, run.movements, ctx.now());
        const left: number[] = [];
        answers.forEach((answer, n) => {
          const i = run.indexes[n]!;
          if (answer) results[i] = answer;
          else left.push(i);
        });
        // Those the batch left to their routes change nothing by being answered after the others.
        await throughRoutes(left);
      }
      return { results };
    },
  );
}

/** Consecutive operations that are all movements (with them), or all something else (movements null). */
function runsOf(movements: Array<BatchMovement | null>) {
  const runs: Array<{ indexes: number[]; movements: BatchMovement[] | null }> = [];
  movements.forEach((movement, i) => {
    let last = runs.at(-1);
    if (!last || (last.movements === null) !== (movement === null)) {
      last = { indexes: [], movements: movement === null ? null : [] };
      runs.push(last);
    }
    last.indexes.push(i);
    if (movement) last.movements!.push(movement);
  });
  return runs;
}

/** One operation through its own route, with the batch's credential and its own Idempotency-Key. */
async function throughRoute(api: Api, authorization: string, op: BatchOperation): Promise<BatchResult> {
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
  return {
    status: reply.statusCode,
    replayed: reply.headers['idempotent-replayed'] === 'true',
    body: bodyOf(reply.body),
  };
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
