import { z } from 'zod';
import { emptyBodySchema, errorBodySchema, type ErrorBody } from '../../shared/api/common.js';
import {
  createTopUpBody,
  listPaymentsQuery,
  paymentListSchema,
  paymentSchema,
  topUpOptionsSchema,
} from '../../shared/api/payments.js';
import { scopeFor, type Api, type AppContext } from '../context.js';
import { effectiveSettings, limitsFor, readStoredSettings } from '../payments/settings.js';
import { createPaymentRow, openCheckout } from '../payments/top-ups.js';
import { toPayer } from '../wire/payer.js';
import { paymentChange, toPayment } from '../wire/payment.js';
import { toSavedMethod } from '../wire/saved-method.js';
import { newestFirstPage } from '../http/cursor.js';
import { Failure } from '../services/failure.js';
import { runIdempotent } from '../services/idempotency.js';
import { recordChanges } from '../sync/record.js';
import { idempotencyKey } from '../http/idempotent.js';
import { payersOf, savedMethodsOf } from './payers.js';
import { topUpScope } from './payments-access.js';
import { findPayment, findWallet } from '../services/lookups.js';

const errors = { '4xx': errorBodySchema, '5xx': errorBodySchema };
const idParams = z.strictObject({ id: z.string().min(1).max(64) });

export function registerTopUpRoutes(api: Api, ctx: AppContext) {
  const { payments } = ctx;

  api.get(
    '/v1/wallets/:id/top-up-options',
    { schema: { tags: ['payments'], params: idParams, response: { 200: topUpOptionsSchema, ...errors } } },
    async (request) => {
      const scope = scopeFor(request);
      const db = ctx.store.db;
      const wallet = await findWallet(db, scope, request.params.id);
      const settings = effectiveSettings(
        await readStoredSettings(db, scope.resellerId),
        payments.providers.registry,
      );
      const saved = await savedMethodsOf(db, wallet.customer_id);
      return {
        walletId: wallet.id,
        limits: limitsFor(settings, wallet.currency),
        methods: settings.methods
          .filter((m) => m.available)
          .map(({ enabled: _enabled, available: _available, ...m }) => m),
        payers: (await payersOf(db, wallet.customer_id)).map(toPayer),
        // Only what can be charged now, the default first (savedMethodsOf orders it so).
        // A method whose gateway is not offered now (e.g. the sandbox, test mode off) cannot be charged.
        savedMethods: saved
          .filter(
            (m) =>
              m.status === 'confirmed' &&
              settings.methods.some((s) => s.provider === m.provider && s.available),
          )
          .map(toSavedMethod),
      };
    },
  );

  api.post(
    '/v1/wallets/:id/top-ups',
    {
      schema: {
        tags: ['payments'],
        params: idParams,
        body: createTopUpBody,
        response: { 201: paymentSchema, ...errors },
      },
    },
    async (request, reply) => {
      const scope = topUpScope(request);
      const key = idempotencyKey(request, true)!;
      const now = ctx.now();
      // The key stores a pointer to the payment; the answer is always the payment as it is now.
      const outcome = await runIdempotent(
        ctx.store,
        {
          resellerId: scope.resellerId,
          key,
          fingerprint: {
            method: request.method,
            route: request.routeOptions.url,
            params: request.params,
            body: request.body,
          },
        },
        now,
        async (trx) => {
          const row = await createPaymentRow(trx, payments, scope, request.params.id, request.body, key, now);
          return { status: 201, body: { paymentId: row.id } };
        },
      );
      if (outcome.replayed) reply.header('idempotent-replayed', 'true');
      if (outcome.status !== 201) return reply.code(outcome.status).send(outcome.body as ErrorBody);
      const { paymentId } = outcome.body as { paymentId: string };
      const payment = await openCheckout(payments, paymentId);
      return reply.code(201).send(toPayment(payment));
    },
  );

  api.get(
    '/v1/payments',
    {
      schema: {
        tags: ['payments'],
        querystring: listPaymentsQuery,
        response: { 200: paymentListSchema, ...errors },
      },
    },
    async (request) => {
      const scope = scopeFor(request);
      const { walletId, customerId, status, provider, cursor, limit } = request.query;
      let q = ctx.store.db.selectFrom('payments').selectAll().where('reseller_id', '=', scope.resellerId);
      if (scope.customerId) q = q.where('customer_id', '=', scope.customerId);
      if (walletId) q = q.where('wallet_id', '=', walletId);
      if (customerId) q = q.where('customer_id', '=', customerId);
      if (status) q = q.where('status', '=', status);
      if (provider) q = q.where('provider', '=', provider);
      const { page, nextCursor } = await newestFirstPage(q, cursor, limit);
      return { items: page.map(toPayment), nextCursor };
    },
  );

  api.get(
    '/v1/payments/:id',
    { schema: { tags: ['payments'], params: idParams, response: { 200: paymentSchema, ...errors } } },
    async (request) => toPayment(await findPayment(ctx.store.db, scopeFor(request), request.params.id)),
  );

  api.post(
    '/v1/payments/:id/cancel',
    {
      schema: {
        tags: ['payments'],
        params: idParams,
        body: emptyBodySchema,
        response: { 200: paymentSchema, ...errors },
      },
    },
    async (request) => {
      const scope = topUpScope(request);
      const now = ctx.now();
      return ctx.store.write(async (trx) => {
        const payment = await findPayment(trx, scope, request.params.id);
        if (payment.status === 'cancelled') return toPayment(payment);
        const row = await trx
          .updateTable('payments')
          .set({ status: 'cancelled', failure_reason: 'Cancelled before it was paid.', updated_at: now })
          .where('id', '=', payment.id)
          .where('status', '=', 'new')
          .returningAll()
          .executeTakeFirst();
        if (!row)
          throw new Failure(
            'payment_not_open',
            `this payment is ${payment.status}; only a new payment can be cancelled`,
          );
        if (row.saves_method_id) {
          await trx
            .updateTable('saved_methods')
            .set({ status: 'failed', updated_at: now })
            .where('id', '=', row.saves_method_id)
            .where('status', '=', 'pending')
            .execute();
        }
        await recordChanges(trx, now, [paymentChange(row, 'update')]);
        return toPayment(row);
      });
    },
  );
}
