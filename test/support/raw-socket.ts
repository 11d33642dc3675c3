/**
 * Bytes to a server over raw TCP (node:net), below any HTTP or WebSocket client that would refuse
 * to send malformed input: for the browser host's robustness tests. Every wait here ends on a
 * socket event (the server answering, closing or resetting), never on a timer.
 */
import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

export interface RawExchange {
  /** Everything the server sent before the connection ended. */
  response: Buffer;
  /** The HTTP status of the first response line, if the server sent one. */
  status: number | null;
}

/** The status code of an HTTP response's first line (`HTTP/1.1 400 Bad Request`), if any. */
export function statusOf(response: Buffer): number | null {
  const match = /^HTTP\/1\.[01] (\d{3})/.exec(response.subarray(0, 32).toString('latin1'));
  return match ? Number(match[1]) : null;
}

function connectTo(origin: string): Promise<Socket> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) }, () => {
      socket.off('error', reject);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

/**
 * Sends `bytes`, then half-closes (the server sees the end of what it was given: a truncated
 * request stays truncated), and collects the answer until the server closes the connection.
 */
export async function rawExchange(origin: string, bytes: Buffer | string): Promise<RawExchange> {
  const socket = await connectTo(origin);
  const chunks: Buffer[] = [];
  return new Promise((resolve) => {
    const done = () => {
      const response = Buffer.concat(chunks);
      resolve({ response, status: statusOf(response) });
    };
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    // A reset is an answer too (the server dropped the connection): what it sent before counts.
    socket.on('error', () => undefined);
    socket.once('close', done);
    socket.end(bytes);
  });
}

/** An HTTP/1.1 request for `target` with `headers` (Host first, as a browser sends it). */
export function httpRequest(
  method: string,
  target: string,
  headers: Record<string, string>,
  body: Buffer | string = '',
): Buffer {
  const head = [`${method} ${target} HTTP/1.1`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
  return Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`, 'latin1'), Buffer.from(body)]);
}

/** The handshake a page holding the token makes for the browser host's IPC WebSocket. */
export function ipcHandshake(readyUrl: string, overrides: Record<string, string | null> = {}): Buffer {
  const url = new URL(readyUrl);
  const token = new URLSearchParams(url.hash.slice(1)).get('token') ?? '';
  const headers: Record<string, string | null> = {
    Host: url.host,
    Origin: url.origin,
    Upgrade: 'websocket',
    Connection: 'Upgrade',
    'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
    'Sec-WebSocket-Version': '13',
    ...overrides,
  };
  const kept = Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== null)) as Record<
    string,
    string
  >;
  return httpRequest('GET', `/ipc?token=${encodeURIComponent(token)}`, kept);
}

export interface FrameOptions {
  fin?: boolean;
  /** The three reserved bits (no extension is negotiated, so any of them set is a protocol error). */
  rsv?: number;
  /** Clients must mask every frame; `false` sends it bare (a protocol error). */
  masked?: boolean;
  /** A payload length to declare instead of the real one (a lie in either direction). */
  declaredLength?: number;
}

/** One WebSocket frame (RFC 6455 §5.2) as a client would put it on the wire. */
export function wsFrame(opcode: number, payload: Buffer, options: FrameOptions = {}): Buffer {
  const { fin = true, rsv = 0, masked = true } = options;
  const length = options.declaredLength ?? payload.length;
  const first = (fin ? 0x80 : 0) | ((rsv & 0x7) << 4) | (opcode & 0x0f);
  let lengthBytes: Buffer;
  if (length < 126) {
    lengthBytes = Buffer.from([length]);
  } else if (length < 0x10000) {
    lengthBytes = Buffer.alloc(3);
    lengthBytes[0] = 126;
    lengthBytes.writeUInt16BE(length, 1);
  } else {
    lengthBytes = Buffer.alloc(9);
    lengthBytes[0] = 127;
    lengthBytes.writeBigUInt64BE(BigInt(length), 1);
  }
  if (masked) lengthBytes[0]! |= 0x80;
  const mask = masked ? randomBytes(4) : Buffer.alloc(0);
  const body = Buffer.from(payload);
  if (masked) for (let i = 0; i < body.length; i++) body[i]! ^= mask[i % 4]!;
  return Buffer.concat([Buffer.from([first]), lengthBytes, mask, body]);
}

export interface WsOutcome {
  /** The server's answer to the handshake (101 when it let the socket in). */
  handshakeStatus: number | null;
  /** The status code of the server's close frame, if it sent one (1009: too big, 1002: protocol…). */
  closeCode: number | null;
  /** Text frames the server sent before it closed (results, events). */
  texts: string[];
}

/**
 * Opens the IPC WebSocket by hand (the handshake `handshake`), sends `frames` as raw bytes, then
 * half-closes, and follows what the server sends until the connection ends. A refused handshake
 * (any answer but 101) ends the exchange there.
 */
export async function rawWebSocket(
  origin: string,
  handshake: Buffer,
  frames: Buffer,
  options: {
    /** Keep the connection open until the result for this invoke id arrives (then half-close). */
    awaitResult?: number;
  } = {},
): Promise<WsOutcome> {
  const socket = await connectTo(origin);
  let buffer = Buffer.alloc(0);
  let handshakeStatus: number | null = null;
  let closeCode: number | null = null;
  const texts: string[] = [];

  const readFrames = () => {
    for (;;) {
      if (buffer.length < 2) return;
      const opcode = buffer[0]! & 0x0f;
      let length = buffer[1]! & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (buffer.length < 4) return;
        length = buffer.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (buffer.length < 10) return;
        length = Number(buffer.readBigUInt64BE(2));
        offset = 10;
      }
      if (buffer.length < offset + length) return;
      const payload = buffer.subarray(offset, offset + length);
      buffer = buffer.subarray(offset + length);
      if (opcode === 0x1) {
        const text = payload.toString('utf8');
        texts.push(text);
        if (options.awaitResult !== undefined && isResultFor(text, options.awaitResult)) socket.end();
      }
      if (opcode === 0x8) {
        closeCode = payload.length >= 2 ? payload.readUInt16BE(0) : null;
        // The close is already answered: this client half-closed after its frames.
      }
    }
  };

  return new Promise((resolve) => {
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (handshakeStatus === null) {
        const end = buffer.indexOf('\r\n\r\n');
        if (end < 0) return;
        handshakeStatus = statusOf(buffer);
        buffer = buffer.subarray(end + 4);
        // Refused: nothing more to say. Let in: the frames, then the end of what this client sends
        // (a truncated frame stays truncated).
        if (handshakeStatus !== 101) return void socket.end();
        if (options.awaitResult === undefined) socket.end(frames);
        else socket.write(frames);
      }
      readFrames();
    });
    socket.on('error', () => undefined);
    socket.once('close', () => resolve({ handshakeStatus, closeCode, texts }));
    socket.write(handshake);
  });
}

function isResultFor(text: string, id: number): boolean {
  try {
    const message = JSON.parse(text) as { type?: unknown; id?: unknown };
    return message.type === 'result' && message.id === id;
  } catch {
    return false;
  }
}
