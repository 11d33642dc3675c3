/**
 * A raw fuzz of the browser host: well over a thousand malformed HTTP requests, WebSocket handshakes
 * and frames, sent over TCP (node:net) below any client that would refuse to send them. Each gets a
 * 4xx, or its socket closed with the code RFC 6455 gives for its fault, and the process goes on;
 * afterwards the host still serves the page and answers IPC over its authenticated WebSocket.
 *
 * Inputs come from fast-check with a fixed seed (FUZZ_SEED, plus the property's index), so a
 * failure is reproduced by running this file again; fast-check prints the failing input.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStillServing } from '../../support/browser-host-probe.js';
import type { CoreProcess } from '../../support/core-process.js';
import { DesktopScene } from '../../support/desktop-scene.js';
import {
  httpRequest,
  ipcHandshake,
  rawExchange,
  rawWebSocket,
  wsFrame,
  type WsOutcome,
} from '../../support/raw-socket.js';

/** The seed of every property below (each adds its own index): change it to explore other inputs. */
const FUZZ_SEED = 20_261_203;
/** The browser host's limit on one IPC message (bytes). */
const MAX_MESSAGE = 1024 * 1024;

const CLOSE = { protocolError: 1002, unsupported: 1003, invalidPayload: 1007, tooBig: 1009 } as const;
const OPCODE = { continuation: 0x0, text: 0x1, binary: 0x2, close: 0x8, ping: 0x9 } as const;

/** Channels that only read: whatever input the fuzz gives them, nothing changes in the console. */
const READ_CHANNELS = [
  'session:get',
  'sync:status',
  'wallets:list',
  'wallets:get',
  'wallets:history',
  'wallets:holds',
  'customers:search',
  'customers:get',
  'outbox:list',
  'payments:list',
  'payments:get',
];

// ---- generators -------------------------------------------------------------------------------

/** Percent-encodings that do not decode, or decode to what no file path holds. */
const badEscape = fc.constantFrom(
  '%E0%A4%A',
  '%',
  '%%',
  '%Z9',
  '%E0%A4',
  '%C0%AF',
  '%FF',
  '%ED%A0%80',
  '%F4%90%80%80',
  '%00',
  '%80',
);
const pathPiece = fc.oneof(badEscape, fc.string({ maxLength: 8 }).map(encodeURIComponent));
const badTarget = fc
  .tuple(fc.array(pathPiece, { maxLength: 5 }), badEscape, fc.array(pathPiece, { maxLength: 5 }))
  .map(([before, bad, after]) => `/${[...before, bad, ...after].join('')}`);

/** Byte sequences that are not UTF-8 (overlong, lone continuation, surrogate, beyond U+10FFFF…). */
const invalidUtf8 = fc
  .tuple(
    fc.string({ maxLength: 20 }),
    fc.constantFrom([0xc0, 0xaf], [0xff], [0x80], [0xed, 0xa0, 0x80], [0xe0, 0xa4], [0xf4, 0x90, 0x80, 0x80]),
    fc.string({ maxLength: 20 }),
  )
  .map(([a, bad, b]) => Buffer.concat([Buffer.from(a), Buffer.from(bad), Buffer.from(b)]));

const httpToken = fc.stringMatching(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,12}$/);

/** A request the HTTP parser itself refuses, or one it reads and the host refuses. */
function malformedHttp(host: string) {
  const valid = httpRequest('GET', '/', { Host: host });
  return fc
    .oneof(
      // Bad percent-encoding in the path (the request that used to end the process).
      badTarget.map((target) => httpRequest('GET', target, { Host: host })),
      // Random bytes.
      fc.uint8Array({ minLength: 1, maxLength: 2048 }).map((bytes) => Buffer.from(bytes)),
      // A valid request cut short.
      fc.integer({ min: 1, max: valid.length - 1 }).map((cut) => valid.subarray(0, cut)),
      // Control characters or non-ASCII bytes in a header name or value.
      fc
        .tuple(httpToken, invalidUtf8, fc.constantFrom('\0', '\x01', '\x7f', '\r', '\n'))
        .map(([name, value, control]) =>
          Buffer.concat([
            Buffer.from(`GET / HTTP/1.1\r\nHost: ${host}\r\n${name}${control}: `, 'latin1'),
            value,
            Buffer.from('\r\n\r\n'),
          ]),
        ),
      // Headers beyond the parser's limit (16 KiB).
      fc
        .integer({ min: 17 * 1024, max: 64 * 1024 })
        .map((size) => httpRequest('GET', '/', { Host: host, 'X-Big': 'a'.repeat(size) })),
      // Lengths and encodings that cannot both be true (request smuggling shapes).
      fc
        .constantFrom<Record<string, string>[]>(
          { 'Content-Length': 'abc' },
          { 'Content-Length': '-1' },
          { 'Content-Length': '1, 2' },
          { 'Content-Length': '5', 'Transfer-Encoding': 'chunked' },
          { 'Transfer-Encoding': 'chunked, identity' },
          { 'Transfer-Encoding': 'chunked' },
        )
        .chain((headers) =>
          fc
            .string({ maxLength: 40 })
            .map((body) => httpRequest('POST', '/', { Host: host, ...headers }, body)),
        ),
      // Methods the host does not serve, targets that are not paths, a wrong or missing Host.
      fc
        .tuple(
          httpToken.filter((m) => m !== 'GET' && m !== 'HEAD'),
          fc.string({ maxLength: 16 }),
        )
        .map(([method, path]) => httpRequest(method, `/${encodeURIComponent(path)}`, { Host: host })),
      fc
        .constantFrom('*', 'http://evil.example/', '//evil.example/', 'evil', '/../../etc/passwd')
        .map((target) => httpRequest('GET', target, { Host: host })),
      fc
        .constantFrom('evil.example', '127.0.0.1', 'localhost', '', `${host}.evil.example`)
        .map((wrong) => httpRequest('GET', '/', wrong === '' ? {} : { Host: wrong })),
    )
    .map((bytes) => ({ bytes, ...summary(bytes) }));
}

/** A handshake for /ipc with at least one fault: the WebSocket must not open. */
function badHandshake(readyUrl: string) {
  const url = new URL(readyUrl);
  const token = new URLSearchParams(url.hash.slice(1)).get('token') ?? '';
  return fc
    .oneof(
      fc
        .constantFrom<Record<string, string | null>>(
          { 'Sec-WebSocket-Version': '7' },
          { 'Sec-WebSocket-Version': '14' },
          { 'Sec-WebSocket-Version': 'x' },
          { 'Sec-WebSocket-Version': null },
          { 'Sec-WebSocket-Key': null },
          { 'Sec-WebSocket-Key': 'short' },
          { 'Sec-WebSocket-Key': 'not base64 at all!!!!!!' },
          { Upgrade: 'h2c' },
          { Upgrade: 'websocket2' },
          { Connection: null },
          { Connection: 'keep-alive' },
          { Origin: null },
          { Origin: 'http://evil.example' },
          { Origin: `http://localhost:${url.port}` },
          { Host: 'evil.example' },
          { Host: `localhost:${url.port}` },
        )
        .map((overrides) => ipcHandshake(readyUrl, overrides)),
      // A wrong, truncated, overlong or badly encoded token, or another path.
      fc
        .oneof(
          fc.string({ maxLength: 80 }).map(encodeURIComponent),
          fc.constant(token.slice(0, -1)),
          fc.constant(`${token}A`),
          badEscape.map((bad) => `${token.slice(0, 10)}${bad}`),
        )
        .filter((given) => given !== token)
        .map((given) =>
          Buffer.from(
            ipcHandshake(readyUrl)
              .toString('latin1')
              .replace(/token=[^ ]*/, `token=${given}`),
            'latin1',
          ),
        ),
      fc.constantFrom('/ipc2', '/IPC', '/ipc/', '/%E0%A4%A', '/ipc%ZZ').map((path) =>
        Buffer.from(
          ipcHandshake(readyUrl)
            .toString('latin1')
            .replace(/^GET \/ipc/, `GET ${path}`),
          'latin1',
        ),
      ),
    )
    .map((bytes) => ({ bytes, ...summary(bytes) }));
}

interface FrameCase {
  frames: Buffer;
  /** The close code the host must answer with; null: it just ends the connection (no close frame). */
  expected: number | null;
}

const text = (payload: Buffer | string) => wsFrame(OPCODE.text, Buffer.from(payload));

/** Frames that break RFC 6455 or the IPC protocol, each with the close code it must get. */
const badFrames: fc.Arbitrary<FrameCase> = fc
  .oneof<fc.Arbitrary<FrameCase>[]>(
    // Over the 1 MiB limit: declared in the header (with no payload behind it, or a little).
    fc.oneof(fc.integer({ min: MAX_MESSAGE + 1, max: 2 ** 32 }), fc.constant(2 ** 53)).map((declared) => ({
      frames: wsFrame(OPCODE.text, Buffer.from('{"type":"invoke"'), { declaredLength: declared }),
      expected: CLOSE.tooBig,
    })),
    // Over the limit in fragments that are each small enough.
    fc.integer({ min: 2, max: 4 }).map((parts) => {
      const size = Math.ceil((MAX_MESSAGE + 1) / parts);
      const fragments = Array.from({ length: parts }, (_, i) =>
        wsFrame(i === 0 ? OPCODE.text : OPCODE.continuation, Buffer.alloc(size, 0x61), {
          fin: i === parts - 1,
        }),
      );
      return { frames: Buffer.concat(fragments), expected: CLOSE.tooBig };
    }),
    // Opcodes RFC 6455 reserves.
    fc
      .tuple(
        fc.constantFrom(0x3, 0x4, 0x5, 0x6, 0x7, 0xb, 0xc, 0xd, 0xe, 0xf),
        fc.uint8Array({ maxLength: 64 }),
      )
      .map(([opcode, payload]) => ({
        frames: wsFrame(opcode, Buffer.from(payload)),
        expected: CLOSE.protocolError,
      })),
    // Reserved bits set (no extension was negotiated).
    fc.integer({ min: 1, max: 7 }).map((rsv) => ({
      frames: wsFrame(OPCODE.text, Buffer.from('{}'), { rsv }),
      expected: CLOSE.protocolError,
    })),
    // A client frame without a mask.
    fc.string({ maxLength: 64 }).map((payload) => ({
      frames: wsFrame(OPCODE.text, Buffer.from(payload), { masked: false }),
      expected: CLOSE.protocolError,
    })),
    // Control frames that are too long or fragmented, close codes that may not be sent.
    fc.integer({ min: 126, max: 1000 }).map((size) => ({
      frames: wsFrame(OPCODE.ping, Buffer.alloc(size)),
      expected: CLOSE.protocolError,
    })),
    fc.constant({
      frames: wsFrame(OPCODE.ping, Buffer.from('x'), { fin: false }),
      expected: CLOSE.protocolError,
    }),
    fc.constantFrom(0, 999, 1004, 1005, 1006, 1015, 2999, 5000, 65_535).map((code) => {
      const payload = Buffer.alloc(2);
      payload.writeUInt16BE(code);
      return { frames: wsFrame(OPCODE.close, payload), expected: CLOSE.protocolError };
    }),
    fc.constant({ frames: wsFrame(OPCODE.close, Buffer.from([0x03])), expected: CLOSE.protocolError }),
    // A continuation with nothing to continue; a new message inside a fragmented one.
    fc.string({ maxLength: 32 }).map((payload) => ({
      frames: wsFrame(OPCODE.continuation, Buffer.from(payload)),
      expected: CLOSE.protocolError,
    })),
    fc.constant({
      frames: Buffer.concat([wsFrame(OPCODE.text, Buffer.from('{"ty'), { fin: false }), text('{}')]),
      expected: CLOSE.protocolError,
    }),
    // Text that is not UTF-8.
    invalidUtf8.map((payload) => ({ frames: text(payload), expected: CLOSE.invalidPayload })),
    // UTF-8 that is not a JSON invoke; binary messages.
    fc
      .oneof(
        fc.string({ maxLength: 200 }).filter((s) => !isJson(s)),
        fc.jsonValue().map((value) => JSON.stringify(value)),
        fc.constantFrom('null', '[]', '1', '"invoke"', '{"type":"invoke"}', '{"type":"invoke","id":"1"}'),
        fc.constantFrom(
          '{"type":"invoke","id":-1}',
          '{"type":"invoke","id":1.5}',
          '{"type":"result","id":1}',
        ),
      )
      .filter((payload) => !isInvoke(payload))
      .map((payload) => ({ frames: text(payload), expected: CLOSE.unsupported })),
    fc.uint8Array({ maxLength: 256 }).map((payload) => ({
      frames: wsFrame(OPCODE.binary, Buffer.from(payload)),
      expected: CLOSE.unsupported,
    })),
    // A valid invoke cut short, then the client goes away: no message, nothing to answer.
    fc.string({ minLength: 1, maxLength: 64 }).chain((channel) => {
      const whole = text(JSON.stringify({ type: 'invoke', id: 1, channel, input: {} }));
      return fc
        .integer({ min: 1, max: whole.length - 1 })
        .map((cut) => ({ frames: whole.subarray(0, cut), expected: null }));
    }),
  )
  .map((c) => ({ ...c, ...summary(c.frames, `expecting close code ${c.expected}`) }));

/** How fast-check prints a failing input: its size and first bytes, not a megabyte of numbers. */
function summary(bytes: Buffer, note = '') {
  return {
    [fc.toStringMethod]: () =>
      `${bytes.length} bytes: ${JSON.stringify(bytes.subarray(0, 160).toString('latin1'))}… ${note}`,
  };
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function isInvoke(text: string): boolean {
  if (!isJson(text)) return false;
  const value = JSON.parse(text) as unknown;
  if (typeof value !== 'object' || value === null) return false;
  const { type, id } = value as { type?: unknown; id?: unknown };
  return type === 'invoke' && Number.isInteger(id) && (id as number) >= 0;
}

/** Invokes of well-formed frames with nonsense channels or inputs: each gets its `{ok: false}`. */
const nonsenseInvoke = fc.record({
  id: fc.nat(),
  channel: fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom(...READ_CHANNELS), fc.jsonValue()),
  input: fc.jsonValue(),
});

// ---- the fuzz ---------------------------------------------------------------------------------

describe('browser host under a raw fuzz of malformed requests and frames', () => {
  let scene: DesktopScene;
  let core: CoreProcess;
  let origin: string;
  let host: string;
  let sent = 0;
  beforeAll(async () => {
    scene = new DesktopScene();
    core = await scene.coreProcess(scene.dir('console'));
    origin = new URL(core.url).origin;
    host = new URL(core.url).host;
  });
  afterAll(() => scene.close());

  const settings = (index: number, numRuns: number) => ({
    seed: FUZZ_SEED + index,
    numRuns,
    // The host is one process: after a failure, shrinking would only replay against a dead one.
    endOnFailure: true,
  });

  it('answers malformed HTTP requests with a 4xx or a closed connection, never a crash or a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(malformedHttp(host), async ({ bytes }) => {
        sent++;
        const { status, response } = await rawExchange(origin, bytes);
        expect(status === null || (status >= 400 && status < 500), response.toString('latin1')).toBe(true);
        expect(core.running(), core.output()).toBe(true);
      }),
      settings(0, 500),
    );
  });

  it('refuses malformed or unauthorised WebSocket handshakes (never 101)', async () => {
    await fc.assert(
      fc.asyncProperty(badHandshake(core.url), async ({ bytes }) => {
        sent++;
        const { handshakeStatus } = await rawWebSocket(origin, bytes, Buffer.alloc(0));
        expect(handshakeStatus).not.toBe(101);
        expect(handshakeStatus === null || (handshakeStatus >= 400 && handshakeStatus < 500)).toBe(true);
        expect(core.running(), core.output()).toBe(true);
      }),
      settings(1, 150),
    );
  });

  it('closes each connection that sends a bad frame with the code for its fault', async () => {
    await fc.assert(
      fc.asyncProperty(badFrames, async ({ frames, expected }) => {
        sent++;
        const outcome: WsOutcome = await rawWebSocket(origin, ipcHandshake(core.url), frames);
        expect(outcome.handshakeStatus).toBe(101);
        expect(outcome.closeCode).toBe(expected);
        expect(core.running(), core.output()).toBe(true);
      }),
      settings(2, 400),
    );
  });

  it('answers invokes of unknown channels or bad input with an error result, and stays open', async () => {
    await fc.assert(
      fc.asyncProperty(nonsenseInvoke, async ({ id, channel, input }) => {
        sent++;
        const frame = text(JSON.stringify({ type: 'invoke', id, channel, input }));
        const outcome = await rawWebSocket(origin, ipcHandshake(core.url), frame, { awaitResult: id });
        expect(outcome.closeCode).toBeNull();
        const answer = outcome.texts
          .map((t) => JSON.parse(t) as { type: string; id?: number; result?: { ok: boolean } })
          .find((m) => m.type === 'result' && m.id === id);
        if (typeof channel === 'string' && READ_CHANNELS.includes(channel)) {
          // A real channel: answered, or its input refused by the channel's schema.
          if (!answer?.result?.ok) expect(answer?.result).toMatchObject({ error: { code: 'validation' } });
        } else {
          expect(answer?.result).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
        }
        expect(core.running(), core.output()).toBe(true);
      }),
      settings(3, 150),
    );
  });

  it('after all of it, still serves the page and answers IPC over its authenticated WebSocket', async () => {
    expect(sent).toBeGreaterThanOrEqual(1_000);
    await expectStillServing(core);
  });
});
