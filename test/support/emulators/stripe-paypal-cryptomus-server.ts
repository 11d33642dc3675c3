import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The plumbing the Stripe, PayPal and Cryptomus emulators share (named for them, beside the other
 * helpers' emulators):
 * a node:http server on 127.0.0.1 port 0, raw bodies, JSON answers, and webhook deliveries that are
 * recorded before (or instead of) being sent, so tests can replay or tamper with them.
 */

export interface EmulatorRequest {
  method: string;
  url: URL;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

export interface EmulatorReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export type EmulatorHandler = (request: EmulatorRequest) => EmulatorReply | Promise<EmulatorReply>;

/** One webhook exactly as it goes on the wire. */
export interface EmulatedDelivery {
  url: string | undefined;
  headers: Record<string, string>;
  body: Buffer;
  /** The receiver's answer, once sent. */
  response?: { status: number; body: string };
}

export interface RunningEmulator {
  baseUrl: string;
  close(): Promise<void>;
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, reply: EmulatorReply) {
  const isText = typeof reply.body === 'string';
  const payload = isText ? (reply.body as string) : JSON.stringify(reply.body);
  response.writeHead(reply.status, {
    'content-type': isText ? 'text/html; charset=utf-8' : 'application/json',
    ...reply.headers,
  });
  response.end(payload);
}

export async function startEmulatorServer(handler: EmulatorHandler): Promise<RunningEmulator> {
  const server: Server = createServer((request, response) => {
    readBody(request)
      .then(async (body) => {
        const url = new URL(request.url ?? '/', 'http://127.0.0.1');
        send(
          response,
          await handler({ method: request.method ?? 'GET', url, headers: request.headers, body }),
        );
      })
      .catch((error: unknown) => {
        send(response, { status: 500, body: { error: { message: String(error) } } });
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** Sends a recorded delivery to its URL (when it has one) and records the answer. */
export async function sendDelivery(delivery: EmulatedDelivery): Promise<EmulatedDelivery> {
  if (delivery.url === undefined) return delivery;
  const response = await fetch(delivery.url, {
    method: 'POST',
    headers: delivery.headers,
    body: new Uint8Array(delivery.body),
  });
  delivery.response = { status: response.status, body: await response.text() };
  return delivery;
}
