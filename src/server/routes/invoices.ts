import { z } from 'zod';
import { emptyBodySchema, errorBodySchema } from '../../shared/api/common.js';
import {
  createInvoiceBody,
  invoiceCheckoutBody,
  invoiceCustomerSettingsBody,
  invoiceCustomerSettingsSchema,
  invoiceListSchema,
  invoiceSchema,
  invoiceSeriesBody,
  invoiceSeriesSchema,
  listInvoicesQuery,
  markInvoicePaidBody,
  payInvoiceBody,
  topUpInvoiceBody,
  updateInvoiceBody,
} from '../../shared/api/invoices.js';
import { languageSchema } from '../../shared/api/language.js';
import { paymentSchema } from '../../shared/api/payments.js';
import type { Api, AppContext } from '../context.js';
import { customerLanguage } from '../email/recipients.js';
import { adminScope, staffScope, topUpScope } from '../http/access.js';
import { firstStepOnce, idempotencyKey } from '../http/idempotent.js';
import { listRoute, writeRoute } from '../http/route-shapes.js';
import { scopeFor } from '../http/scope.js';
import { openCheckout } from '../payments/checkout.js';
import { startCheckoutPayment } from '../http/checkout-payment.js';
import { createInvoiceDraft, updateInvoiceDraft } from '../services/invoices/create.js';
import { finalizeInvoice } from '../services/invoices/finalize.js';
import { invoicesQuery } from '../services/invoices/list.js';
import { createInvoicePayment, payInvoiceFromWallet } from '../services/invoices/pay.js';
import { renderInvoicePdf } from '../services/invoices/pdf.js';
import {
  readCustomerInvoiceSettings,
  readInvoiceSeries,
  setCustomerInvoiceSettings,
  setInvoicePrefix,
} from '../services/invoices/settings.js';
import { requestReceiptInvoice } from '../services/invoices/receipt.js';
import { voidInvoice } from '../services/invoices/void.js';
import { recordAudit } from '../services/audit/record.js';
import { createTopUpInvoice, markInvoicePaid } from '../services/invoices/transfer.js';
import { findCustomer, findInvoice } from '../services/lookups.js';
import { unwrap } from '../services/result.js';
import { toInvoice } from '../wire/invoice.js';

const errors = { '4xx': errorBodySchema, '5xx': errorBodySchema };
const idParams = z.strictObject({ id: z.string().min(1).max(64) });
const tags = ['invoices'];
/** A PDF's language: the console asks for its viewer's; without it, the customer's (as its emails). */
const pdfQuery = z.strictObject({ lang: languageSchema.optional() });

export function registerInvoiceRoutes(api: Api, ctx: AppContext) {
  const { payments } = ctx;
  const invoiceNow = (resellerId: string, id: string) =>
    ctx.store.db
      .selectFrom('invoices')
      .selectAll()
      .where('reseller_id', '=', resellerId)
      .where('id', '=', id)
      .executeTakeFirstOrThrow();

  writeRoute(
    api,
    ctx,
    {
      method: 'POST',
      url: '/v1/customers/:id/invoices',
      tags,
      params: idParams,
      body: createInvoiceBody,
      status: 201,
      response: invoiceSchema,
      keyRequired: false,
    },
    async ({ params, body }, trx, now, scope) =>
      unwrap(await createInvoiceDraft(trx, scope, { ...body, customerId: params.id }, now)),
  );

  writeRoute(
    api,
    ctx,
    {
      method: 'PATCH',
      url: '/v1/invoices/:id',
      tags,
      params: idParams,
      body: updateInvoiceBody,
      status: 200,
      response: invoiceSchema,
      keyRequired: false,
    },
    async ({ params, body }, trx, now, scope) =>
      unwrap(await updateInvoiceDraft(trx, scope, { ...body, id: params.id }, now)),
  );

  api.post(
    '/v1/invoices/:id/finalize',
    {
      schema: { tags, params: idParams, body: emptyBodySchema, response: { 200: invoiceSchema, ...errors } },
    },
    async (request, reply) => {
      const scope = adminScope(request);
      const key = idempotencyKey(request, true)!;
      const now = ctx.now();
      // The key stores a pointer; the answer is the invoice as it is after the backup charge (if any).
      const started = await firstStepOnce(
        ctx,
        request,
        reply,
        { scope, key, now, status: 200 },
        async (trx) => {
          const input = { id: request.params.id, idempotencyKey: key, gateways: payments.providers };
          const done = unwrap(await finalizeInvoice(trx, scope, input, now));
          return { invoiceId: done.invoice.id, chargePaymentId: done.chargePaymentId };
        },
      );
      if (started === null) return reply;
      const { invoiceId, chargePaymentId } = started;
      // Off-session charge of the saved method: a refusal by the gateway leaves the invoice partly paid.
      if (chargePaymentId) await openCheckout(payments, chargePaymentId);
      return reply.code(200).send(toInvoice(await invoiceNow(scope.resellerId, invoiceId)));
    },
  );

  writeRoute(
    api,
    ctx,
    {
      method: 'POST',
      url: '/v1/invoices/:id/pay',
      tags,
      params: idParams,
      body: payInvoiceBody,
      status: 200,
      response: invoiceSchema,
      keyRequired: true,
      access: 'customer-own',
    },
    async ({ params }, trx, now, scope) =>
      unwrap(await payInvoiceFromWallet(trx, scope, { id: params.id }, now)),
  );

  api.post(
    '/v1/invoices/:id/payments',
    {
      schema: {
        tags,
        params: idParams,
        body: invoiceCheckoutBody,
        response: { 201: paymentSchema, ...errors },
      },
    },
    async (request, reply) => {
      const scope = topUpScope(request);
      const invoice = await findInvoice(ctx.store.db, scope, request.params.id).catch(() => null);
      return startCheckoutPayment(ctx, request, reply, {
        scope,
        asked: invoice ? { amount: invoice.amount_due, currency: invoice.currency } : null,
        create: (trx, key, now) =>
          createInvoicePayment(
            trx,
            scope,
            { id: request.params.id, body: request.body, idempotencyKey: key, gateways: payments.providers },
            now,
          ),
      });
    },
  );

  writeRoute(
    api,
    ctx,
    {
      method: 'POST',
      url: '/v1/invoices/:id/void',
      tags,
      params: idParams,
      body: emptyBodySchema,
      status: 200,
      response: invoiceSchema,
      keyRequired: true,
    },
    async ({ params }, trx, now, scope) => unwrap(await voidInvoice(trx, scope, { id: params.id }, now)),
  );

  writeRoute(
    api,
    ctx,
    {
      method: 'POST',
      url: '/v1/wallets/:id/invoice-top-ups',
      tags,
      params: idParams,
      body: topUpInvoiceBody,
      status: 201,
      response: invoiceSchema,
      keyRequired: false,
      access: 'customer-own',
    },
    async ({ params, body }, trx, now, scope) =>
      unwrap(await createTopUpInvoice(trx, scope, { walletId: params.id, amount: body.amount }, now)),
  );

  // A receipt for a paid top-up: one per payment, so asking again answers the same invoice (200).
  api.post(
    '/v1/payments/:id/invoice',
    {
      schema: {
        tags,
        params: idParams,
        body: emptyBodySchema,
        response: { 200: invoiceSchema, 201: invoiceSchema, ...errors },
      },
    },
    async (request, reply) => {
      const scope = topUpScope(request);
      const now = ctx.now();
      const receipt = await ctx.store.write(async (trx) =>
        unwrap(await requestReceiptInvoice(trx, scope, { paymentId: request.params.id }, now)),
      );
      return reply.code(receipt.created ? 201 : 200).send(receipt.invoice);
    },
  );

  writeRoute(
    api,
    ctx,
    {
      method: 'POST',
      url: '/v1/invoices/:id/mark-paid',
      tags,
      params: idParams,
      body: markInvoicePaidBody,
      status: 200,
      response: invoiceSchema,
      keyRequired: true,
    },
    async ({ params, body }, trx, now, scope) => {
      const invoice = unwrap(await markInvoicePaid(trx, scope, { id: params.id, ...body }, now));
      const transfer = invoice.payments.findLast((a) => a.kind === 'transfer');
      // Staff's word that the money arrived (a matched bank line records its own action): what
      // came in, in the invoice's currency, and the bank's reference and day as they gave them.
      await recordAudit(
        trx,
        scope,
        {
          action: 'invoice.marked_paid',
          entityType: 'invoice',
          entityId: invoice.id,
          after: {
            status: invoice.status,
            amount: transfer?.amount ?? null,
            amountPaid: invoice.amountPaid,
            currency: invoice.currency,
            number: invoice.number,
            bankReference: body.reference ?? null,
            receivedOn: body.receivedOn ?? null,
          },
          reason: body.reference ?? null,
        },
        now,
      );
      return invoice;
    },
  );

  listRoute(
    api,
    { url: '/v1/invoices', tags, querystring: listInvoicesQuery, response: invoiceListSchema },
    (scope, filters) => invoicesQuery(ctx.store.db, scope, filters),
    toInvoice,
  );

  api.get(
    '/v1/invoices/:id',
    { schema: { tags, params: idParams, response: { 200: invoiceSchema, ...errors } } },
    async (request) => toInvoice(await findInvoice(ctx.store.db, scopeFor(request), request.params.id)),
  );

  api.get(
    '/v1/invoices/:id/pdf',
    {
      schema: {
        tags,
        params: idParams,
        querystring: pdfQuery,
        response: { 200: z.string().describe('application/pdf'), ...errors },
      },
    },
    async (request, reply) => {
      const scope = scopeFor(request);
      const invoice = toInvoice(await findInvoice(ctx.store.db, scope, request.params.id));
      const customer = await findCustomer(ctx.store.db, scope, invoice.customerId);
      const lang = request.query.lang ?? (await customerLanguage(ctx.store.db, invoice.customerId));
      const reseller = await ctx.store.db
        .selectFrom('resellers')
        .select('name')
        .where('id', '=', scope.resellerId)
        .executeTakeFirstOrThrow();
      const pdf = await renderInvoicePdf(
        invoice,
        {
          reseller: reseller.name,
          customer: customer.name,
          customerEmail: customer.email,
        },
        lang,
      );
      return reply
        .code(200)
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${invoice.number ?? invoice.id}.pdf"`)
        .serializer((payload: unknown) => payload as string)
        .send(pdf as unknown as string);
    },
  );

  api.get(
    '/v1/customers/:id/invoice-settings',
    { schema: { tags, params: idParams, response: { 200: invoiceCustomerSettingsSchema, ...errors } } },
    async (request) => readCustomerInvoiceSettings(ctx.store.db, scopeFor(request), request.params.id),
  );

  writeRoute(
    api,
    ctx,
    {
      method: 'PUT',
      url: '/v1/customers/:id/invoice-settings',
      tags,
      params: idParams,
      body: invoiceCustomerSettingsBody,
      status: 200,
      response: invoiceCustomerSettingsSchema,
      keyRequired: false,
    },
    async ({ params, body }, trx, now, scope) =>
      unwrap(
        await setCustomerInvoiceSettings(trx, scope, { customerId: params.id, autoPay: body.autoPay }, now),
      ),
  );

  api.get(
    '/v1/invoice-settings',
    { schema: { tags, response: { 200: invoiceSeriesSchema, ...errors } } },
    async (request) => readInvoiceSeries(ctx.store.db, staffScope(request)),
  );

  writeRoute(
    api,
    ctx,
    {
      method: 'PUT',
      url: '/v1/invoice-settings',
      tags,
      body: invoiceSeriesBody,
      status: 200,
      response: invoiceSeriesSchema,
      keyRequired: false,
    },
    async ({ body }, trx, now, scope) => unwrap(await setInvoicePrefix(trx, scope, body, now)),
  );
}
