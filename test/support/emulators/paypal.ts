import { randomBytes, randomUUID, sign, type KeyObject } from 'node:crypto';
import { createSelfSignedCertificate } from '../../../src/server/gateways/paypal/self-signed-certificate.js';
import { paypalSignedMessage } from '../../../src/server/gateways/paypal/signature.js';
import {
  type EmulatedDelivery,
  type EmulatorReply,
  type EmulatorRequest,
  sendDelivery,
  startEmulatorServer,
} from './stripe-paypal-cryptomus-server.js';

/**
 * A loopback emulator of the PayPal REST endpoints the paypal gateway calls: OAuth2 client
 * credentials (POST /v1/oauth2/token, HTTP Basic), Orders v2 create / get / capture with Bearer
 * tokens and PayPal-Request-Id replay, the webhook signing certificate
 * (GET /v1/notifications/certs/…) and Payments v2 captures and refunds (GET
 * /v2/payments/captures/{id}, POST /v2/payments/captures/{id}/refund, GET /v2/payments/refunds/{id}). Test controls play the payer (approve, with a funding source
 * that may decline at capture, or a capture PayPal refuses) and PayPal (void, refunds left PENDING
 * and settled later). Each change delivers the webhook PayPal would,
 * signed SHA256withRSA over `transmissionId|time|webhookId|crc32(body)` with the key of the
 * certificate this emulator serves.
 */

export interface PayPalEmulatorOptions {
  clientId: string;
  clientSecret: string;
  merchantId: string;
  webhookId: string;
  webhookUrl?: string;
  now?: () => Date;
}

type Json = Record<string, any>;

const CURRENCY_DIGITS: Record<string, number> = { JPY: 0, HUF: 0, TWD: 0 };
const REQUEST_ID_KEPT_MS = 6 * 3600_000;
const orderId = () => randomBytes(9).toString('hex').toUpperCase().slice(0, 17);

/**
 * How PayPal describes the refund errors of POST /v2/payments/captures/{id}/refund (its `details[0]`
 * of an HTTP 422 UNPROCESSABLE_ENTITY: https://developer.paypal.com/docs/api/payments/v2/#captures_refund),
 * and the declines of an order's charge or capture (https://developer.paypal.com/docs/api/orders/v2/).
 */
const ISSUE_DESCRIPTIONS: Readonly<Record<string, string>> = {
  INSTRUMENT_DECLINED:
    "The instrument presented was either declined by the processor or bank, or it can't be used for this payment.",
  PAYER_ACTION_REQUIRED: 'Transaction cannot complete successfully, instruct the buyer to return to PayPal.',
  TRANSACTION_REFUSED: 'The request was refused.',
  CAPTURE_FULLY_REFUNDED: 'The capture has already been fully refunded.',
  REFUND_AMOUNT_EXCEEDED:
    'The refund amount must be less than or equal to the capture amount that has not yet been refunded.',
  REFUND_TIME_LIMIT_EXCEEDED: 'You are over the time limit to perform a refund on this capture.',
  REFUND_TIME_EXCEEDED_FOR_PAYMENT_SOURCE:
    "The time limit set by the payer's selected payment source to refund this transaction has expired.",
  REFUND_FAILED_INSUFFICIENT_FUNDS: 'Capture could not be refunded due to insufficient funds.',
  PARTIAL_REFUND_NOT_ALLOWED: 'You cannot do a refund for an amount less than the original capture amount.',
  MAX_NUMBER_OF_REFUNDS_EXCEEDED:
    'You have exceeded the number of refunds that can be processed per capture.',
  CAPTURE_DISPUTED_PARTIAL_REFUND_NOT_ALLOWED:
    'Partial refunds cannot be offered at this time because there is an open case on this transaction.',
};

export async function startPayPalEmulator(options: PayPalEmulatorOptions) {
  const now = options.now ?? (() => new Date());
  const certificate = createSelfSignedCertificate({
    commonName: 'messageverificationcerts.paypal.com',
    notBefore: new Date(now().getTime() - 24 * 3600_000),
    notAfter: new Date(now().getTime() + 365 * 24 * 3600_000),
  });
  const certName = `CERT-360caa42-fca2a594-${randomBytes(4).toString('hex')}`;
  const tokens = new Set<string>();
  const orders = new Map<string, Json>();
  /** The issue PayPal refuses each order's capture with (HTTP 422), by order id: see approve. */
  const refusing = new Map<string, string>();
  const vaults = new Map<string, { declines: boolean; email: string }>();
  /** First replies by request id, and when: PayPal keeps a PayPal-Request-Id for 6 hours. */
  const replays = new Map<string, { reply: EmulatorReply; at: number }>();
  const sending: Promise<unknown>[] = [];
  const requests: { method: string; path: string; requestId?: string }[] = [];
  const deliveries: EmulatedDelivery[] = [];
  let webhookUrl = options.webhookUrl;
  let base = '';
  /** While set, every vaulted account's charge is declined with this issue (see declineCharges). */
  let chargesDeclinedWith: string | false = false;
  /** The issue PayPal refuses every refund with, while set (see refuseRefunds). */
  let refusingRefunds: string | false = false;
  /** While set, every refund PayPal makes is PENDING (see pendRefunds). */
  let refundsPending = false;
  /** While set, refunds are made but their answers lost (see loseRefundAnswers). */
  let refundAnswersLost = false;
  /** While set, refunds are made without the invoice_id asked (see makeRefundsUnnamed). */
  let refundsUnnamed = false;

  const problem = (status: number, name: string, issue?: string): EmulatorReply => ({
    status,
    body: {
      name,
      message: issue ? `The requested action could not be performed: ${issue}` : name,
      debug_id: randomBytes(6).toString('hex'),
      ...(issue ? { details: [{ issue, description: ISSUE_DESCRIPTIONS[issue] ?? issue }] } : {}),
    },
  });

  const validValue = (money: Json | undefined) => {
    const digits = CURRENCY_DIGITS[money?.['currency_code']] ?? 2;
    const pattern = digits === 0 ? /^\d{1,10}$/ : new RegExp(`^\\d{1,10}(?:\\.\\d{1,${digits}})?$`);
    return (
      typeof money?.['value'] === 'string' &&
      /^[A-Z]{3}$/.test(money['currency_code']) &&
      pattern.test(money['value'])
    );
  };

  function capture(order: Json): Json {
    const unit = order['purchase_units'][0];
    const captureId = orderId();
    unit.payments = {
      captures: [
        {
          id: captureId,
          status: 'COMPLETED',
          amount: { ...unit.amount },
          final_capture: true,
          custom_id: unit.custom_id,
          create_time: now().toISOString(),
        },
      ],
    };
    order['status'] = 'COMPLETED';
    const vault = order['payment_source']?.paypal?.attributes?.vault;
    if (vault?.store_in_vault === 'ON_SUCCESS') {
      const id = `VT${orderId()}`;
      vaults.set(id, {
        declines: refusing.get(order['id']) === 'INSTRUMENT_DECLINED',
        email: order['payment_source'].paypal.email_address,
      });
      order['payment_source'].paypal.attributes.vault = {
        id,
        status: 'VAULTED',
        customer: { id: `CUST${orderId()}` },
      };
    }
    return {
      ...unit.payments.captures[0],
      supplementary_data: { related_ids: { order_id: order['id'] } },
      payee: unit.payee,
    };
  }

  function createOrder(body: Json): EmulatorReply {
    const unit = body['purchase_units']?.[0];
    if (body['intent'] !== 'CAPTURE' || !unit || !validValue(unit['amount'])) {
      return problem(422, 'UNPROCESSABLE_ENTITY', 'DECIMAL_PRECISION');
    }
    const id = orderId();
    const paypal = body['payment_source']?.paypal ?? {};
    const order: Json = {
      id,
      intent: 'CAPTURE',
      status: 'PAYER_ACTION_REQUIRED',
      purchase_units: [
        { ...unit, payee: { merchant_id: options.merchantId, email_address: 'merchant@example.test' } },
      ],
      payment_source: { paypal: { ...paypal, experience_context: undefined } },
      create_time: now().toISOString(),
      links: [
        { href: `${base}/v2/checkout/orders/${id}`, rel: 'self', method: 'GET' },
        { href: `${base}/checkoutnow?token=${id}`, rel: 'payer-action', method: 'GET' },
      ],
    };
    orders.set(id, order);
    if (typeof paypal['vault_id'] === 'string') {
      // A vaulted account: no payer present, captured at once.
      const vault = vaults.get(paypal['vault_id']);
      if (!vault) return problem(422, 'UNPROCESSABLE_ENTITY', 'INVALID_PAYPAL_VAULT_ID');
      if (vault.declines) return problem(422, 'UNPROCESSABLE_ENTITY', 'INSTRUMENT_DECLINED');
      if (chargesDeclinedWith) return problem(422, 'UNPROCESSABLE_ENTITY', chargesDeclinedWith);
      order['payment_source'] = { paypal: { email_address: vault.email } };
      capture(order);
      order['links'] = [order['links'][0]];
    }
    return { status: 201, body: order };
  }

  function findCapture(captureId: string): { order: Json; unit: Json; capture: Json } | undefined {
    for (const o of orders.values()) {
      const unit = o['purchase_units'][0];
      const capture = unit.payments?.captures?.find((c: Json) => c['id'] === captureId);
      if (capture) return { order: o, unit, capture };
    }
    return undefined;
  }

  const toMinor = (value: string, currency: string) =>
    Math.round(Number(value) * 10 ** (CURRENCY_DIGITS[currency] ?? 2));

  /** POST /v2/payments/captures/{id}/refund: never more than the capture has left. */
  function refundCapture(captureId: string, raw: Buffer): EmulatorReply {
    const found = findCapture(captureId);
    if (!found) return problem(404, 'RESOURCE_NOT_FOUND', 'INVALID_RESOURCE_ID');
    const { unit, capture } = found;
    if (refusingRefunds) return problem(422, 'UNPROCESSABLE_ENTITY', refusingRefunds);
    if (capture['status'] === 'REVERSED') {
      return problem(422, 'UNPROCESSABLE_ENTITY', 'CAPTURE_DISPUTED_PARTIAL_REFUND_NOT_ALLOWED');
    }
    let body: Json;
    try {
      body = raw.length === 0 ? {} : JSON.parse(raw.toString('utf8'));
    } catch {
      return problem(400, 'INVALID_REQUEST', 'MALFORMED_REQUEST_JSON');
    }
    const currency = capture['amount']['currency_code'];
    const refunds: Json[] = (unit.payments.refunds ??= []);
    // A refund that failed or was cancelled gave its money back to the capture.
    const done = refunds
      .filter((r) => r['status'] === 'COMPLETED' || r['status'] === 'PENDING')
      .reduce((sum, r) => sum + toMinor(r['amount']['value'], currency), 0);
    const left = toMinor(capture['amount']['value'], currency) - done;
    const asked = body['amount'] ? toMinor(body['amount']['value'], currency) : left;
    if (body['amount'] && (!validValue(body['amount']) || body['amount']['currency_code'] !== currency)) {
      return problem(422, 'UNPROCESSABLE_ENTITY', 'CURRENCY_MISMATCH');
    }
    // "Requested invoice_id has been previously refunded" (Payments v2 errors, DUPLICATE_REFUND):
    // a refund asked again under the invoice_id of one PayPal made, once the request id is forgotten.
    const invoiceId = body['invoice_id'];
    const refundedBefore =
      typeof invoiceId === 'string' &&
      [...orders.values()].some((o) =>
        (o['purchase_units'][0].payments?.refunds ?? []).some((r: Json) => r['invoice_id'] === invoiceId),
      );
    if (refundedBefore) return problem(422, 'UNPROCESSABLE_ENTITY', 'DUPLICATE_REFUND');
    if (left <= 0) return problem(422, 'UNPROCESSABLE_ENTITY', 'CAPTURE_FULLY_REFUNDED');
    if (asked <= 0 || asked > left) return problem(422, 'UNPROCESSABLE_ENTITY', 'REFUND_AMOUNT_EXCEEDED');
    const digits = CURRENCY_DIGITS[currency] ?? 2;
    const id = orderId();
    const refund: Json = {
      id,
      status: refundsPending ? 'PENDING' : 'COMPLETED',
      ...(refundsPending ? { status_details: { reason: 'ECHECK' } } : {}),
      amount: { currency_code: currency, value: (asked / 10 ** digits).toFixed(digits) },
      custom_id: body['custom_id'],
      invoice_id: refundsUnnamed ? undefined : body['invoice_id'],
      create_time: now().toISOString(),
      links: [
        { href: `${base}/v2/payments/refunds/${id}`, rel: 'self', method: 'GET' },
        { href: `${base}/v2/payments/captures/${captureId}`, rel: 'up', method: 'GET' },
      ],
    };
    refunds.push(refund);
    capture['status'] = asked === left ? 'REFUNDED' : 'PARTIALLY_REFUNDED';
    return { status: 201, body: refund };
  }

  /** A refund PayPal made, wherever its capture is (GET /v2/payments/refunds/{id}). */
  function findRefund(refundId: string): { refund: Json; unit: Json; capture: Json } | undefined {
    for (const o of orders.values()) {
      const unit = o['purchase_units'][0];
      const refund = unit.payments?.refunds?.find((r: Json) => r['id'] === refundId);
      if (refund) return { refund, unit, capture: unit.payments.captures[0] };
    }
    return undefined;
  }

  function route(request: EmulatorRequest): EmulatorReply {
    const path = request.url.pathname;
    if (request.method === 'GET' && path === '/checkoutnow') {
      return {
        status: 200,
        body: '<!doctype html><title>PayPal (emulated)</title><h1>Log in to PayPal</h1>',
      };
    }
    if (request.method === 'GET' && path === `/v1/notifications/certs/${certName}`) {
      return {
        status: 200,
        body: certificate.certificatePem,
        headers: { 'content-type': 'application/x-pem-file' },
      };
    }
    if (request.method === 'POST' && path === '/v1/oauth2/token') {
      const basic = `Basic ${Buffer.from(`${options.clientId}:${options.clientSecret}`).toString('base64')}`;
      if (request.headers.authorization !== basic) {
        return {
          status: 401,
          body: { error: 'invalid_client', error_description: 'Client Authentication failed' },
        };
      }
      if (new URLSearchParams(request.body.toString('utf8')).get('grant_type') !== 'client_credentials') {
        return { status: 400, body: { error: 'unsupported_grant_type' } };
      }
      const token = `A21AA${randomBytes(24).toString('base64url')}`;
      tokens.add(token);
      return {
        status: 200,
        body: {
          scope: 'https://uri.paypal.com/services/payments/payment',
          access_token: token,
          token_type: 'Bearer',
          app_id: 'APP-80W284485P519543T',
          expires_in: 32400,
          nonce: randomUUID(),
        },
      };
    }
    const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (!bearer || !tokens.has(bearer)) {
      return {
        status: 401,
        body: { error: 'invalid_token', error_description: 'Token signature verification failed' },
      };
    }
    const refundOf = /^\/v2\/payments\/captures\/([A-Z0-9]+)\/refund$/.exec(path);
    if (refundOf && request.method === 'POST') {
      const reply = refundCapture(refundOf[1]!, request.body);
      // PayPal tells the merchant of a refund made through its API too, once, when it completes
      // (whether or not its answer reaches the caller); a PENDING one says so when it settles
      // (settleRefundLater). A replayed request id makes no refund, so no event.
      const made = reply.body as Json;
      if (reply.status === 201 && made['status'] === 'COMPLETED')
        void emit('PAYMENT.CAPTURE.REFUNDED', 'refund', { ...made });
      return reply;
    }
    const shownCapture = /^\/v2\/payments\/captures\/([A-Z0-9]+)$/.exec(path);
    if (shownCapture && request.method === 'GET') {
      const found = findCapture(shownCapture[1]!);
      if (!found) return problem(404, 'RESOURCE_NOT_FOUND', 'INVALID_RESOURCE_ID');
      const related = { related_ids: { order_id: found.order['id'] } };
      return { status: 200, body: { ...found.capture, supplementary_data: related } };
    }
    const shownRefund = /^\/v2\/payments\/refunds\/([A-Z0-9]+)$/.exec(path);
    if (shownRefund && request.method === 'GET') {
      const found = findRefund(shownRefund[1]!);
      return found
        ? { status: 200, body: found.refund }
        : problem(404, 'RESOURCE_NOT_FOUND', 'INVALID_RESOURCE_ID');
    }
    const match = /^\/v2\/checkout\/orders(?:\/([A-Z0-9]+))?(\/capture)?$/.exec(path);
    if (!match) return problem(404, 'RESOURCE_NOT_FOUND');
    const [, id, isCapture] = match;
    if (request.method === 'POST' && id === undefined) {
      let body: Json;
      try {
        body = JSON.parse(request.body.toString('utf8'));
      } catch {
        return problem(400, 'INVALID_REQUEST', 'MALFORMED_REQUEST_JSON');
      }
      return createOrder(body);
    }
    const order = id === undefined ? undefined : orders.get(id);
    if (!order) return problem(404, 'RESOURCE_NOT_FOUND', 'INVALID_RESOURCE_ID');
    if (request.method === 'GET' && !isCapture) return { status: 200, body: order };
    if (request.method === 'POST' && isCapture) {
      if (order['status'] === 'COMPLETED')
        return problem(422, 'UNPROCESSABLE_ENTITY', 'ORDER_ALREADY_CAPTURED');
      if (order['status'] !== 'APPROVED') return problem(422, 'UNPROCESSABLE_ENTITY', 'ORDER_NOT_APPROVED');
      const refusal = refusing.get(order['id']);
      if (refusal === 'PAYER_ACTION_REQUIRED') {
        // PayPal wants the payer back on the order's payer-action page; approving there again
        // lets the order be captured.
        refusing.delete(order['id']);
        Object.assign(order, { status: 'PAYER_ACTION_REQUIRED', update_time: now().toISOString() });
      }
      if (refusal) return problem(422, 'UNPROCESSABLE_ENTITY', refusal);
      const done = capture(order);
      void emit('PAYMENT.CAPTURE.COMPLETED', 'capture', done);
      return { status: 201, body: order };
    }
    return problem(405, 'METHOD_NOT_SUPPORTED');
  }

  const server = await startEmulatorServer((request) => {
    const header = request.headers['paypal-request-id'];
    const requestId = typeof header === 'string' ? header : undefined;
    requests.push({
      method: request.method,
      path: request.url.pathname,
      ...(requestId ? { requestId } : {}),
    });
    // PayPal answers a repeated PayPal-Request-Id with the first result, for 6 hours ("The server
    // stores keys for 6 hours", Orders v2): after that the same request acts again.
    const key = requestId ? `${request.url.pathname} ${requestId}` : undefined;
    const previous = key ? replays.get(key) : undefined;
    // A refund made (or replayed) whose answer never reaches the caller: see loseRefundAnswers.
    const lost =
      refundAnswersLost &&
      request.method === 'POST' &&
      /^\/v2\/payments\/captures\/[^/]+\/refund$/.test(request.url.pathname);
    const answer = (reply: EmulatorReply) => (lost ? problem(503, 'SERVICE_UNAVAILABLE') : reply);
    if (previous && now().getTime() - previous.at < REQUEST_ID_KEPT_MS) return answer(previous.reply);
    const reply = route(request);
    if (key && request.method === 'POST' && reply.status < 500) {
      replays.set(key, { reply: structuredClone(reply), at: now().getTime() });
    }
    return answer(reply);
  });
  base = server.baseUrl;
  const certUrl = `${base}/v1/notifications/certs/${certName}`;

  /** A delivery of `body` signed as PayPal signs it; the overrides build forgeries and odd cases. */
  function signDelivery(
    body: string,
    over: {
      time?: string;
      webhookId?: string;
      privateKey?: KeyObject;
      certUrl?: string;
      transmissionId?: string;
    } = {},
  ): EmulatedDelivery {
    const raw = Buffer.from(body, 'utf8');
    const transmissionId = over.transmissionId ?? randomUUID();
    const time = over.time ?? now().toISOString();
    const message = paypalSignedMessage(transmissionId, time, over.webhookId ?? options.webhookId, raw);
    const signature = sign('sha256', Buffer.from(message), over.privateKey ?? certificate.privateKey);
    return {
      url: webhookUrl,
      headers: {
        'content-type': 'application/json',
        'paypal-transmission-id': transmissionId,
        'paypal-transmission-time': time,
        'paypal-transmission-sig': signature.toString('base64'),
        'paypal-cert-url': over.certUrl ?? certUrl,
        'paypal-auth-algo': 'SHA256withRSA',
      },
      body: raw,
    };
  }

  async function emit(eventType: string, resourceType: string, resource: Json): Promise<EmulatedDelivery> {
    const event = {
      id: `WH-${orderId()}-${orderId()}`,
      event_version: '1.0',
      create_time: now().toISOString(),
      resource_type: resourceType,
      resource_version: '2.0',
      event_type: eventType,
      summary: `${eventType} (emulated)`,
      resource,
    };
    const delivery = signDelivery(JSON.stringify(event));
    deliveries.push(delivery);
    const sent = sendDelivery(delivery);
    sending.push(sent.catch(() => undefined));
    return sent;
  }

  function order(id: string): Json {
    const found = orders.get(id);
    if (!found) throw new Error(`no emulated PayPal order ${id}`);
    return found;
  }

  return {
    baseUrl: base,
    certUrl,
    requests,
    deliveries,
    orders: orders as ReadonlyMap<string, Json>,
    setWebhookUrl(url: string | undefined) {
      webhookUrl = url;
    },
    signDelivery,
    /**
     * The payer logs in and approves. The capture is then refused (HTTP 422): with `funding:
     * 'declines'`, INSTRUMENT_DECLINED; with `captureRefused`, that issue (TRANSACTION_REFUSED every
     * time; PAYER_ACTION_REQUIRED once, the order waiting on its payer-action page again until the
     * payer approves anew).
     */
    async approve(
      id: string,
      payer: {
        funding?: 'declines';
        captureRefused?: 'TRANSACTION_REFUSED' | 'PAYER_ACTION_REQUIRED';
        email?: string;
      } = {},
    ) {
      const o = order(id);
      Object.assign(o, { status: 'APPROVED', update_time: now().toISOString() });
      o['payment_source'].paypal.email_address = payer.email ?? 'payer@example.test';
      if (payer.funding === 'declines') refusing.set(id, 'INSTRUMENT_DECLINED');
      if (payer.captureRefused) refusing.set(id, payer.captureRefused);
      return emit('CHECKOUT.ORDER.APPROVED', 'checkout-order', { ...o });
    },
    /**
     * PayPal declines every vaulted account's charge (HTTP 422) with `issue`, one of its Orders v2
     * errors (INSTRUMENT_DECLINED, PAYER_ACTION_REQUIRED, TRANSACTION_REFUSED, …), or charges them
     * again (`false`).
     */
    declineCharges(issue: string | false = 'INSTRUMENT_DECLINED') {
      chargesDeclinedWith = issue;
    },
    /** PayPal voids an order nobody approved in time. */
    voidOrder(id: string) {
      order(id)['status'] = 'VOIDED';
    },
    /** PayPal sends a capture's webhook after answering the capture; this waits until it was sent. */
    async settled() {
      await Promise.all(sending);
    },
    /**
     * PayPal refuses every refund (HTTP 422) with `issue`, one of its refund errors
     * (TRANSACTION_REFUSED, REFUND_TIME_LIMIT_EXCEEDED, …; by default a capture under dispute), or
     * accepts them again (`false`).
     */
    refuseRefunds(issue: string | false = 'CAPTURE_DISPUTED_PARTIAL_REFUND_NOT_ALLOWED') {
      refusingRefunds = issue;
    },
    /**
     * Every refund PayPal makes is PENDING (status_details ECHECK: the payer's bank has not taken
     * it yet), while `pending`; each then settles by settleRefundLater.
     */
    pendRefunds(pending = true) {
      refundsPending = pending;
    },
    /**
     * A PENDING refund settles: it reads `status` at GET /v2/payments/refunds/{id}; FAILED or
     * CANCELLED gives the capture its money back. PayPal then sends PAYMENT.CAPTURE.REFUNDED with
     * the refund as its resource (returned), or, `silently`, nothing: PayPal documents no event of
     * its own for a refund failing later, so only a re-read may find it out.
     */
    async settleRefundLater(
      refundId: string,
      status: 'COMPLETED' | 'FAILED' | 'CANCELLED',
      options: { silently?: boolean } = {},
    ): Promise<EmulatedDelivery | undefined> {
      const found = findRefund(refundId);
      if (!found) throw new Error(`no emulated PayPal refund ${refundId}`);
      const { refund, unit, capture } = found;
      Object.assign(refund, { status, update_time: now().toISOString() });
      delete refund['status_details'];
      if (status !== 'COMPLETED') {
        const currency = capture['amount']['currency_code'];
        const standing = (unit.payments.refunds as Json[])
          .filter((r) => r['status'] === 'COMPLETED' || r['status'] === 'PENDING')
          .reduce((sum, r) => sum + toMinor(r['amount']['value'], currency), 0);
        capture['status'] = standing === 0 ? 'COMPLETED' : 'PARTIALLY_REFUNDED';
      }
      if (options.silently) return undefined;
      return emit('PAYMENT.CAPTURE.REFUNDED', 'refund', { ...refund });
    },
    /**
     * Refunds asked for are made, but each answer is lost on the way back (the caller gets a 503,
     * its replays too) while `lost` is true.
     */
    loseRefundAnswers(lost: boolean) {
      refundAnswersLost = lost;
    },
    /**
     * Refunds are made as ours were before we sent our refund id with each (7c0817f9): PayPal keeps
     * no invoice_id on them, so neither the refund nor its event names our refund, while `unnamed`.
     */
    makeRefundsUnnamed(unnamed: boolean) {
      refundsUnnamed = unnamed;
    },
    /** The payer's bank takes the whole capture back: PAYMENT.CAPTURE.REVERSED. */
    async reverse(id: string) {
      const capture = order(id)['purchase_units'][0].payments.captures[0];
      capture['status'] = 'REVERSED';
      return emit('PAYMENT.CAPTURE.REVERSED', 'capture', {
        ...capture,
        supplementary_data: { related_ids: { order_id: id } },
      });
    },
    /** PayPal sends an order's capture webhook (PAYMENT.CAPTURE.COMPLETED), a vaulted charge's too, late. */
    async sendCaptureCompleted(id: string) {
      const capture = order(id)['purchase_units'][0].payments.captures[0];
      return emit('PAYMENT.CAPTURE.COMPLETED', 'capture', {
        ...capture,
        supplementary_data: { related_ids: { order_id: id } },
      });
    },
    /**
     * The merchant refunds at PayPal itself (its dashboard): PAYMENT.CAPTURE.REFUNDED, whose resource
     * is the refund (no custom_id of ours; its "up" link names the capture).
     */
    async refundAtPayPal(id: string, value: string) {
      const unit = order(id)['purchase_units'][0];
      const capture = unit.payments.captures[0];
      const reply = refundCapture(
        capture['id'],
        Buffer.from(JSON.stringify({ amount: { value, currency_code: capture['amount']['currency_code'] } })),
      );
      if (reply.status !== 201) throw new Error(`refund refused: ${JSON.stringify(reply.body)}`);
      return emit('PAYMENT.CAPTURE.REFUNDED', 'refund', { ...(reply.body as Json) });
    },
    async emitOther(eventType = 'CUSTOMER.DISPUTE.CREATED') {
      return emit(eventType, 'dispute', { dispute_id: `PP-D-${orderId()}` });
    },
    close: server.close,
  };
}

export type PayPalEmulator = Awaited<ReturnType<typeof startPayPalEmulator>>;
