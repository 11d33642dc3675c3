import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { errorBodySchema, type ErrorBody } from '../../shared/api/common.js';
import { closeWalletBody, refundSchema } from '../../shared/api/refunds.js';
import {
  adjustmentBody,
  createWalletBody,
  creditBody,
  debitBody,
  holdBody,
  holdListSchema,
  holdResponse,
  listTransactionsQuery,
  movementResponse,
  transactionListSchema,
  walletListSchema,
  walletSchema,
} from '../../shared/api/wallets.js';
import type { Api, AppContext } from '../context.js';
import type { Trx } from '../db/database.js';
import {
  firstStepOnce,
  idempotencyKey,
  KEY,
  requestFingerprint,
  sendWrite,
  type OneStatementWrite,
} from '../http/idempotent.js';
import { requestHash } from '../http/idempotency.js';
import { HotWallets } from '../batch/hot-wallets.js';
import { finishWalletClose, refundingProviders } from '../payments/refunds.js';
import { toRefund } from '../wire/refund.js';
import { scopeFor } from '../http/scope.js';
import { EntryBatcher } from '../ledger/entry-batcher.js';
import type { MovementResult } from '../ledger/movements.js';
import { listHolds } from '../services/holds/list.js';
import { placeHold } from '../services/holds/place.js';
import { findWallet } from '../services/lookups.js';
import { answeredBefore, enforceLimitIn, enforceMovementLimit } from '../services/movement-limits/limits.js';
import { unwrap, type Result } from '../services/result.js';
import { requireWrite, type Scope } from '../services/scope.js';
import { adjustWallet } from '../services/wallets/adjust.js';
import { closeWallet, startWalletClose } from '../services/wallets/close.js';
import { creditWallet } from '../services/wallets/credit.js';
import { debitWallet } from '../services/wallets/debit.js';
import { listTransactions, listWallets } from '../services/wallets/list.js';
import type { MovementInput } from '../services/wallets/move.js';
import { openWallet } from '../services/wallets/open.js';
import { toWallet } from '../wire/wallet.js';

const errors = { '4xx': errorBodySchema };
const idParams = z.strictObject({ id: z.string().min(1).max(64) });
const money = { keyRequired: true, status: 201 } as const;

/** A credit, debit or adjustment: its service, and the ledger row it writes (signed minor units). */
interface Movement {
  service: (trx: Trx, scope: Scope, input: MovementInput, now: string) => Promise<Result<MovementResult>>;
  type: 'credit' | 'payment' | 'adjustment';
  input: MovementInput;
  signed: number;
  /** Through the service even on PostgreSQL: it emits an event someone listens to (events/). */
  transactional?: boolean;
}

export function registerWalletRoutes(api: Api, ctx: AppContext) {
  const batcher = new EntryBatcher(ctx.store);
  const hotWallets = new HotWallets(ctx.store, () => ctx.now());
  api.post(
    '/v1/customers/:id/wallets',
    {
      schema: {
        tags: ['wallets'],
        params: idParams,
        body: createWalletBody,
        response: { 201: walletSchema, ...errors },
      },
    },
    async (request, reply) => {
      const scope = scopeFor(request);
      const { currency, initialBalance } = request.body;
      // An initial balance moves money: it needs an Idempotency-Key, as every credit does, so that a
      // retry is answered as the first request was. Within the reseller's maximum per movement before
      // anything is written (nor stored under the key); a retry of a creation already answered gets
      // that answer, whatever the limit is now.
      if (initialBalance) {
        requireWrite(scope);
        const key = idempotencyKey(request, true);
        if (!(await answeredBefore(ctx.store.db, scope.resellerId, key))) {
          await enforceLimitIn(ctx.store.db, scope.resellerId, currency, initialBalance, 'initialBalance');
        }
      }
      const input = { customerId: request.params.id, currency, initialBalance };
      return sendWrite(
        ctx,
        request,
        reply,
        scope,
        { keyRequired: Boolean(initialBalance), status: 201 },
        async (trx, now) => unwrap(await openWallet(trx, scope, input, now)),
      );
    },
  );

  api.get(
    '/v1/customers/:id/wallets',
    { schema: { tags: ['wallets'], params: idParams, response: { 200: walletListSchema, ...errors } } },
    async (request) => ({ items: await listWallets(ctx.store.db, scopeFor(request), request.params.id) }),
  );

  api.get(
    '/v1/wallets/:id',
    { schema: { tags: ['wallets'], params: idParams, response: { 200: walletSchema, ...errors } } },
    async (request) => toWallet(await findWallet(ctx.store.db, scopeFor(request), request.params.id)),
  );

  api.post(
    '/v1/wallets/:id/close',
    {
      schema: {
        tags: ['wallets'],
        params: idParams,
        body: closeWalletBody.partial().nullish(),
        response: { 200: walletSchema.extend({ refunds: z.array(refundSchema).optional() }), ...errors },
      },
    },
    async (request, reply) => {
      const refund = request.body?.refund;
      if (!refund) {
        return sendWrite(
          ctx,
          request,
          reply,
          scopeFor(request),
          { keyRequired: false, status: 200 },
          async (trx, now, scope) =>
            unwrap(await closeWallet(trx, scope, { walletId: request.params.id }, now)),
        );
      }
      // Paying the balance out moves money: an Idempotency-Key, the reseller's admins only.
      const scope = scopeFor(request);
      requireWrite(scope);
      const key = idempotencyKey(request, true)!;
      const now = ctx.now();
      const providerRefunds = await refundingProviders(ctx.payments, scope.resellerId);
      const started = await firstStepOnce(
        ctx,
        request,
        reply,
        { scope, key, now, status: 200 },
        async (trx) => {
          const input = { walletId: request.params.id, refund, providerRefunds, idempotencyKey: key };
          const refunds = unwrap(await startWalletClose(trx, scope, input, now));
          return { refundIds: refunds.map((r) => r.id) };
        },
      );
      if (started === null) return reply;
      const closed = await finishWalletClose(ctx.payments, scope, request.params.id, started.refundIds);
      return reply.code(200).send({ ...closed.wallet, refunds: closed.refunds.map(toRefund) });
    },
  );

  const movementRoute = { params: idParams, response: { 201: movementResponse, ...errors } };
  /** Credits, debits and adjustments: one ledger row each (on PostgreSQL, group-committed). */
  const sendMovement = (request: FastifyRequest, reply: FastifyReply, movement: Movement) =>
    sendWrite(
      ctx,
      request,
      reply,
      scopeFor(request),
      { ...money, ...(movement.transactional ? {} : { oneStatement: oneStatement(batcher, movement) }) },
      async (trx, now, scope) => unwrap(await movement.service(trx, scope, movement.input, now)),
    );
  /** Merchant credits and adjustments: within the reseller's maximum per movement, or nothing is written. */
  const sendStaffMovement = async (request: FastifyRequest, reply: FastifyReply, movement: Movement) => {
    const key = request.headers['idempotency-key'];
    await enforceMovementLimit(
      ctx.store.db,
      scopeFor(request),
      movement.input.walletId,
      movement.signed,
      typeof key === 'string' ? key : undefined,
    );
    // Through the service on PostgreSQL too: its audit record is written in the same transaction.
    return sendMovement(request, reply, { ...movement, transactional: true });
  };

  api.post(
    '/v1/wallets/:id/credits',
    { schema: { tags: ['movements'], ...movementRoute, body: creditBody } },
    async (request, reply) => {
      const input = { ...request.body, walletId: request.params.id };
      return sendStaffMovement(request, reply, {
        service: creditWallet,
        type: 'credit',
        input,
        signed: input.amount,
      });
    },
  );

  api.post(
    '/v1/wallets/:id/debits',
    { schema: { tags: ['movements'], ...movementRoute, body: debitBody } },
    async (request, reply) => {
      const input = { ...request.body, walletId: request.params.id };
      // The one-statement path writes no event: for a reseller listening to payments it writes nothing
      // and leaves the debit to the service (a condition of the statement, not a look-up per request).
      const alone = () =>
        sendMovement(request, reply, { service: debitWallet, type: 'payment', input, signed: -input.amount });
      const scope = scopeFor(request);
      const key = request.headers['idempotency-key'];
      // Refused before any write (no right to write, no usable key): the usual path says why.
      if (!scope.canWrite || typeof key !== 'string' || !KEY.test(key)) return alone();
      const movement = {
        kind: 'debit' as const,
        ...input,
        key,
        requestHash: requestHash(requestFingerprint(request)),
      };
      const outcome = await hotWallets.submit(scope, movement, alone);
      if (outcome.kind === 'alone') return outcome.value;
      if (outcome.answer === null) return alone();
      if (outcome.answer.replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(outcome.answer.status).send(outcome.answer.body as MovementResult | ErrorBody);
    },
  );

  api.post(
    '/v1/wallets/:id/adjustments',
    { schema: { tags: ['movements'], ...movementRoute, body: adjustmentBody } },
    async (request, reply) => {
      const { amount, reason } = request.body;
      const input = { walletId: request.params.id, amount, description: reason };
      return sendStaffMovement(request, reply, {
        service: adjustWallet,
        type: 'adjustment',
        input,
        signed: amount,
      });
    },
  );

  api.post(
    '/v1/wallets/:id/holds',
    {
      schema: {
        tags: ['movements'],
        params: idParams,
        body: holdBody,
        response: { 201: holdResponse, ...errors },
      },
    },
    async (request, reply) =>
      sendWrite(ctx, request, reply, scopeFor(request), money, async (trx, now, scope) =>
        unwrap(await placeHold(trx, scope, { ...request.body, walletId: request.params.id }, now)),
      ),
  );

  api.get(
    '/v1/wallets/:id/holds',
    { schema: { tags: ['movements'], params: idParams, response: { 200: holdListSchema, ...errors } } },
    async (request) => ({ items: await listHolds(ctx.store.db, scopeFor(request), request.params.id) }),
  );

  api.get(
    '/v1/wallets/:id/transactions',
    {
      schema: {
        tags: ['wallets'],
        params: idParams,
        querystring: listTransactionsQuery,
        response: { 200: transactionListSchema, ...errors },
      },
    },
    async (request) => listTransactions(ctx.store.db, scopeFor(request), request.params.id, request.query),
  );
}

/** A credit, debit or adjustment as one statement on PostgreSQL (see ledger/entry-batcher.ts). */
function oneStatement(batcher: EntryBatcher, movement: Movement): OneStatementWrite {
  const { type, input, signed } = movement;
  return ({ key, requestHash, now, scope, status }) =>
    batcher.post({
      resellerId: scope.resellerId,
      walletId: input.walletId,
      type,
      amount: signed,
      description: input.description,
      reference: input.reference ?? null,
      now,
      key,
      requestHash,
      status,
      actor: scope.actor,
    });
}
