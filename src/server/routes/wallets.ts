import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { emptyBodySchema, errorBodySchema } from '../../shared/api/common.js';
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
import { newId } from '../../shared/ids.js';
import { postEntry, placeHold } from '../ledger/movements.js';
import { EntryBatcher } from '../ledger/entry-batcher.js';
import { scopeFor, type Api, type AppContext } from '../context.js';
import type { WalletTable } from '../db/schema.js';
import { decodeCursor, encodeCursor } from '../http/cursor.js';
import { Failure } from '../services/failure.js';
import { enforceLimitIn, enforceMovementLimit } from '../services/movement-limits/limits.js';
import { requireWrite } from '../services/scope.js';
import { toHold, toTransaction, toWallet } from '../services/wire.js';
import { recordChanges } from '../sync/record.js';
import { findCustomer, findWallet } from '../services/lookups.js';
import { sendWrite, type OneStatementWrite } from '../http/idempotent.js';

const errors = { '4xx': errorBodySchema };
const idParams = z.strictObject({ id: z.string().min(1).max(64) });
const money = { keyRequired: true, status: 201 } as const;

export function registerWalletRoutes(api: Api, ctx: AppContext) {
  const batcher = new EntryBatcher(ctx.store);
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
      if (initialBalance) {
        requireWrite(scope);
        await enforceLimitIn(ctx.store.db, scope.resellerId, currency, initialBalance, 'initialBalance');
      }
      return sendWrite(ctx, request, reply, scope, { keyRequired: false, status: 201 }, async (trx, now) => {
        const customer = await findCustomer(trx, scope, request.params.id);
        const existing = await trx
          .selectFrom('wallets')
          .select('id')
          .where('customer_id', '=', customer.id)
          .where('currency', '=', currency)
          .executeTakeFirst();
        if (existing) {
          throw new Failure(
            'conflict',
            `this customer already has a ${currency} wallet (${existing.id})`,
            'currency',
          );
        }
        const row: WalletTable = {
          id: newId('wallet'),
          reseller_id: scope.resellerId,
          customer_id: customer.id,
          currency,
          status: 'active',
          balance: 0,
          pending_charges: 0,
          version: 0,
          created_at: now,
          updated_at: now,
        };
        await trx.insertInto('wallets').values(row).execute();
        await recordChanges(trx, now, [
          {
            resellerId: scope.resellerId,
            customerId: customer.id,
            entity: 'wallet',
            id: row.id,
            op: 'create',
            data: toWallet(row),
          },
        ]);
        if (!initialBalance) return toWallet(row);
        const { wallet } = await postEntry(
          trx,
          scope,
          row.id,
          { type: 'top_up', amount: initialBalance, description: 'Initial balance' },
          now,
        );
        return wallet;
      });
    },
  );

  api.get(
    '/v1/customers/:id/wallets',
    { schema: { tags: ['wallets'], params: idParams, response: { 200: walletListSchema, ...errors } } },
    async (request) => {
      const scope = scopeFor(request);
      const customer = await findCustomer(ctx.store.db, scope, request.params.id);
      const rows = await ctx.store.db
        .selectFrom('wallets')
        .selectAll()
        .where('customer_id', '=', customer.id)
        .orderBy('created_at')
        .execute();
      return { items: rows.map(toWallet) };
    },
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
        body: emptyBodySchema,
        response: { 200: walletSchema, ...errors },
      },
    },
    async (request, reply) => {
      const scope = scopeFor(request);
      return sendWrite(ctx, request, reply, scope, { keyRequired: false, status: 200 }, async (trx, now) => {
        const wallet = await findWallet(trx, scope, request.params.id);
        if (wallet.status === 'closed') return toWallet(wallet);
        if (wallet.pending_charges > 0) {
          throw new Failure(
            'conflict',
            'this wallet has pending charges; capture or release its holds first',
          );
        }
        const row = await trx
          .updateTable('wallets')
          .set({ status: 'closed', updated_at: now })
          .where('id', '=', wallet.id)
          .where('pending_charges', '=', 0)
          .returningAll()
          .executeTakeFirst();
        if (!row) throw new Failure('conflict', 'a hold was placed while closing; try again');
        await recordChanges(trx, now, [
          {
            resellerId: row.reseller_id,
            customerId: row.customer_id,
            entity: 'wallet',
            id: row.id,
            op: 'update',
            data: toWallet(row),
          },
        ]);
        return toWallet(row);
      });
    },
  );

  const movement = { params: idParams, response: { 201: movementResponse, ...errors } };
  /** Credits, debits and adjustments: one ledger row each (on PostgreSQL, group-committed). */
  const sendEntry = (request: FastifyRequest, reply: FastifyReply, walletId: string, entry: Entry) =>
    sendWrite(
      ctx,
      request,
      reply,
      scopeFor(request),
      { ...money, oneStatement: oneStatement(batcher, walletId, entry) },
      (trx, now, scope) => postEntry(trx, scope, walletId, entry, now),
    );
  /** Merchant credits and adjustments: within the reseller's maximum per movement, or nothing is written. */
  const sendStaffEntry = async (
    request: FastifyRequest,
    reply: FastifyReply,
    walletId: string,
    entry: Entry,
  ) => {
    const key = request.headers['idempotency-key'];
    await enforceMovementLimit(
      ctx.store.db,
      scopeFor(request),
      walletId,
      entry.amount,
      typeof key === 'string' ? key : undefined,
    );
    return sendEntry(request, reply, walletId, entry);
  };

  api.post(
    '/v1/wallets/:id/credits',
    { schema: { tags: ['movements'], ...movement, body: creditBody } },
    async (request, reply) => {
      const { amount, description, reference } = request.body;
      return sendStaffEntry(request, reply, request.params.id, {
        type: 'top_up',
        amount,
        description,
        reference,
      });
    },
  );

  api.post(
    '/v1/wallets/:id/debits',
    { schema: { tags: ['movements'], ...movement, body: debitBody } },
    async (request, reply) => {
      const { amount, description, reference } = request.body;
      return sendEntry(request, reply, request.params.id, {
        type: 'payment',
        amount: -amount,
        description,
        reference,
      });
    },
  );

  api.post(
    '/v1/wallets/:id/adjustments',
    { schema: { tags: ['movements'], ...movement, body: adjustmentBody } },
    async (request, reply) => {
      const { amount, reason } = request.body;
      return sendStaffEntry(request, reply, request.params.id, {
        type: 'adjustment',
        amount,
        description: reason,
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
      sendWrite(ctx, request, reply, scopeFor(request), money, (trx, now, scope) =>
        placeHold(trx, scope, request.params.id, request.body, now),
      ),
  );

  api.get(
    '/v1/wallets/:id/holds',
    { schema: { tags: ['movements'], params: idParams, response: { 200: holdListSchema, ...errors } } },
    async (request) => {
      const wallet = await findWallet(ctx.store.db, scopeFor(request), request.params.id);
      const rows = await ctx.store.db
        .selectFrom('holds')
        .selectAll()
        .where('wallet_id', '=', wallet.id)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .execute();
      return { items: rows.map(toHold) };
    },
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
    async (request) => {
      const wallet = await findWallet(ctx.store.db, scopeFor(request), request.params.id);
      const { type, from, to, limit, cursor } = request.query;
      let q = ctx.store.db.selectFrom('ledger_entries').selectAll().where('wallet_id', '=', wallet.id);
      if (type) q = q.where('type', '=', type);
      if (from) q = q.where('created_at', '>=', new Date(from).toISOString());
      if (to) q = q.where('created_at', '<', new Date(to).toISOString());
      if (cursor) q = q.where('wallet_version', '<', Number(decodeCursor(cursor, ['number'])[0]));
      const rows = await q
        .orderBy('wallet_version', 'desc')
        .limit(limit + 1)
        .execute();
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        items: page.map(toTransaction),
        nextCursor: rows.length > limit && last ? encodeCursor([last.wallet_version]) : null,
      };
    },
  );
}

/** A credit, debit or adjustment as part of one statement on PostgreSQL (see ledger/entry-batcher.ts). */
interface Entry {
  type: 'top_up' | 'payment' | 'adjustment';
  /** Signed minor units. */
  amount: number;
  description: string;
  reference?: string | undefined;
}

function oneStatement(batcher: EntryBatcher, walletId: string, entry: Entry): OneStatementWrite {
  return ({ key, requestHash, now, scope, status }) =>
    batcher.post({
      resellerId: scope.resellerId,
      walletId,
      type: entry.type,
      amount: entry.amount,
      description: entry.description,
      reference: entry.reference ?? null,
      now,
      key,
      requestHash,
      status,
    });
}
