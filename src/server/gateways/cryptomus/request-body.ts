import { createHash } from 'node:crypto';
import { phpJsonEncode, type PhpValue } from './php-json.js';

/**
 * The body of a Cryptomus API request and its `sign` header. Cryptomus's PHP SDK sends
 * json_encode($data, JSON_UNESCAPED_UNICODE) and signs md5(base64_encode($body) . $apiKey)
 * (https://github.com/CryptomusCom/api-php-sdk, src/RequestBuilder.php). We encode the body the same
 * way PHP would, so the signature holds whether Cryptomus hashes the bytes it received or its own
 * re-encoding of them.
 */

export type PlainJson = null | boolean | string | number | PlainJson[] | { [key: string]: PlainJson };

export function phpValueOf(value: PlainJson): PhpValue {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') {
    return Number.isSafeInteger(value) ? { kind: 'int', value: BigInt(value) } : { kind: 'float', value };
  }
  const entries = Array.isArray(value)
    ? value.map((item, index) => [String(index), phpValueOf(item)] as const)
    : Object.entries(value).map(([key, item]) => [key, phpValueOf(item)] as const);
  return { kind: 'array', entries: new Map(entries) };
}

export function cryptomusBody(data: { [key: string]: PlainJson }): string {
  return phpJsonEncode(phpValueOf(data), { unescapedUnicode: true });
}

/** md5(base64(body) . apiKey), hex: the `sign` header of a request with exactly these bytes. */
export function signRequestBody(body: string, apiKey: string): string {
  return createHash('md5')
    .update(Buffer.from(body, 'utf8').toString('base64') + apiKey)
    .digest('hex');
}
