/**
 * PHP's json_decode($body, true) followed by json_encode($value, $flags), reproduced exactly.
 *
 * Cryptomus signs a webhook as md5(base64(json_encode($data, JSON_UNESCAPED_UNICODE)) . $apiKey),
 * where $data is the decoded body without "sign". Verifying it means producing the very string PHP
 * would, and PHP differs from JSON.stringify in ways that matter:
 *   - "/" is escaped as "\/"; U+2028 and U+2029 as "\u2028"/"\u2029" even with UNESCAPED_UNICODE;
 *     other control characters as "\u00XX" with lowercase hex; without UNESCAPED_UNICODE every
 *     non-ASCII character becomes \uXXXX (lowercase, surrogate pairs);
 *   - objects decode into ordered arrays: key order is kept exactly (JSON.parse moves integer-like
 *     keys first), a repeated key keeps its first position and last value, and an array whose keys
 *     are exactly "0".."n-1" in order — including an empty object — encodes as a JSON list;
 *   - numbers: integers within int64 stay as written; others become doubles printed by php_gcvt
 *     with serialize_precision -1 (shortest round-trip digits, "1.0e+25" exponent form past 17
 *     digits or below 1e-4, no ".0" on whole values).
 * Every behaviour above was checked against PHP 8.2 (see php-json.test.ts).
 * Sources: https://www.php.net/manual/en/function.json-encode.php, php-src ext/json/json_encoder.c
 * and main/snprintf.c (php_gcvt).
 */

export class PhpJsonError extends Error {
  override readonly name = 'PhpJsonError';
}

/** A decoded PHP value. Arrays keep insertion order; a JSON list is an array with keys "0".."n-1". */
export type PhpValue =
  null | boolean | string | { kind: 'int'; value: bigint } | { kind: 'float'; value: number } | PhpArray;

export interface PhpArray {
  kind: 'array';
  entries: Map<string, PhpValue>;
}

/** json_decode's default depth (512) admits at most 511 nested arrays/objects (checked on PHP 8.2). */
const MAX_NESTING = 511;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** json_decode($text, true): the bytes must be UTF-8, the text strict JSON. */
export function phpJsonDecode(bytes: Uint8Array): PhpValue {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new PhpJsonError('Malformed UTF-8 characters');
  }
  let at = 0;
  const fail = (what: string): never => {
    throw new PhpJsonError(`${what} at offset ${at}`);
  };
  const skipSpace = () => {
    while (at < text.length && ' \t\n\r'.includes(text[at] ?? '')) at++;
  };

  const parseString = (): string => {
    at++; // opening quote
    let out = '';
    for (;;) {
      const c = text[at];
      if (c === undefined) return fail('unterminated string');
      if (c === '"') {
        at++;
        return out;
      }
      if (c < ' ') return fail('control character in string');
      if (c !== '\\') {
        out += c;
        at++;
        continue;
      }
      const e = text[at + 1];
      at += 2;
      const simple: Record<string, string> = {
        '"': '"',
        '\\': '\\',
        '/': '/',
        b: '\b',
        f: '\f',
        n: '\n',
        r: '\r',
        t: '\t',
      };
      if (e !== undefined && e in simple) {
        out += simple[e];
        continue;
      }
      if (e !== 'u') return fail('bad escape');
      const unit = (): number => {
        const hex = text.slice(at, at + 4);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('bad \\u escape');
        at += 4;
        return parseInt(hex, 16);
      };
      const high = unit();
      if (high >= 0xd800 && high <= 0xdbff) {
        if (text.slice(at, at + 2) !== '\\u') return fail('single unpaired UTF-16 surrogate');
        at += 2;
        const low = unit();
        if (low < 0xdc00 || low > 0xdfff) return fail('single unpaired UTF-16 surrogate');
        out += String.fromCharCode(high, low);
      } else if (high >= 0xdc00 && high <= 0xdfff) {
        return fail('single unpaired UTF-16 surrogate');
      } else {
        out += String.fromCharCode(high);
      }
    }
  };

  const parseNumber = (): PhpValue => {
    const match = /^-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(at));
    if (!match) return fail('bad number');
    at += match[0].length;
    if (match[1] === undefined && match[2] === undefined) {
      const value = BigInt(match[0]);
      // Past int64 PHP reads the literal as a double, and prints it as one.
      if (value >= INT64_MIN && value <= INT64_MAX) return { kind: 'int', value };
    }
    const value = Number(match[0]);
    if (!Number.isFinite(value)) return fail('number out of range');
    return { kind: 'float', value };
  };

  /** `depth`: how many arrays and objects enclose this value. */
  const parseValue = (depth: number): PhpValue => {
    skipSpace();
    const c = text[at];
    if (c === '"') return parseString();
    if (c === '{' || c === '[') {
      if (depth >= MAX_NESTING) fail('maximum stack depth exceeded');
      const close = c === '{' ? '}' : ']';
      at++;
      const entries = new Map<string, PhpValue>();
      skipSpace();
      if (text[at] === close) {
        at++;
        return { kind: 'array', entries };
      }
      for (let index = 0; ; index++) {
        let key = String(index);
        if (c === '{') {
          skipSpace();
          if (text[at] !== '"') fail('expected a key');
          key = parseString();
          skipSpace();
          if (text[at] !== ':') fail('expected ":"');
          at++;
        }
        // A repeated key keeps its first position and takes the last value, as in a PHP array.
        entries.set(key, parseValue(depth + 1));
        skipSpace();
        if (text[at] === ',') {
          at++;
          continue;
        }
        if (text[at] === close) {
          at++;
          return { kind: 'array', entries };
        }
        fail(`expected "," or "${close}"`);
      }
    }
    for (const [word, value] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (text.startsWith(word, at)) {
        at += word.length;
        return value;
      }
    }
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return parseNumber();
    return fail('unexpected character');
  };

  const value = parseValue(0);
  skipSpace();
  if (at !== text.length) fail('trailing characters');
  return value;
}

export interface PhpJsonEncodeFlags {
  /** JSON_UNESCAPED_UNICODE: non-ASCII as UTF-8 (U+2028/U+2029 still escaped). */
  unescapedUnicode?: boolean;
}

const hex4 = (code: number) => code.toString(16).padStart(4, '0');

function encodeString(value: string, flags: PhpJsonEncodeFlags): string {
  let out = '"';
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    switch (char) {
      case '"':
        out += '\\"';
        continue;
      case '\\':
        out += '\\\\';
        continue;
      case '/':
        out += '\\/';
        continue;
      case '\b':
        out += '\\b';
        continue;
      case '\f':
        out += '\\f';
        continue;
      case '\n':
        out += '\\n';
        continue;
      case '\r':
        out += '\\r';
        continue;
      case '\t':
        out += '\\t';
        continue;
    }
    if (code < 0x20) out += `\\u${hex4(code)}`;
    else if (code < 0x80) out += char;
    else if (code === 0x2028 || code === 0x2029) out += `\\u${hex4(code)}`;
    else if (flags.unescapedUnicode) out += char;
    else if (code > 0xffff) out += `\\u${hex4(char.charCodeAt(0))}\\u${hex4(char.charCodeAt(1))}`;
    else out += `\\u${hex4(code)}`;
  }
  return `${out}"`;
}

/** php_gcvt(value, 17, '.', 'e') in mode 0, as json_encode prints a double. */
export function phpDouble(value: number): string {
  if (!Number.isFinite(value)) throw new PhpJsonError('Inf and NaN cannot be JSON encoded');
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  const sign = value < 0 ? '-' : '';
  // toExponential() with no argument gives the shortest digits that round-trip, as dtoa mode 0 does.
  const [mantissa = '', exponent = '0'] = Math.abs(value).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const decpt = Number(exponent) + 1; // position of the decimal point relative to the digits
  if (decpt < -3 || decpt > 17) {
    const e = decpt - 1;
    return `${sign}${digits[0]}.${digits.slice(1) || '0'}e${e < 0 ? '-' : '+'}${Math.abs(e)}`;
  }
  if (decpt <= 0) return `${sign}0.${'0'.repeat(-decpt)}${digits}`;
  const whole = digits.slice(0, decpt).padEnd(decpt, '0');
  const fraction = digits.slice(decpt);
  return `${sign}${whole}${fraction ? `.${fraction}` : ''}`;
}

function isList(entries: Map<string, PhpValue>): boolean {
  let index = 0;
  for (const key of entries.keys()) if (key !== String(index++)) return false;
  return true;
}

/** json_encode($value, $flags). */
export function phpJsonEncode(value: PhpValue, flags: PhpJsonEncodeFlags = {}): string {
  if (value === null) return 'null';
  if (value === true) return 'true';
  if (value === false) return 'false';
  if (typeof value === 'string') return encodeString(value, flags);
  if (value.kind === 'int') return value.value.toString();
  if (value.kind === 'float') return phpDouble(value.value);
  if (isList(value.entries))
    return `[${[...value.entries.values()].map((v) => phpJsonEncode(v, flags)).join(',')}]`;
  const members = [...value.entries].map(([k, v]) => `${encodeString(k, flags)}:${phpJsonEncode(v, flags)}`);
  return `{${members.join(',')}}`;
}
