import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorBody } from '../../shared/api/common.js';
import type { AppContext } from '../context.js';
import type { Trx } from '../db/database.js';
import { Failure } from '../services/failure.js';
import { requestHash, runIdempotent } from './idempotency.js';
import { requireWrite, type Scope } from '../services/scope.js';

export const KEY = /^[\x21-\x7e]{1,255}$/;

/** The Idempotency-Key header: required where money moves, optional on other creates. */
export function idempotencyKey(request: FastifyRequest, required: boolean): string | undefined {
  const key = request.headers['idempotency-key'];
  if (key === undefined) {
    if (!required) return undefined;
    throw new Failure(
      'idempotency_key_missing',
      'money-moving requests need an Idempotency-Key header (1-255 printable characters, unique per request)',
      'Idempotency-Key',
    );
  }
  if (typeof key !== 'string' || !KEY.test(key)) {
    throw new Failure('validation', 'must be 1-255 printable ASCII characters', 'Idempotency-Key');
  }
  return key;
}

/**
 * What makes a repeated Idempotency-Key "the same request" (requestHash): its method, route pattern,
 * parameters and body. A key reused for anything else is refused, not replayed.
 */
export function requestFingerprint(
  request: Pick<FastifyRequest, 'method' | 'routeOptions' | 'params' | 'body'>,
) {
  return {
    method: request.method,
    route: request.routeOptions.url,
    params: request.params,
    body: request.body,
  };
}

/**
 * A write that can also run as one autocommitted statement on PostgreSQL (see
 * ledger/one-statement-entry.ts): it stores its answer under the key itself and returns the answer's
 * JSON text, or null when it wrote nothing (a refusal, or a key stored before), after which the
 * transactional path runs.
 */
export type OneStatementWrite = (args: {
  key: string;
  requestHash: string;
  now: string;
  scope: Scope;
  status: number;
}) => Promise<string | null>;

/**
 * Runs a write for a reseller admin, exactly once per Idempotency-Key, and sends its outcome (the
 * stored one on a replay, marked with `Idempotent-Replayed: true`).
 */
export async function sendWrite(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  scope: Scope,
  options: {
    keyRequired: boolean;
    status: number;
    oneStatement?: OneStatementWrite;
    /**
     * `customer-own`: the caller's scope was checked by the route (http/access.ts topUpScope),
     * which lets a customer write its own records too. By default, reseller admins only.
     */
    access?: 'admin' | 'customer-own';
  },
  /** Gets the caller's scope, already checked for write access. */
  run: (trx: Trx, now: string, scope: Scope) => Promise<unknown>,
) {
  if (options.access !== 'customer-own') requireWrite(scope);
  const key = idempotencyKey(request, options.keyRequired);
  const now = ctx.now();
  if (key === undefined) {
    const body = await ctx.store.write((trx) => run(trx, now, scope));
    return reply.code(options.status).send(body);
  }
  const fingerprint = requestFingerprint(request);
  if (options.oneStatement && ctx.store.dialect === 'postgres') {
    const body = await options.oneStatement({
      key,
      requestHash: requestHash(fingerprint),
      now,
      scope,
      status: options.status,
    });
    // Already JSON, built by the database: sent as it is, like the stored answer a replay gets.
    if (body !== null) return reply.code(options.status).type('application/json; charset=utf-8').send(body);
  }
  const outcome = await runIdempotent(
    ctx.store,
    { resellerId: scope.resellerId, key, fingerprint },
    now,
    async (trx) => ({ status: options.status, body: await run(trx, now, scope) }),
  );
  // Also when this request ran but lost the key to a concurrent one and answers with its outcome.
  if (outcome.replayed) reply.header('idempotent-replayed', 'true');
  return reply.code(outcome.status).send(outcome.body);
}

/**
 * The first step of a write whose work goes on after its transaction (a provider asked, a secret
 * opened): runs `step` exactly once per Idempotency-Key and returns what it stored (a replay gets
 * the stored value, and `Idempotent-Replayed: true`). A refusal, new or stored, is sent at once and
 * null returned: the route then returns the reply.
 */
export async function firstStepOnce<T>(
  ctx: Pick<AppContext, 'store'>,
  request: FastifyRequest,
  reply: FastifyReply,
  options: { scope: Scope; key: string; now: string; status: number },
  step: (trx: Trx) => Promise<T>,
): Promise<T | null> {
  const outcome = await runIdempotent(
    ctx.store,
    { resellerId: options.scope.resellerId, key: options.key, fingerprint: requestFingerprint(request) },
    options.now,
    async (trx) => ({ status: options.status, body: await step(trx) }),
  );
  if (outcome.replayed) reply.header('idempotent-replayed', 'true');
  if (outcome.status === options.status) return outcome.body as T;
  reply.code(outcome.status).send(outcome.body as ErrorBody);
  return null;
}
