import type { Api } from '../../src/server/context.js';
import type { Store } from '../../src/server/db/database.js';
import type { PaymentService } from '../../src/server/payments/service.js';
import { openReview } from '../../src/server/services/payment-reviews/open.js';
import { call, key } from './api.js';
import { createTenant, customerWithRecords, ok, type Tenant } from './tenants.js';
import { orderRecords, type OrderRecords } from './order-records.js';

/** The payment records of one customer that the id-taking payment routes name. */
export interface PaymentRecords {
  /** A sandbox top-up (status `new`, its hosted checkout open) on the customer's wallet. */
  topUpId: string;
  /** The `pending` saved method that top-up is saving, for the customer's payer. */
  savedMethodId: string;
  /** An open review of that top-up, as the payment service opens one for a mismatch. */
  reviewId: string;
  /** A webhook endpoint of the reseller (never called: the sweeps run no jobs) and a test delivery to it. */
  webhookEndpointId: string;
  webhookDeliveryId: string;
  /** A draft invoice of the customer, and an open one (1 000 USD minor units due). */
  invoiceId: string;
  openInvoiceId: string;
  /** An active top-up link to the customer's wallet. */
  topUpLinkId: string;
}

/** A tenant with payment records for both customers: what the sweeps of routes.ts need. */
export interface PaymentTenant extends Tenant, PaymentRecords, OrderRecords {
  /** A support ticket of each customer, about its top-up, opened by staff (not in freshRecords). */
  ticketId: string;
  otherOrderId: string;
  otherSubscriptionId: string;
  otherTopUpId: string;
  otherSavedMethodId: string;
  otherReviewId: string;
  otherWebhookEndpointId: string;
  otherWebhookDeliveryId: string;
  otherInvoiceId: string;
  otherOpenInvoiceId: string;
  otherTicketId: string;
  otherTopUpLinkId: string;
}

/**
 * Creates the records through the routes a reseller admin uses (payer, top-up saving its method),
 * except the review, which no route opens: it is added the way the payment service adds one. Needs
 * an API with a credentials key (startPaymentsApi), since the sandbox keeps a secret.
 */
export async function paymentRecords(
  app: Api,
  store: Store,
  admin: string,
  ids: { resellerId: string; customerId: string; walletId: string },
): Promise<PaymentRecords> {
  const payer = await ok(
    call(app, 'POST', `/v1/customers/${ids.customerId}/payers`, { token: admin, body: { name: 'Billing' } }),
  );
  const topUp = await ok(
    call(app, 'POST', `/v1/wallets/${ids.walletId}/top-ups`, {
      token: admin,
      key: key('topup'),
      body: { amount: 5_000, provider: 'sandbox', payerId: payer.id, saveMethod: true },
    }),
  );
  const methods = await ok(
    call(app, 'GET', `/v1/customers/${ids.customerId}/payment-methods`, { token: admin }),
  );
  const saved = methods.items.find((m: any) => m.status === 'pending');
  if (!saved) throw new Error(`no pending saved method: ${JSON.stringify(methods)}`);
  const at = new Date().toISOString();
  await store.write((trx) =>
    openReview(
      trx,
      {
        reseller_id: ids.resellerId,
        payment_id: topUp.id,
        provider: 'sandbox',
        reason: 'amount',
        detail: 'the provider reports 4999 USD minor units paid, 5000 expected',
        // The money that arrived, so that staff can apply it (POST /v1/payment-reviews/:id/apply).
        amount: 4_999,
        currency: 'USD',
      },
      at,
    ),
  );
  const review = await store.db
    .selectFrom('payment_reviews')
    .select('id')
    .where('payment_id', '=', topUp.id)
    .executeTakeFirstOrThrow();
  const endpoint = await ok(
    call(app, 'POST', '/v1/webhook-endpoints', {
      token: admin,
      body: { url: 'https://hooks.example.com/billing', events: ['wallet.payment_made'] },
    }),
  );
  const delivery = await ok(call(app, 'POST', `/v1/webhook-endpoints/${endpoint.id}/test`, { token: admin }));
  // "Invoice" on Top Up is the reseller's choice: offered, so invoice-top-ups answers.
  await ok(
    call(app, 'PUT', '/v1/invoice-settings', {
      token: admin,
      body: { prefix: 'INV-{YYYY}-', bankDetails: 'Example Bank, IBAN 0000', offerTopUp: true },
    }),
  );
  const invoice = () =>
    ok(
      call(app, 'POST', `/v1/customers/${ids.customerId}/invoices`, {
        token: admin,
        body: { currency: 'USD', lines: [{ description: 'Hosting', quantity: 1, unitAmount: 1_000 }] },
      }),
    );
  const draft = await invoice();
  const link = await ok(
    call(app, 'POST', `/v1/customers/${ids.customerId}/top-up-links`, {
      token: admin,
      body: { walletId: ids.walletId, expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString() },
    }),
  );
  const open = await ok(
    call(app, 'POST', `/v1/invoices/${(await invoice()).id}/finalize`, { token: admin, key: key('fin') }),
  );
  return {
    topUpId: topUp.id,
    savedMethodId: saved.id,
    reviewId: review.id,
    webhookEndpointId: endpoint.id,
    webhookDeliveryId: delivery.id,
    invoiceId: draft.id,
    openInvoiceId: open.id,
    topUpLinkId: link.id,
  };
}

/** createTenant, plus payment records for its customer and its other customer. */
export async function createPaymentTenant(app: Api, store: Store, name: string): Promise<PaymentTenant> {
  const t = await createTenant(app, name);
  const mine = await paymentRecords(app, store, t.admin, t);
  const other = await paymentRecords(app, store, t.admin, {
    resellerId: t.resellerId,
    customerId: t.otherCustomerId,
    walletId: t.otherWalletId,
  });
  const ticket = (customerId: string, topUpId: string) =>
    ok(
      call(app, 'POST', '/v1/tickets', {
        token: t.admin,
        body: {
          customerId,
          subject: 'Your top-up',
          message: 'We are looking into your top-up.',
          about: { kind: 'payment', id: topUpId },
        },
      }),
    );
  const tickets = [await ticket(t.customerId, mine.topUpId), await ticket(t.otherCustomerId, other.topUpId)];
  const orders = await orderRecords(app, t.admin, t);
  const otherOrders = await orderRecords(app, t.admin, { customerId: t.otherCustomerId }, orders.productId);
  return {
    ...t,
    ...mine,
    ...orders,
    ticketId: tickets[0].id,
    otherOrderId: otherOrders.orderId,
    otherSubscriptionId: otherOrders.subscriptionId,
    otherTopUpId: other.topUpId,
    otherSavedMethodId: other.savedMethodId,
    otherReviewId: other.reviewId,
    otherWebhookEndpointId: other.webhookEndpointId,
    otherWebhookDeliveryId: other.webhookDeliveryId,
    otherInvoiceId: other.invoiceId,
    otherOpenInvoiceId: other.openInvoiceId,
    otherTicketId: tickets[1].id,
    otherTopUpLinkId: other.topUpLinkId,
  };
}

/** customerWithRecords with payment records too: fresh records for one write each. */
export async function freshRecords(app: Api, store: Store, t: Tenant, label: string) {
  const fresh = await customerWithRecords(app, t.admin, label);
  return {
    ...fresh,
    ...(await paymentRecords(app, store, t.admin, { ...fresh, resellerId: t.resellerId })),
    ...(await orderRecords(app, t.admin, fresh)),
  };
}

const PAYMENT_TABLES = [
  'payment_settings',
  'gateway_credentials',
  'payers',
  'saved_methods',
  'payments',
  'payment_reviews',
  'top_up_links',
  'sandbox_checkouts',
  'gateway_events',
] as const;

/**
 * Every row of every payment table, in a stable order: compared before and after a sweep, it shows
 * that nothing was inserted, updated or deleted there (row counts alone would miss an update).
 */
export async function paymentRows(store: Store): Promise<Record<string, unknown[]>> {
  const rows: Record<string, unknown[]> = {};
  for (const table of PAYMENT_TABLES) {
    const all = (await store.db.selectFrom(table).selectAll().execute()) as unknown[];
    rows[table] = all.map((r) => JSON.stringify(r)).sort();
  }
  return rows;
}

/**
 * The payer pays a sandbox top-up at the "provider" (its checkout row, which the sandbox gateway
 * keeps as a real provider keeps its own state), then the payment service re-queries and settles it,
 * as after the sandbox's webhook: the top-up ends `paid` and credited, ready to be refunded.
 */
export async function paySandboxTopUp(
  app: { payments: PaymentService },
  store: Store,
  paymentId: string,
): Promise<void> {
  const payment = await store.db
    .selectFrom('payments')
    .selectAll()
    .where('id', '=', paymentId)
    .executeTakeFirstOrThrow();
  await store.write((trx) =>
    trx
      .updateTable('sandbox_checkouts')
      .set({ status: 'paid' })
      .where('id', '=', payment.provider_payment_id!)
      .execute(),
  );
  await app.payments.refresh(payment);
}
