import { createHmac, randomBytes } from 'node:crypto';
import {
  type EmulatedDelivery,
  type EmulatorReply,
  type EmulatorRequest,
  sendDelivery,
  startEmulatorServer,
} from './stripe-paypal-cryptomus-server.js';

/**
 * A loopback emulator of the parts of Stripe's API the stripe gateway calls, driven by the official
 * SDK pointed at it: GET /v1/account, POST/GET /v1/checkout/sessions (and POST …/:id/expire),
 * POST/GET /v1/payment_intents (and its list, by customer).
 * Bearer secret-key auth and Idempotency-Key replay as Stripe does them (a key still in use by
 * another request refused 409 `idempotency_key_in_use`); Stripe's form encoding in,
 * JSON out; `expand[]` for the fields the gateway expands. Test controls move a session the way a
 * payer would (pay, decline, delayed payment, expiry) and each change delivers the event Stripe
 * would send, signed `Stripe-Signature: t=…,v1=HMAC-SHA256(secret, "t.body")`.
 * Card test numbers follow Stripe's: a saved card ending in one of DECLINING_CARDS' numbers (0002,
 * 9995, …) declines off-session with that card's error code and decline code.
 */

export interface StripeEmulatorOptions {
  secretKey: string;
  accountId: string;
  webhook: { secret: string; url?: string };
  now?: () => Date;
}

type Json = Record<string, any>;

/**
 * Stripe's test cards that decline (https://docs.stripe.com/testing#declined-payments), by their
 * last four digits, and the card error each gets: its `code`, and the issuer's `decline_code`.
 */
export const DECLINING_CARDS: Readonly<Record<string, { code: string; declineCode: string }>> = {
  '0002': { code: 'card_declined', declineCode: 'generic_decline' },
  '9995': { code: 'card_declined', declineCode: 'insufficient_funds' },
  '9987': { code: 'card_declined', declineCode: 'lost_card' },
  '9979': { code: 'card_declined', declineCode: 'stolen_card' },
  '0069': { code: 'expired_card', declineCode: 'expired_card' },
  '0127': { code: 'incorrect_cvc', declineCode: 'incorrect_cvc' },
  '0119': { code: 'processing_error', declineCode: 'processing_error' },
};

/**
 * A card error as Stripe reports it (the error body's fields, and the intent's
 * `last_payment_error`): a decline code that is no test card's is a plain `card_declined` with it.
 */
export function cardError(declineCode: string): Json {
  const card = Object.values(DECLINING_CARDS).find((c) => c.declineCode === declineCode);
  const code = card?.code ?? 'card_declined';
  const message =
    code === 'expired_card'
      ? 'Your card has expired.'
      : code === 'incorrect_cvc'
        ? "Your card's security code is incorrect."
        : code === 'processing_error'
          ? 'An error occurred while processing your card. Try again in a little bit.'
          : declineCode === 'insufficient_funds'
            ? 'Your card has insufficient funds.'
            : 'Your card was declined.';
  return {
    type: 'card_error',
    code,
    decline_code: declineCode,
    message,
    doc_url: `https://stripe.com/docs/error-codes/${code.replace(/_/g, '-')}`,
  };
}

const newId = (prefix: string) => `${prefix}_${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x')}`;

/**
 * The English the emulator gives with each error code Stripe refuses POST /v1/refunds with (the
 * `error.code` of an HTTP 400: https://docs.stripe.com/error-codes), for refuseRefunds.
 */
const REFUND_REFUSALS: Readonly<Record<string, string>> = {
  charge_disputed: 'This charge is disputed and cannot be refunded',
  refund_disputed_payment: 'You cannot refund a disputed payment.',
  charge_already_refunded: 'This charge has already been refunded.',
  amount_too_large: 'Refund amount is greater than unrefunded amount on charge',
  balance_insufficient: 'Insufficient funds in your Stripe balance to refund this charge.',
  charge_not_refundable: 'This charge cannot be refunded.',
};

export async function startStripeEmulator(options: StripeEmulatorOptions) {
  const now = options.now ?? (() => new Date());
  const seconds = () => Math.floor(now().getTime() / 1000);
  const sessions = new Map<string, Json>();
  const intents = new Map<string, Json>();
  const methods = new Map<string, Json>();
  const refunds = new Map<string, Json>();
  const disputes = new Map<string, Json>();
  /** The error code Stripe refuses every refund with, while set (see refuseRefunds). */
  let refusingRefunds: string | undefined;
  let refundsDown = false;
  /** While set, every refund Stripe creates fails at once with this failure_reason (see failRefunds). */
  let refundsFailWith: string | undefined;
  /** While set, Stripe makes each refund asked for, but its answer never arrives (a 503): see loseRefundAnswers. */
  let refundAnswersLost = false;
  /** While set, every refund Stripe creates is `pending` (the card's bank has not confirmed it): see pendRefunds. */
  let refundsPending = false;
  let lookupsDown = false;
  /** While set, session creations fail before Stripe's idempotency layer sees them: see failSessionCreations. */
  let sessionCreationsFailing = false;
  /** While set, every saved card's charge is declined by its issuer with this decline code. */
  let chargesDeclinedWith: string | undefined;
  /** While set, a POST to its path (a saved card's charge, a session's or a refund's creation) waits: see holdCharges. */
  let chargesHeld: { path: HeldPath; answered: Promise<void>; reached: () => void } | null = null;
  const idempotent = new Map<string, { request: string; reply: EmulatorReply }>();
  /** Idempotency keys of POSTs being processed now. */
  const inFlight = new Set<string>();
  const requests: { method: string; path: string; userAgent: string; idempotencyKey?: string }[] = [];
  const deliveries: EmulatedDelivery[] = [];
  let webhookUrl = options.webhook.url;

  const error = (status: number, type: string, message: string, extra: Json = {}): EmulatorReply => ({
    status,
    body: { error: { type, message, ...extra } },
  });

  function expanded(object: Json, expand: string[], prefix = ''): Json {
    const copy: Json = { ...object };
    for (const field of ['payment_intent', 'payment_method']) {
      const path = `${prefix}${field}`;
      const id = copy[field];
      if (typeof id !== 'string' || !expand.includes(path)) continue;
      const target = field === 'payment_intent' ? intents.get(id) : methods.get(id);
      if (target) copy[field] = expanded(target, expand, `${path}.`);
    }
    return copy;
  }

  function createIntent(fields: Json): Json {
    const intent: Json = {
      id: newId('pi'),
      object: 'payment_intent',
      amount: fields['amount'],
      amount_received: 0,
      currency: fields['currency'],
      customer: fields['customer'] ?? null,
      payment_method: fields['payment_method'] ?? null,
      metadata: fields['metadata'] ?? {},
      setup_future_usage: fields['setup_future_usage'] ?? null,
      status: 'requires_payment_method',
      last_payment_error: null,
      created: seconds(),
      livemode: false,
    };
    intents.set(intent['id'], intent);
    return intent;
  }

  function createSession(form: Json, baseUrl: string): EmulatorReply {
    const item = form['line_items']?.[0];
    const price = item?.['price_data'];
    const amount = Number(price?.['unit_amount']);
    if (form['mode'] !== 'payment')
      return error(400, 'invalid_request_error', 'mode must be payment', { param: 'mode' });
    if (
      !price?.['currency'] ||
      !Number.isSafeInteger(amount) ||
      amount <= 0 ||
      !price['product_data']?.['name']
    ) {
      return error(400, 'invalid_request_error', 'line_items[0][price_data] is incomplete', {
        param: 'line_items',
      });
    }
    const expiresAt = Number(form['expires_at']);
    if (!(expiresAt >= seconds() + 1800 && expiresAt <= seconds() + 86400)) {
      return error(400, 'invalid_request_error', 'expires_at must be 30 minutes to 24 hours away', {
        param: 'expires_at',
      });
    }
    const id = newId('cs_test');
    const session: Json = {
      id,
      object: 'checkout.session',
      mode: 'payment',
      status: 'open',
      payment_status: 'unpaid',
      amount_total: amount * Number(item['quantity'] ?? 1),
      currency: price['currency'],
      client_reference_id: form['client_reference_id'] ?? null,
      metadata: form['metadata'] ?? {},
      customer: null,
      customer_creation: form['customer_creation'] ?? null,
      payment_intent: null,
      payment_intent_data: form['payment_intent_data'] ?? {},
      success_url: form['success_url'] ?? null,
      cancel_url: form['cancel_url'] ?? null,
      expires_at: expiresAt,
      created: seconds(),
      url: `${baseUrl}/c/pay/${id}`,
      livemode: false,
    };
    sessions.set(id, session);
    return { status: 200, body: session };
  }

  /**
   * POST /v1/checkout/sessions/:id/expire: only an open session can be expired
   * (https://docs.stripe.com/api/checkout/sessions/expire); its payer can no longer pay it, and
   * Stripe sends `checkout.session.expired`.
   */
  async function expireSession(id: string | undefined): Promise<EmulatorReply> {
    const found = id === undefined ? undefined : sessions.get(id);
    if (!found) {
      return error(404, 'invalid_request_error', `No such checkout.session: '${id}'`, {
        code: 'resource_missing',
      });
    }
    if (found['status'] !== 'open') {
      return error(400, 'invalid_request_error', `This Checkout Session is ${found['status']}, not open.`);
    }
    found['status'] = 'expired';
    await emit('checkout.session.expired', { ...found });
    return { status: 200, body: found };
  }

  function confirmIntent(form: Json): EmulatorReply {
    const amount = Number(form['amount']);
    if (!Number.isSafeInteger(amount) || amount <= 0 || typeof form['currency'] !== 'string') {
      return error(400, 'invalid_request_error', 'amount and currency are required', { param: 'amount' });
    }
    const method = methods.get(form['payment_method']);
    if (!method || method['customer'] !== form['customer']) {
      return error(400, 'invalid_request_error', 'No such PaymentMethod for this customer', {
        param: 'payment_method',
      });
    }
    const intent = createIntent({ ...form, amount });
    const declineCode = chargesDeclinedWith ?? DECLINING_CARDS[method['card']['last4']]?.declineCode;
    if (declineCode) {
      const { type, message, ...fields } = cardError(declineCode);
      intent['last_payment_error'] = { type, message, ...fields };
      return error(402, type, message, { ...fields, payment_intent: intent });
    }
    Object.assign(intent, { status: 'succeeded', amount_received: amount });
    return { status: 200, body: intent };
  }

  /** POST /v1/refunds as Stripe answers it: never more than the intent has left to refund. */
  function createRefund(form: Json): EmulatorReply {
    const intent = intents.get(form['payment_intent']);
    if (!intent) {
      return error(400, 'invalid_request_error', `No such payment_intent: '${form['payment_intent']}'`, {
        param: 'payment_intent',
        code: 'resource_missing',
      });
    }
    if (refundsDown) return error(503, 'api_error', 'Stripe is temporarily unavailable');
    if (refusingRefunds) {
      const message = REFUND_REFUSALS[refusingRefunds] ?? `The refund was refused (${refusingRefunds}).`;
      return error(400, 'invalid_request_error', message, { code: refusingRefunds });
    }
    const refunded = [...refunds.values()]
      .filter((r) => r['payment_intent'] === intent['id'] && r['status'] !== 'failed')
      .reduce((sum, r) => sum + Number(r['amount']), 0);
    const left = Number(intent['amount_received']) - refunded;
    const amount = form['amount'] === undefined ? left : Number(form['amount']);
    if (!Number.isSafeInteger(amount) || amount <= 0 || amount > left) {
      return error(
        400,
        'invalid_request_error',
        `Refund amount (${amount}) is greater than unrefunded amount on charge (${left})`,
        { param: 'amount', code: left === 0 ? 'charge_already_refunded' : 'amount_too_large' },
      );
    }
    const refund = {
      id: newId('re'),
      object: 'refund',
      amount,
      currency: intent['currency'],
      payment_intent: intent['id'],
      reason: form['reason'] ?? null,
      metadata: form['metadata'] ?? {},
      status: refundsFailWith ? 'failed' : refundsPending ? 'pending' : 'succeeded',
      ...(refundsFailWith ? { failure_reason: refundsFailWith } : {}),
      created: seconds(),
    };
    refunds.set(refund.id, refund);
    return { status: 200, body: refund };
  }

  /**
   * A list as Stripe pages it (https://docs.stripe.com/api/pagination): newest first, `limit` of
   * them (10 by default, 100 at most), after the object `starting_after` names; `has_more` says
   * whether another page follows.
   */
  function list(map: Map<string, Json>, form: Json, url: string): EmulatorReply {
    const all = [...map.values()].filter((o) => o['payment_intent'] === form['payment_intent']).reverse();
    const limit = Math.min(100, Math.max(1, Number(form['limit'] ?? 10)));
    const after = form['starting_after'];
    const from = after === undefined ? 0 : all.findIndex((o) => o['id'] === after) + 1;
    if (after !== undefined && from === 0) {
      return error(400, 'invalid_request_error', `No such object: '${after}'`, { param: 'starting_after' });
    }
    const data = all.slice(from, from + limit);
    return { status: 200, body: { object: 'list', data, has_more: from + limit < all.length, url } };
  }

  /** GET /v1/payment_intents: a customer's intents created at or after `created[gte]`, newest first. */
  function listIntents(form: Json): EmulatorReply {
    const since = Number(form['created']?.['gte'] ?? 0);
    const data = [...intents.values()]
      .filter(
        (i) =>
          (form['customer'] === undefined || i['customer'] === form['customer']) && i['created'] >= since,
      )
      .reverse();
    return { status: 200, body: { object: 'list', data, has_more: false, url: '/v1/payment_intents' } };
  }

  function route(request: EmulatorRequest, baseUrl: string): EmulatorReply | Promise<EmulatorReply> {
    const path = request.url.pathname;
    if (request.method === 'GET' && path.startsWith('/c/pay/')) {
      return {
        status: 200,
        body: `<!doctype html><title>Stripe Checkout (emulated)</title><h1>${path}</h1>`,
      };
    }
    if (request.headers.authorization !== `Bearer ${options.secretKey}`) {
      return error(401, 'invalid_request_error', 'Invalid API Key provided');
    }
    const form =
      request.method === 'POST'
        ? parseStripeForm(request.body.toString('utf8'))
        : parseStripeForm(request.url.search.slice(1));
    const expand = Array.isArray(form['expand']) ? (form['expand'] as string[]) : [];
    const lookup = (map: Map<string, Json>, id: string | undefined) => {
      const found = id === undefined ? undefined : map.get(id);
      return found
        ? { status: 200, body: expanded(found, expand) }
        : error(404, 'invalid_request_error', `No such object: '${id}'`, { code: 'resource_missing' });
    };
    const [, version, resource, sub, id, action] = path.split('/');
    if (version !== 'v1') return error(404, 'invalid_request_error', `Unrecognized request URL (${path})`);
    if (request.method === 'GET' && resource === 'account') {
      return { status: 200, body: { id: options.accountId, object: 'account' } };
    }
    if (resource === 'checkout' && sub === 'sessions') {
      if (request.method === 'POST' && action === 'expire') return expireSession(id);
      return request.method === 'POST' && id === undefined
        ? createSession(form, baseUrl)
        : lookup(sessions, id);
    }
    if (resource === 'refunds') {
      if (request.method === 'POST' && sub === undefined) return createRefund(form);
      return sub === undefined ? list(refunds, form, '/v1/refunds') : lookup(refunds, sub);
    }
    if (resource === 'disputes' && request.method === 'GET') {
      return sub === undefined ? list(disputes, form, '/v1/disputes') : lookup(disputes, sub);
    }
    if (resource === 'payment_intents') {
      if (request.method === 'POST' && sub === undefined) return confirmIntent(form);
      if (sub === undefined && lookupsDown)
        return error(503, 'api_error', 'Stripe is temporarily unavailable');
      return sub === undefined ? listIntents(form) : lookup(intents, sub);
    }
    return error(404, 'invalid_request_error', `Unrecognized request URL (${request.method}: ${path})`);
  }

  const server = await startEmulatorServer(async (request) => {
    const key = request.headers['idempotency-key'];
    const idempotencyKey = typeof key === 'string' ? key : undefined;
    requests.push({
      method: request.method,
      path: request.url.pathname,
      userAgent: String(request.headers['user-agent']),
      ...(idempotencyKey ? { idempotencyKey } : {}),
    });
    if (
      sessionCreationsFailing &&
      request.method === 'POST' &&
      request.url.pathname === '/v1/checkout/sessions'
    ) {
      return {
        ...error(500, 'api_error', 'An unknown error occurred'),
        // Stripe tells the SDK not to retry it, so a test need not wait out its backoff.
        headers: { 'stripe-should-retry': 'false' },
      };
    }
    // A key whose first request Stripe is still processing is refused, not queued (HTTP 409).
    if (request.method === 'POST' && idempotencyKey && inFlight.has(idempotencyKey)) {
      return error(
        409,
        'idempotency_error',
        'There is currently another in-progress request using this Idempotent Key. Please try again later.',
        { code: 'idempotency_key_in_use' },
      );
    }
    if (request.method === 'POST' && idempotencyKey) inFlight.add(idempotencyKey);
    try {
      return await respond(request, idempotencyKey);
    } finally {
      if (request.method === 'POST' && idempotencyKey) inFlight.delete(idempotencyKey);
    }
  });

  async function respond(
    request: EmulatorRequest,
    idempotencyKey: string | undefined,
  ): Promise<EmulatorReply> {
    if (chargesHeld && request.method === 'POST' && request.url.pathname === chargesHeld.path) {
      chargesHeld.reached();
      await chargesHeld.answered;
    }
    // Stripe replays the first answer to a repeated key, and refuses the key with other parameters.
    const fingerprint = `${request.method} ${request.url.pathname} ${request.body.toString('utf8')}`;
    const previous = request.method === 'POST' && idempotencyKey ? idempotent.get(idempotencyKey) : undefined;
    if (previous && refundAnswersLost && request.url.pathname === '/v1/refunds') {
      return error(503, 'api_error', 'The answer was lost on the way back');
    }
    if (previous) {
      return previous.request === fingerprint
        ? { ...previous.reply, headers: { 'idempotent-replayed': 'true' } }
        : error(
            400,
            'idempotency_error',
            'Keys for idempotent requests can only be used with the same parameters',
          );
    }
    const reply = await route(request, server.baseUrl);
    if (request.method === 'POST' && idempotencyKey && reply.status < 500) {
      idempotent.set(idempotencyKey, { request: fingerprint, reply });
    }
    if (refundAnswersLost && request.method === 'POST' && request.url.pathname === '/v1/refunds') {
      return error(503, 'api_error', 'The answer was lost on the way back');
    }
    return reply;
  }

  /** A delivery of `body` signed as Stripe signs it (optionally at another time or with another secret). */
  function signDelivery(body: string, sign: { timestamp?: number; secret?: string } = {}): EmulatedDelivery {
    const timestamp = sign.timestamp ?? seconds();
    const v1 = createHmac('sha256', sign.secret ?? options.webhook.secret)
      .update(`${timestamp}.${body}`)
      .digest('hex');
    return {
      url: webhookUrl,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
        'stripe-signature': `t=${timestamp},v1=${v1}`,
      },
      body: Buffer.from(body, 'utf8'),
    };
  }

  /** Records the event Stripe would send about `object`, and sends it when a URL is configured. */
  async function emit(type: string, object: Json): Promise<EmulatedDelivery> {
    const event = {
      id: newId('evt'),
      object: 'event',
      api_version: '2026-10-28.endive',
      created: seconds(),
      data: { object },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
    };
    // Stripe sends events pretty-printed with two spaces.
    const delivery = signDelivery(JSON.stringify(event, null, 2));
    deliveries.push(delivery);
    return sendDelivery(delivery);
  }

  function session(id: string): Json {
    const found = sessions.get(id);
    if (!found) throw new Error(`no emulated Checkout Session ${id}`);
    return found;
  }

  /** A session its payer can still use: an expired or completed one shows its payer no form. */
  function openSession(id: string): Json {
    const found = session(id);
    if (found['status'] !== 'open')
      throw new Error(`Checkout Session ${id} is ${found['status']}: nothing to pay`);
    return found;
  }

  /** The payer's card is accepted on the hosted page: the session's intent is created and used. */
  function attachCard(s: Json, last4: string): Json {
    const intent = createIntent({
      amount: s['amount_total'],
      currency: s['currency'],
      metadata: s['payment_intent_data']['metadata'] ?? {},
      setup_future_usage: s['payment_intent_data']['setup_future_usage'],
    });
    const method = {
      id: newId('pm'),
      object: 'payment_method',
      customer: null as string | null,
      card: { brand: 'visa', last4 },
    };
    methods.set(method.id, method);
    intent['payment_method'] = method.id;
    if (s['customer_creation'] === 'always') {
      s['customer'] = newId('cus');
      intent['customer'] = s['customer'];
      method.customer = s['customer'];
    }
    s['payment_intent'] = intent['id'];
    return intent;
  }

  return {
    baseUrl: server.baseUrl,
    /** Every API request the emulator received: how tests see the SDK at work. */
    requests,
    /** Every webhook built, sent or not, in order. */
    deliveries,
    sessions: sessions as ReadonlyMap<string, Json>,
    /** Where later deliveries go (the billing API's webhook route, or nowhere: record only). */
    setWebhookUrl(url: string | undefined) {
      webhookUrl = url;
    },
    signDelivery,
    /**
     * Saved cards' charges (POST /v1/payment_intents), or Checkout Sessions' or refunds' creations
     * (`path` /v1/checkout/sessions, /v1/refunds), get no answer until `answer()`, as when Stripe is
     * slow: `reached` resolves once one waits.
     */
    holdCharges(path: HeldPath = '/v1/payment_intents'): { reached: Promise<void>; answer: () => void } {
      let reached!: () => void;
      let answer!: () => void;
      const held = {
        reached: new Promise<void>((resolve) => (reached = resolve)),
        answered: new Promise<void>((resolve) => (answer = resolve)),
      };
      chargesHeld = { path, answered: held.answered, reached };
      return {
        reached: held.reached,
        answer: () => {
          chargesHeld = null;
          answer();
        },
      };
    },
    /**
     * Every saved card's charge is declined by its issuer with `declineCode` (do_not_honor, …, as a
     * test card of that code would be), until called without one.
     */
    declineCharges(declineCode: string | undefined) {
      chargesDeclinedWith = declineCode;
    },
    /** A card payment that succeeds at once. */
    async pay(id: string, card: { last4?: string } = {}) {
      const s = openSession(id);
      const intent = attachCard(s, card.last4 ?? '4242');
      Object.assign(intent, { status: 'succeeded', amount_received: intent['amount'] });
      Object.assign(s, { status: 'complete', payment_status: 'paid' });
      return emit('checkout.session.completed', { ...s });
    },
    /**
     * A card declined on the hosted page, by its issuer for `declineCode` (Stripe's decline codes:
     * insufficient_funds, expired_card, …): the session stays open (the payer may try again).
     */
    async decline(id: string, declineCode = 'generic_decline') {
      const s = openSession(id);
      const card = Object.entries(DECLINING_CARDS).find(([, c]) => c.declineCode === declineCode);
      const intent = attachCard(s, card?.[0] ?? '0002');
      intent['last_payment_error'] = cardError(declineCode);
      return emit('payment_intent.payment_failed', { ...intent });
    },
    /** A delayed method (a bank debit): complete but unpaid until `settle`. */
    async payLater(id: string) {
      const s = openSession(id);
      const intent = attachCard(s, '6789');
      intent['status'] = 'processing';
      Object.assign(s, { status: 'complete', payment_status: 'unpaid' });
      return emit('checkout.session.completed', { ...s });
    },
    async settle(id: string, outcome: 'succeeded' | 'failed') {
      const s = session(id);
      const intent = intents.get(s['payment_intent']);
      if (!intent) throw new Error('nothing to settle');
      if (outcome === 'succeeded') {
        Object.assign(intent, { status: 'succeeded', amount_received: intent['amount'] });
        s['payment_status'] = 'paid';
        return emit('checkout.session.async_payment_succeeded', { ...s });
      }
      Object.assign(intent, {
        status: 'requires_payment_method',
        last_payment_error: { code: 'debit_failed' },
      });
      return emit('checkout.session.async_payment_failed', { ...s });
    },
    async expire(id: string) {
      const s = session(id);
      s['status'] = 'expired';
      return emit('checkout.session.expired', { ...s });
    },
    /** Refunds Stripe accepted so far, in order. */
    refunds: refunds as ReadonlyMap<string, Json>,
    /**
     * The merchant refunds `amount` of a paid session's charge at Stripe itself (its dashboard): a
     * refund with no metadata of ours, and no event sent.
     */
    refundAtStripe(sessionId: string, amount: number): Json {
      const reply = createRefund({ payment_intent: session(sessionId)['payment_intent'], amount });
      if (reply.status !== 200) throw new Error(`refund refused: ${JSON.stringify(reply.body)}`);
      return reply.body as Json;
    },
    /**
     * Stripe refuses every refund (HTTP 400, invalid_request_error) with the error `code`, one of its
     * refund errors (balance_insufficient, charge_already_refunded, …; by default a disputed charge),
     * until acceptRefunds().
     */
    refuseRefunds(code = 'charge_disputed') {
      refusingRefunds = code;
    },
    /**
     * Stripe creates every refund, but as `failed` with `reason` (its refund failure_reason:
     * insufficient_funds, charge_for_pending_refund_disputed, declined, …), until acceptRefunds().
     */
    failRefunds(reason: string) {
      refundsFailWith = reason;
    },
    /**
     * Stripe creates every refund `pending`, as it does for cards whose bank confirms refunds later,
     * until acceptRefunds(); each then settles by settleRefundLater or failRefundLater.
     */
    pendRefunds() {
      refundsPending = true;
    },
    acceptRefunds() {
      refusingRefunds = undefined;
      refundsFailWith = undefined;
      refundsPending = false;
    },
    /**
     * A pending refund succeeds at the card's bank: it reads `succeeded` and Stripe sends
     * `charge.refund.updated` then `refund.updated`, each signed (returns both), or, `silently`,
     * nothing (the events lost: only a re-read finds it out).
     */
    async settleRefundLater(
      refundId: string,
      options: { silently?: boolean } = {},
    ): Promise<EmulatedDelivery[]> {
      const refund = refunds.get(refundId);
      if (!refund) throw new Error(`no emulated refund ${refundId}`);
      refund['status'] = 'succeeded';
      if (options.silently) return [];
      return [
        await emit('charge.refund.updated', { ...refund }),
        await emit('refund.updated', { ...refund }),
      ];
    },
    /**
     * A refund Stripe accepted fails later, at the card's bank, with `reason` (its failure_reason:
     * expired_or_canceled_card, lost_or_stolen_card, declined, unknown, …): the refund reads `failed`
     * and Stripe sends `charge.refund.updated` then `refund.failed`, each signed. Returns both.
     */
    async failRefundLater(refundId: string, reason: string): Promise<EmulatedDelivery[]> {
      const refund = refunds.get(refundId);
      if (!refund) throw new Error(`no emulated refund ${refundId}`);
      Object.assign(refund, {
        status: 'failed',
        failure_reason: reason,
        failure_balance_transaction: newId('txn'),
      });
      return [await emit('charge.refund.updated', { ...refund }), await emit('refund.failed', { ...refund })];
    },
    /**
     * Refund requests are carried out, but each answer is lost on the way back (the caller gets a
     * 503, its replays too) while `lost` is true.
     */
    loseRefundAnswers(lost: boolean) {
      refundAnswersLost = lost;
    },
    /** Stripe forgets every idempotency key it kept, as it does 24 hours after each was first used. */
    forgetIdempotencyKeys() {
      idempotent.clear();
    },
    /** Refund requests get no answer but a 503 (Stripe down) until `up` is true again. */
    refundsUp(up: boolean) {
      refundsDown = !up;
    },
    /**
     * While `failing`, every Checkout Session's creation fails with a 500 before Stripe's idempotency
     * layer sees it (a fault between us and Stripe: no session made, no key taken), while a request
     * already held by holdCharges goes on and may still create its session.
     */
    failSessionCreations(failing: boolean) {
      sessionCreationsFailing = failing;
    },
    /** Listing a customer's PaymentIntents (how a lost charge is looked up) gets a 503 until `up`. */
    lookupsUp(up: boolean) {
      lookupsDown = !up;
    },
    /**
     * The cardholder's bank disputes the session's charge: the funds are withdrawn at once
     * (`charge.dispute.created`, then `charge.dispute.funds_withdrawn`). Returns the dispute id.
     */
    async dispute(sessionId: string, amount?: number): Promise<string> {
      const intent = intents.get(session(sessionId)['payment_intent']);
      if (!intent) throw new Error('nothing paid to dispute');
      const dispute = {
        id: newId('dp'),
        object: 'dispute',
        amount: amount ?? intent['amount_received'],
        currency: intent['currency'],
        charge: newId('ch'),
        payment_intent: intent['id'],
        reason: 'fraudulent',
        status: 'needs_response',
        metadata: {},
        created: seconds(),
      };
      disputes.set(dispute.id, dispute);
      await emit('charge.dispute.created', { ...dispute });
      await emit('charge.dispute.funds_withdrawn', { ...dispute });
      return dispute.id;
    },
    /** The dispute ends: `won` gives the funds back (`charge.dispute.funds_reinstated` first). */
    async closeDispute(id: string, outcome: 'won' | 'lost') {
      const dispute = disputes.get(id);
      if (!dispute) throw new Error(`no emulated dispute ${id}`);
      dispute['status'] = outcome;
      if (outcome === 'won') await emit('charge.dispute.funds_reinstated', { ...dispute });
      return emit('charge.dispute.closed', { ...dispute });
    },
    /** An authentic event a top-up does not act on. */
    async emitOther(type = 'customer.created') {
      return emit(type, { id: newId('cus'), object: 'customer' });
    },
    close: server.close,
  };
}

export type StripeEmulator = Awaited<ReturnType<typeof startStripeEmulator>>;

/** The POSTs holdCharges can hold. */
type HeldPath = '/v1/payment_intents' | '/v1/checkout/sessions' | '/v1/refunds';

/** Stripe's form encoding (`a[b][0][c]=v`) back into objects and arrays. */
export function parseStripeForm(text: string): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const path = key.replace(/\]/g, '').split('[');
    let node: Record<string, unknown> = root;
    path.forEach((segment, index) => {
      const name = segment === '' ? String(Object.keys(node).length) : segment;
      if (index === path.length - 1) {
        node[name] = value;
        return;
      }
      node[name] ??= {};
      node = node[name] as Record<string, unknown>;
    });
  }
  return arraysFromIndices(root) as Record<string, unknown>;
}

function arraysFromIndices(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value).map(([k, v]) => [k, arraysFromIndices(v)] as const);
  const isArray = entries.length > 0 && entries.every(([k], i) => k === String(i));
  return isArray ? entries.map(([, v]) => v) : Object.fromEntries(entries);
}
