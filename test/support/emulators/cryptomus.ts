import { randomBytes, randomUUID } from 'node:crypto';
import { cryptomusSign } from '../../../src/server/gateways/cryptomus/signature.js';
import {
  phpValueOf,
  signRequestBody,
  type PlainJson,
} from '../../../src/server/gateways/cryptomus/request-body.js';
import { phpJsonEncode, type PhpArray } from '../../../src/server/gateways/cryptomus/php-json.js';
import {
  type EmulatedDelivery,
  type EmulatorReply,
  type EmulatorRequest,
  sendDelivery,
  startEmulatorServer,
} from './stripe-paypal-cryptomus-server.js';

/**
 * A loopback emulator of the Cryptomus payment API the cryptomus gateway calls: POST /v1/payment
 * (create, or the open invoice again for a repeated order_id) and POST /v1/payment/info, each
 * authenticated by the `merchant` header and `sign` = md5(base64(raw body) . payment API key).
 * Test controls play the payer (pay in full, part, or more) and Cryptomus (the invoice lifetime
 * ending, a failure). Each change POSTs the notification to the invoice's url_callback as Cryptomus
 * does: the JSON PHP's json_encode(JSON_UNESCAPED_UNICODE) prints, with `sign` inside it.
 */

export interface CryptomusEmulatorOptions {
  merchantId: string;
  paymentApiKey: string;
  now?: () => Date;
  /** Deliver to each invoice's url_callback (default), or only record the deliveries. */
  send?: boolean;
}

type Invoice = Record<string, PlainJson> & { uuid: string; amount: string; order_id: string };

export async function startCryptomusEmulator(options: CryptomusEmulatorOptions) {
  const now = options.now ?? (() => new Date());
  const invoices = new Map<string, Invoice>();
  const callbacks = new Map<string, string>();
  const requests: { path: string; body: string; sign: string | undefined }[] = [];
  const deliveries: EmulatedDelivery[] = [];
  let base = '';

  const fail = (status: number, message: string, errors?: Record<string, string[]>): EmulatorReply => ({
    status,
    body: { state: 1, message, ...(errors ? { errors } : {}) },
  });

  function create(data: Record<string, any>): EmulatorReply {
    const errors: Record<string, string[]> = {};
    if (typeof data['amount'] !== 'string' || !/^\d+(\.\d+)?$/.test(data['amount']))
      errors['amount'] = ['must be a decimal string'];
    if (typeof data['currency'] !== 'string') errors['currency'] = ['required'];
    if (typeof data['order_id'] !== 'string' || !/^[\w-]{1,128}$/.test(data['order_id']))
      errors['order_id'] = ['alpha_dash, 1-128'];
    const lifetime = data['lifetime'] ?? 3600;
    if (!Number.isInteger(lifetime) || lifetime < 300 || lifetime > 43_200)
      errors['lifetime'] = ['300-43200'];
    if (Object.keys(errors).length > 0) return fail(422, 'Validation error', errors);
    const open = [...invoices.values()].find(
      (i) => i.order_id === data['order_id'] && i['is_final'] === false,
    );
    if (open) return { status: 200, body: { state: 0, result: open } };
    const uuid = randomUUID();
    const invoice: Invoice = {
      uuid,
      order_id: data['order_id'],
      amount: data['amount'],
      payment_amount: null,
      payer_amount: null,
      discount_percent: null,
      discount: '0.00000000',
      payer_currency: null,
      currency: data['currency'],
      merchant_amount: null,
      network: null,
      address: null,
      from: null,
      txid: null,
      payment_status: 'check',
      url: `${base}/pay/${uuid}`,
      expired_at: Math.floor(now().getTime() / 1000) + lifetime,
      status: 'check',
      is_final: false,
      additional_data: data['additional_data'] ?? null,
      created_at: now().toISOString(),
      updated_at: now().toISOString(),
    };
    invoices.set(uuid, invoice);
    if (typeof data['url_callback'] === 'string') callbacks.set(uuid, data['url_callback']);
    return { status: 200, body: { state: 0, result: invoice } };
  }

  function route(request: EmulatorRequest): EmulatorReply {
    const path = request.url.pathname;
    if (request.method === 'GET' && path.startsWith('/pay/')) {
      return {
        status: 200,
        body: '<!doctype html><title>Cryptomus (emulated)</title><h1>Choose a coin</h1>',
      };
    }
    const sign = request.headers['sign'];
    requests.push({
      path,
      body: request.body.toString('utf8'),
      sign: typeof sign === 'string' ? sign : undefined,
    });
    if (request.headers['merchant'] !== options.merchantId) return fail(401, 'Unauthorized');
    if (sign !== signRequestBody(request.body.toString('utf8'), options.paymentApiKey)) {
      return fail(401, 'Invalid sign');
    }
    let data: Record<string, any>;
    try {
      data = JSON.parse(request.body.toString('utf8'));
    } catch {
      return fail(400, 'Malformed JSON');
    }
    if (request.method === 'POST' && path === '/v1/payment') return create(data);
    if (request.method === 'POST' && path === '/v1/payment/info') {
      const found =
        invoices.get(data['uuid']) ?? [...invoices.values()].find((i) => i.order_id === data['order_id']);
      return found ? { status: 200, body: { state: 0, result: found } } : fail(404, 'Payment not found');
    }
    return fail(404, 'Not found');
  }

  const server = await startEmulatorServer(route);
  base = server.baseUrl;

  /** Cryptomus's notification about `invoice`: its fields, then `sign` over them as PHP encodes them. */
  function signDelivery(
    data: Record<string, PlainJson>,
    over: { apiKey?: string; url?: string } = {},
  ): EmulatedDelivery {
    const unsigned = phpValueOf(data) as PhpArray;
    const sign = cryptomusSign(unsigned, over.apiKey ?? options.paymentApiKey);
    const signed: PhpArray = { kind: 'array', entries: new Map([...unsigned.entries, ['sign', sign]]) };
    return {
      url: over.url,
      headers: { 'content-type': 'application/json' },
      body: Buffer.from(phpJsonEncode(signed, { unescapedUnicode: true }), 'utf8'),
    };
  }

  function notification(invoice: Invoice): Record<string, PlainJson> {
    return {
      type: 'payment',
      uuid: invoice.uuid,
      order_id: invoice.order_id,
      amount: invoice.amount,
      payment_amount: invoice['payment_amount'] ?? null,
      payment_amount_usd: invoice['payment_amount'] ?? null,
      merchant_amount: invoice['merchant_amount'] ?? null,
      commission: invoice['payment_amount'] ? '0.00000000' : null,
      is_final: invoice['is_final'] ?? false,
      status: invoice['status'] ?? 'check',
      from: invoice['from'] ?? null,
      wallet_address_uuid: null,
      network: invoice['network'] ?? null,
      currency: invoice['currency'] ?? null,
      payer_currency: invoice['payer_currency'] ?? null,
      additional_data: invoice['additional_data'] ?? null,
      txid: invoice['txid'] ?? null,
    };
  }

  async function change(uuid: string, fields: Partial<Invoice>): Promise<EmulatedDelivery> {
    const invoice = invoices.get(uuid);
    if (!invoice) throw new Error(`no emulated Cryptomus invoice ${uuid}`);
    Object.assign(invoice, fields, { updated_at: now().toISOString() });
    invoice['payment_status'] = invoice['status'] ?? null;
    const delivery = signDelivery(
      notification(invoice),
      options.send === false ? {} : { url: callbacks.get(uuid) ?? '' },
    );
    if (delivery.url === '') delivery.url = undefined;
    deliveries.push(delivery);
    return sendDelivery(delivery);
  }

  /** A coin amount in 10^-8 units, exactly (USDT at 1:1 with the invoice currency here). */
  const units = (text: string) => {
    const [whole = '0', part = ''] = text.split('.');
    return BigInt(whole + part.padEnd(8, '0').slice(0, 8));
  };
  const decimal = (value: bigint) =>
    `${value / 100_000_000n}.${(value % 100_000_000n).toString().padStart(8, '0')}`;
  const txid = () => randomBytes(32).toString('hex');

  return {
    baseUrl: base,
    requests,
    deliveries,
    invoices: invoices as ReadonlyMap<string, Invoice>,
    signDelivery,
    notification: (uuid: string) => notification(invoices.get(uuid)!),
    /**
     * The payer sends `amount` USDT (default: what is due). Cryptomus calls the invoice paid, paid_over,
     * or wrong_amount_waiting while short.
     */
    async pay(uuid: string, amount?: string) {
      const invoice = invoices.get(uuid);
      if (!invoice) throw new Error(`no emulated Cryptomus invoice ${uuid}`);
      const due = units(invoice.amount);
      const total = units(String(invoice['payment_amount'] ?? '0')) + units(amount ?? invoice.amount);
      const compare = total === due ? 0 : total > due ? 1 : -1;
      return change(uuid, {
        payer_currency: 'USDT',
        payer_amount: decimal(due),
        payment_amount: decimal(total),
        merchant_amount: decimal(total),
        network: 'tron',
        from: 'THgEWubVc8tPKXLJ4VZ5zbiiAK7AgqSeGH',
        txid: txid(),
        status: compare === 0 ? 'paid' : compare > 0 ? 'paid_over' : 'wrong_amount_waiting',
        is_final: compare >= 0,
      });
    },
    /** The invoice's lifetime ends: unpaid → cancel, partly paid → wrong_amount (both final). */
    async expire(uuid: string) {
      const invoice = invoices.get(uuid);
      return change(uuid, {
        status: invoice?.['payment_amount'] ? 'wrong_amount' : 'cancel',
        is_final: true,
      });
    },
    async fail(uuid: string) {
      return change(uuid, { status: 'fail', is_final: true });
    },
    /** The merchant refunded the paid invoice at Cryptomus: `refund_paid`, final. */
    async refund(uuid: string) {
      return change(uuid, { status: 'refund_paid', is_final: true });
    },
    close: server.close,
  };
}

export type CryptomusEmulator = Awaited<ReturnType<typeof startCryptomusEmulator>>;
