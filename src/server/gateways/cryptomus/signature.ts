import { createHash } from 'node:crypto';
import { z } from 'zod';
import { constantTimeEqual } from '../constant-time.js';
import {
  rejectWebhook,
  type IncomingWebhook,
  type ProviderEvent,
  type WebhookVerification,
} from '../provider.js';
import { PhpJsonError, phpJsonDecode, phpJsonEncode, type PhpArray } from './php-json.js';

/**
 * Cryptomus webhook authentication.
 *
 * Cryptomus puts the signature in the body, as "sign" (https://doc.cryptomus.com/payments/webhook),
 * computed over the rest of the body as PHP re-encodes it. The verification snippet from Cryptomus's
 * documentation, as public integrations copy it:
 *
 *   $data = json_decode(file_get_contents('php://input'), true);
 *   $sign = $data['sign']; unset($data['sign']);
 *   $hash = md5(base64_encode(json_encode($data, JSON_UNESCAPED_UNICODE)) . $apiKey);
 *   hash_equals($hash, $sign)
 *
 * The same flags sign API requests in Cryptomus's own PHP SDK
 * (https://github.com/CryptomusCom/api-php-sdk, src/RequestBuilder.php), and the Python SDK
 * re-creates that encoding for webhooks as json.dumps(ensure_ascii=False, separators=(",", ":"))
 * with "/" replaced by "\/" (https://github.com/Badiboy/pyCryptomusAPI, pyCryptomusAPI/webhooks.py).
 * JSON.stringify would differ on "/", U+2028/9, key order and numbers, so php-json.ts reproduces PHP.
 *
 * Cryptomus signs no timestamp and sends no event id. Replays are stopped by the event id derived
 * below and by the status re-query that precedes any credit. The id is invoice + status + what
 * arrived (txid and payment_amount): a retry of one notification repeats all of them, so the store's
 * (provider, eventId) key drops it, while a second partial payment under the same status
 * ("wrong_amount_waiting" twice) is a new event that gets its own re-query.
 */

export interface CryptomusWebhookOptions {
  /** The merchant's payment API key: the shared secret of the signature. */
  apiKey: string;
}

// Field list: https://doc.cryptomus.com/payments/webhook ("Response parameters"). Amounts are decimal
// strings; some fields are absent depending on the invoice (e.g. txid). Statuses: the webhook page's
// list plus those the payment-info API also reports; an unknown one is still a signed fact, so the
// schema takes any string and the status mapping of the later gateway decides what it means.
export const CRYPTOMUS_STATUSES = [
  'confirm_check',
  'paid',
  'paid_over',
  'fail',
  'wrong_amount',
  'cancel',
  'system_fail',
  'refund_process',
  'refund_fail',
  'refund_paid',
  'process',
  'check',
  'wrong_amount_waiting',
  'locked',
] as const;

const decimalString = z.string().regex(/^\d+(?:\.\d+)?$/);

export const cryptomusWebhookSchema = z.object({
  type: z.enum(['payment', 'wallet']),
  uuid: z.string().min(1),
  order_id: z.string().min(1),
  amount: decimalString,
  payment_amount: decimalString.nullish(),
  payment_amount_usd: decimalString.nullish(),
  merchant_amount: decimalString.nullish(),
  commission: decimalString.nullish(),
  is_final: z.boolean(),
  status: z.string().min(1),
  from: z.string().nullish(),
  wallet_address_uuid: z.string().nullish(),
  network: z.string().nullish(),
  currency: z.string().min(1),
  payer_currency: z.string().nullish(),
  payer_amount: decimalString.nullish(),
  additional_data: z.string().nullish(),
  txid: z.string().nullish(),
});
export type CryptomusWebhook = z.infer<typeof cryptomusWebhookSchema>;

/** md5(base64(json_encode($data, JSON_UNESCAPED_UNICODE)) . $apiKey), hex. */
export function cryptomusSign(data: PhpArray, apiKey: string): string {
  const json = phpJsonEncode(data, { unescapedUnicode: true });
  return createHash('md5')
    .update(Buffer.from(json, 'utf8').toString('base64') + apiKey)
    .digest('hex');
}

const reject = rejectWebhook;

export function verifyCryptomusWebhook(
  webhook: IncomingWebhook,
  options: CryptomusWebhookOptions,
): WebhookVerification {
  if (options.apiKey.trim() === '') throw new Error('no Cryptomus API key configured');

  let decoded;
  try {
    decoded = phpJsonDecode(webhook.rawBody);
  } catch (error) {
    // PHP would have failed here too; there is nothing it could have signed.
    return reject('malformed_body', error instanceof PhpJsonError ? error.message : 'unreadable body');
  }
  if (decoded === null || typeof decoded !== 'object' || decoded.kind !== 'array') {
    return reject('malformed_body', 'body is not a JSON object');
  }
  const sign = decoded.entries.get('sign');
  if (sign === undefined) return reject('missing_signature', 'no "sign" field');
  if (typeof sign !== 'string' || !/^[0-9a-f]{32}$/.test(sign))
    return reject('malformed_signature', '"sign" is not an md5 hex digest');

  const data: PhpArray = { kind: 'array', entries: new Map(decoded.entries) };
  data.entries.delete('sign');
  if (!constantTimeEqual(sign, cryptomusSign(data, options.apiKey))) {
    return reject('bad_signature', 'sign does not match the body and API key');
  }

  // Authentic; now read it. JSON.parse is fine for values once the bytes are trusted.
  const parsed = cryptomusWebhookSchema.safeParse(JSON.parse(Buffer.from(webhook.rawBody).toString('utf8')));
  if (!parsed.success) return reject('malformed_body', z.prettifyError(parsed.error));
  return { ok: true, event: toProviderEvent(parsed.data) };
}

function toProviderEvent(hook: CryptomusWebhook): ProviderEvent {
  return {
    kind: 'payment_changed',
    provider: 'cryptomus',
    // No event id is sent: a notification is identified by what it reports (see the header comment).
    eventId: [hook.type, hook.uuid, hook.status, hook.txid ?? '', hook.payment_amount ?? ''].join(':'),
    eventType: hook.status,
    providerPaymentId: hook.uuid,
    reference: hook.order_id,
  };
}
