import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PhpJsonError, phpDouble, phpJsonDecode, phpJsonEncode } from './php-json.js';

const roundTrip = (json: string, unescapedUnicode = true) =>
  phpJsonEncode(phpJsonDecode(Buffer.from(json)), { unescapedUnicode });

// Every expected string below is what PHP 8.2.36 printed for
//   json_encode(json_decode($json, true), JSON_UNESCAPED_UNICODE)   (first column)
//   json_encode(json_decode($json, true))                            (second column)
const PHP_VECTORS: [json: string, unescaped: string, escaped: string][] = [
  ['{"url":"https://a/b"}', '{"url":"https:\\/\\/a\\/b"}', '{"url":"https:\\/\\/a\\/b"}'],
  ['{"name":"Nguyễn"}', '{"name":"Nguyễn"}', '{"name":"Nguy\\u1ec5n"}'],
  ['{"emoji":"😀"}', '{"emoji":"😀"}', '{"emoji":"\\ud83d\\ude00"}'],
  ['{"ls":"a\\u2028b\\u2029c"}', '{"ls":"a\\u2028b\\u2029c"}', '{"ls":"a\\u2028b\\u2029c"}'],
  ['{"a":"\\u007f\\u0000x\\u001f"}', '{"a":"\u007f\\u0000x\\u001f"}', '{"a":"\u007f\\u0000x\\u001f"}'],
  [
    '{"e":"\\"\\\\\\b\\f\\n\\r\\t\\/"}',
    '{"e":"\\"\\\\\\b\\f\\n\\r\\t\\/"}',
    '{"e":"\\"\\\\\\b\\f\\n\\r\\t\\/"}',
  ],
  ['"\\ufeff\\u0080"', '"\ufeff\u0080"', '"\\ufeff\\u0080"'],
  ['{}', '[]', '[]'],
  ['[]', '[]', '[]'],
  ['{"0":"a","1":"b"}', '["a","b"]', '["a","b"]'],
  ['{"1":"a","0":"b"}', '{"1":"a","0":"b"}', '{"1":"a","0":"b"}'],
  ['{"b":1,"1":2,"a":3}', '{"b":1,"1":2,"a":3}', '{"b":1,"1":2,"a":3}'],
  ['{"a":1,"a":2,"b":3}', '{"a":2,"b":3}', '{"a":2,"b":3}'],
  ['{"x":{},"y":[],"z":{"0":1}}', '{"x":[],"y":[],"z":[1]}', '{"x":[],"y":[],"z":[1]}'],
  ['{"":1}', '{"":1}', '{"":1}'],
  ['{"01":1,"-0":2,"1.0":3}', '{"01":1,"-0":2,"1.0":3}', '{"01":1,"-0":2,"1.0":3}'],
  [
    '[1,[2,{"a":null,"b":true,"c":false}]]',
    '[1,[2,{"a":null,"b":true,"c":false}]]',
    '[1,[2,{"a":null,"b":true,"c":false}]]',
  ],
  [
    ' { "a" : 1.0 , "b":0.1,"c":1.5,"d":100.0,"e":1e25,"f":0.00001,"g":0.0001,"h":-0.0,"i":-0 } ',
    '{"a":1,"b":0.1,"c":1.5,"d":100,"e":1.0e+25,"f":1.0e-5,"g":0.0001,"h":-0,"i":0}',
    '{"a":1,"b":0.1,"c":1.5,"d":100,"e":1.0e+25,"f":1.0e-5,"g":0.0001,"h":-0,"i":0}',
  ],
  [
    '{"i":1e15,"j":1e16,"k":1e17,"l":1e18,"m":123456789012345678901,"r":3.3333333333333335,"s":1.5e-7,"t":0.5,"u":2.5e-4}',
    '{"i":1000000000000000,"j":10000000000000000,"k":1.0e+17,"l":1.0e+18,"m":1.2345678901234568e+20,"r":3.3333333333333335,"s":1.5e-7,"t":0.5,"u":0.00025}',
    '{"i":1000000000000000,"j":10000000000000000,"k":1.0e+17,"l":1.0e+18,"m":1.2345678901234568e+20,"r":3.3333333333333335,"s":1.5e-7,"t":0.5,"u":0.00025}',
  ],
  [
    '{"n":9223372036854775807,"o":9223372036854775808,"p":-9223372036854775808,"q":-9223372036854775809}',
    '{"n":9223372036854775807,"o":9.223372036854776e+18,"p":-9223372036854775808,"q":-9.223372036854776e+18}',
    '{"n":9223372036854775807,"o":9.223372036854776e+18,"p":-9223372036854775808,"q":-9.223372036854776e+18}',
  ],
];

describe('PHP json_decode + json_encode', () => {
  it.each(PHP_VECTORS)('re-encodes %s exactly as PHP does', (json, unescaped, escaped) => {
    expect(roundTrip(json, true)).toBe(unescaped);
    expect(roundTrip(json, false)).toBe(escaped);
  });

  it('refuses what PHP json_decode refuses', () => {
    const bad = [
      '"\\ud800"', // single unpaired surrogate
      '"\\udc00x"',
      '{"a":1,}',
      '[1 2]',
      '{a:1}',
      '01',
      '1.',
      '.5',
      '+1',
      'NaN',
      '"\u0001"', // raw control character
      '"\\x41"',
      '1e999', // PHP decodes to INF, which json_encode then refuses
      '\ufeff{}', // byte-order mark
      '{} {}',
      '',
    ];
    for (const json of bad) expect(() => phpJsonDecode(Buffer.from(json)), json).toThrow(PhpJsonError);
    expect(() => phpJsonDecode(Buffer.from([0x22, 0xff, 0x22]))).toThrow(PhpJsonError);
  });

  it('admits 511 nested arrays and refuses 512, like json_decode at its default depth', () => {
    expect(() => phpJsonDecode(Buffer.from(`${'['.repeat(511)}1${']'.repeat(511)}`))).not.toThrow();
    expect(() => phpJsonDecode(Buffer.from(`${'['.repeat(512)}1${']'.repeat(512)}`))).toThrow(PhpJsonError);
  });

  it('prints doubles as php_gcvt in shortest mode', () => {
    expect(phpDouble(0.1)).toBe('0.1');
    expect(phpDouble(-1.5e-7)).toBe('-1.5e-7');
    expect(phpDouble(1e22)).toBe('1.0e+22');
    expect(phpDouble(123456789.125)).toBe('123456789.125');
    expect(() => phpDouble(Infinity)).toThrow(PhpJsonError);
  });

  it('agrees with JSON.stringify wherever PHP has no quirk to add', () => {
    // ASCII strings without "/" or controls, non-negative safe integers, list arrays, non-empty
    // objects whose keys are not integer-like: here both encoders must print the same bytes.
    const key = fc.stringMatching(/^[a-z_][a-z0-9_]{0,8}$/);
    const text = fc.stringMatching(/^[ -.0-~]{0,12}$/);
    const { tree } = fc.letrec((tie) => ({
      tree: fc.oneof(
        { depthSize: 'small' },
        text,
        fc.integer({ min: 0, max: 2 ** 53 - 1 }),
        fc.boolean(),
        fc.constant(null),
        fc.array(tie('tree'), { minLength: 1, maxLength: 4 }),
        fc.dictionary(key, tie('tree'), { minKeys: 1, maxKeys: 4 }),
      ),
    }));
    fc.assert(
      fc.property(tree, (value) => {
        const json = JSON.stringify(value);
        expect(roundTrip(json)).toBe(json);
      }),
    );
  });
});

// Differential check against a real PHP, where one is installed (it is not a project dependency):
// random documents, one php process, byte-for-byte comparison of both flag sets.
const php = spawnSync('php', ['-v'], { encoding: 'utf8' });
describe.skipIf(php.status !== 0)('against the installed php binary', () => {
  it('matches json_encode(json_decode($x, true)) on random documents', () => {
    const scalar = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 8 }),
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.boolean(),
      fc.constant(null),
    );
    const { tree } = fc.letrec((tie) => ({
      tree: fc.oneof(
        { depthSize: 'small' },
        scalar,
        fc.array(tie('tree'), { maxLength: 4 }),
        fc.dictionary(fc.string({ maxLength: 4 }), tie('tree'), { maxKeys: 4 }),
      ),
    }));
    const docs = fc.sample(tree, { numRuns: 300, seed: 42 }).map((doc) => JSON.stringify(doc));
    const script =
      '$in = json_decode(stream_get_contents(STDIN), true);' +
      'foreach ($in as $doc) { $v = json_decode($doc, true);' +
      ' if (json_last_error() !== 0) { echo "null\\n"; continue; }' +
      ' echo json_encode([json_encode($v, JSON_UNESCAPED_UNICODE), json_encode($v)]), "\\n"; }';
    const run = spawnSync('php', ['-r', script], { input: JSON.stringify(docs), encoding: 'utf8' });
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(docs.length);
    docs.forEach((doc, i) => {
      const answer = JSON.parse(lines[i] ?? 'null') as [string, string] | null;
      // PHP refused the document (e.g. a lone surrogate): so must we.
      if (answer === null) return expect(() => roundTrip(doc), doc).toThrow(PhpJsonError);
      const [unescaped, escaped] = answer;
      expect(roundTrip(doc, true), doc).toBe(unescaped);
      expect(roundTrip(doc, false), doc).toBe(escaped);
    });
  });
});
