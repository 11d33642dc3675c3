import { randomBytes } from 'node:crypto';
import { signTazapayWebhook } from '../../../src/server/gateways/tazapay/signature.js';
import {
  type EmulatedDelivery,
  type EmulatorReply,
  type EmulatorRequest,
  sendDelivery,
  startEmulatorServer,
} from './stripe-paypal-cryptomus-server.js';

/**
 * A loopback emulator of the Tazapay API v3 the tazapay gateway calls: POST /v3/checkout (HTTP Basic
 * with the API key and secret; a repeated Idempotency-Key answers the first checkout again),
 * GET /v3/checkout/{id}, GET /v3/payin/{id}, and the hosted page at each checkout's `url`. Answers
 * use Tazapay's envelope ({status, message, data} / {status: "error", errors}). Test controls play
 * the payer and Tazapay: pay (in full or another amount), decline a card (a failed payment attempt;
 * the checkout stays open), a bank transfer still processing, the checkout expiring. Each change
 * POSTs the event to the checkout's webhook_url as Tazapay does, signed with the webhook secret:
 * header `signature` = Base64(HMAC-SHA256(secret, id + body + created_at)).
 */

export interface TazapayEmulatorOptions {
  apiKey: string;
  apiSecret: string;
  webhookSecret: string;
  now?: () => Date;
  /** Deliver to each checkout's webhook_url (default), or only record the deliveries. */
  send?: boolean;
}

type Checkout = Record<string, unknown> & {
  id: string;
  payin: string;
  amount: number;
  amount_paid: number;
  invoice_currency: string;
  reference_id: string;
  status: string;
  payment_status: string;
  webhook_url: string;
};

const ident = (prefix: string) => `${prefix}_${randomBytes(10).toString('hex')}`;

/** RFC 3339 with nanoseconds, as Tazapay writes created_at. */
export const rfc3339Nano = (at: Date) => at.toISOString().replace(/Z$/, '123456Z');

export async function startTazapayEmulator(options: TazapayEmulatorOptions) {
  const now = options.now ?? (() => new Date());
  const checkouts = new Map<string, Checkout>();
  const byIdempotencyKey = new Map<string, string>();
  const requests: { method: string; path: string; body: string; headers: EmulatorRequest['headers'] }[] = [];
  const deliveries: EmulatedDelivery[] = [];
  const expectedAuth = `Basic ${Buffer.from(`${options.apiKey}:${options.apiSecret}`).toString('base64')}`;
  let base = '';

  const fail = (status: number, message: string, code = status): EmulatorReply => ({
    status,
    body: { status: 'error', message, errors: [{ code, message }] },
  });
  const ok = (message: string, data: unknown): EmulatorReply => ({
    status: 200,
    body: { status: 'success', message, data },
  });

  function create(data: Record<string, any>, idempotencyKey: string | undefined): EmulatorReply {
    if (idempotencyKey && byIdempotencyKey.has(idempotencyKey)) {
      return ok(
        'checkout session created successfully',
        checkouts.get(byIdempotencyKey.get(idempotencyKey)!),
      );
    }
    const customer = data['customer_details'];
    const missing = [
      [
        'invoice_currency',
        typeof data['invoice_currency'] === 'string' && /^[A-Z]{3}$/.test(data['invoice_currency']),
      ],
      ['amount', Number.isSafeInteger(data['amount']) && data['amount'] > 0],
      ['customer_details', typeof customer === 'object' && customer !== null],
      ['customer_details.name', typeof customer?.name === 'string' && customer.name !== ''],
      ['customer_details.email', typeof customer?.email === 'string' && customer.email.includes('@')],
      [
        'customer_details.country',
        typeof customer?.country === 'string' && /^[A-Z]{2}$/.test(customer.country),
      ],
      ['success_url', typeof data['success_url'] === 'string'],
      ['cancel_url', typeof data['cancel_url'] === 'string'],
      ['transaction_description', typeof data['transaction_description'] === 'string'],
    ].find(([, valid]) => !valid);
    if (missing) return fail(400, `invalid ${missing[0]}`);
    const id = ident('chk');
    const checkout: Checkout = {
      id,
      object: 'checkout',
      invoice_currency: data['invoice_currency'],
      amount: data['amount'],
      amount_paid: 0,
      customer_details: customer,
      customer: ident('cus'),
      success_url: data['success_url'],
      cancel_url: data['cancel_url'],
      webhook_url: data['webhook_url'] ?? '',
      transaction_description: data['transaction_description'],
      reference_id: data['reference_id'] ?? '',
      expires_at: data['expires_at'] ?? new Date(now().getTime() + 86_400_000).toISOString(),
      created_at: rfc3339Nano(now()),
      url: `${base}/checkout/${id}`,
      payment_status: 'unpaid',
      payment_status_description: null,
      status: 'active',
      payin: ident('pay'),
      payment_attempts: [],
      metadata: {},
    };
    checkouts.set(id, checkout);
    if (idempotencyKey) byIdempotencyKey.set(idempotencyKey, id);
    return ok('checkout session created successfully', checkout);
  }

  function route(request: EmulatorRequest): EmulatorReply {
    const path = request.url.pathname;
    if (request.method === 'GET' && path.startsWith('/checkout/')) {
      return { status: 200, body: '<!doctype html><title>Tazapay (emulated)</title><h1>Pay</h1>' };
    }
    requests.push({
      method: request.method,
      path,
      body: request.body.toString('utf8'),
      headers: request.headers,
    });
    if (request.headers['authorization'] !== expectedAuth) return fail(401, 'unauthorized');
    if (request.method === 'POST' && path === '/v3/checkout') {
      let data: Record<string, any>;
      try {
        data = JSON.parse(request.body.toString('utf8'));
      } catch {
        return fail(400, 'malformed JSON');
      }
      const key = request.headers['idempotency-key'];
      return create(data, typeof key === 'string' ? key : undefined);
    }
    const checkoutPath = /^\/v3\/checkout\/([^/]+)$/.exec(path);
    if (request.method === 'GET' && checkoutPath) {
      const found = checkouts.get(decodeURIComponent(checkoutPath[1]!));
      return found ? ok('checkout session fetched successfully', found) : fail(404, 'checkout not found');
    }
    const payinPath = /^\/v3\/payin\/([^/]+)$/.exec(path);
    if (request.method === 'GET' && payinPath) {
      const found = [...checkouts.values()].find((c) => c.payin === decodeURIComponent(payinPath[1]!));
      return found
        ? ok('', { id: found.payin, object: 'payin', reference_id: found.reference_id, amount: found.amount })
        : fail(404, 'payin not found');
    }
    return fail(404, 'not found');
  }

  const server = await startEmulatorServer(route);
  base = server.baseUrl;

  /** An event as Tazapay writes it: type, id, object, created_at, data. */
  function eventBody(type: string, data: unknown, createdAt = rfc3339Nano(now())) {
    return { type, id: ident('evt'), object: 'event', created_at: createdAt, data };
  }

  /** Signs `body` (an event's JSON text) as Tazapay does; `over` forges or re-dates it. */
  function signDelivery(
    body: string,
    over: { secret?: string; url?: string; eventId?: string; createdAt?: string } = {},
  ): EmulatedDelivery {
    const parsed = JSON.parse(body) as { id: string; created_at: string };
    const signature = signTazapayWebhook(
      over.secret ?? options.webhookSecret,
      over.eventId ?? parsed.id,
      body,
      over.createdAt ?? parsed.created_at,
    );
    return {
      url: over.url,
      headers: { 'content-type': 'application/json', signature },
      body: Buffer.from(body, 'utf8'),
    };
  }

  async function emit(checkout: Checkout, type: string, data: unknown): Promise<EmulatedDelivery> {
    const delivery = signDelivery(JSON.stringify(eventBody(type, data)), {
      ...(options.send === false || checkout.webhook_url === '' ? {} : { url: checkout.webhook_url }),
    });
    deliveries.push(delivery);
    return sendDelivery(delivery);
  }

  const find = (id: string) => {
    const checkout = checkouts.get(id);
    if (!checkout) throw new Error(`no emulated Tazapay checkout ${id}`);
    return checkout;
  };

  function attempt(checkout: Checkout, status: string, amount = checkout.amount) {
    const attempt = {
      id: ident('pat'),
      object: 'payment_attempt',
      created_at: rfc3339Nano(now()),
      amount,
      charge_currency: checkout.invoice_currency,
      payin: checkout.payin,
      payment_method_details: { type: 'card', card: {} },
      status,
      status_description: status === 'failed' ? 'card declined by the issuer' : null,
    };
    (checkout['payment_attempts'] as unknown[]).push(attempt);
    return attempt;
  }

  return {
    baseUrl: base,
    requests,
    deliveries,
    checkouts: checkouts as ReadonlyMap<string, Checkout>,
    eventBody,
    signDelivery,
    /** The payer pays `amount` (Tazapay's two-decimal integer; default: all of it): checkout.paid. */
    async pay(id: string, amount?: number) {
      const checkout = find(id);
      const paid = amount ?? checkout.amount;
      attempt(checkout, 'succeeded', paid);
      Object.assign(checkout, { amount_paid: checkout.amount_paid + paid, payment_status: 'paid' });
      return emit(checkout, 'checkout.paid', checkout);
    },
    /** A bank transfer on its way: payment_status processing, announced by its payment attempt. */
    async payLater(id: string) {
      const checkout = find(id);
      const pending = attempt(checkout, 'processing');
      checkout.payment_status = 'processing';
      return emit(checkout, 'payment_attempt.processing', pending);
    },
    /** A card declined: payment_attempt.failed; the checkout stays unpaid and open for another try. */
    async decline(id: string) {
      const checkout = find(id);
      return emit(checkout, 'payment_attempt.failed', attempt(checkout, 'failed'));
    },
    /** The checkout's time runs out unpaid: status expired, checkout.expired. */
    async expire(id: string) {
      const checkout = find(id);
      checkout.status = 'expired';
      return emit(checkout, 'checkout.expired', checkout);
    },
    close: server.close,
  };
}

export type TazapayEmulator = Awaited<ReturnType<typeof startTazapayEmulator>>;
