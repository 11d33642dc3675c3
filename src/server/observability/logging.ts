import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyServerOptions } from 'fastify';

/** The header a caller may name its request by; the answer carries the id used, given or made. */
export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * The log field of the request id: on every line of a request (Fastify's default label), and on the
 * job lines it causes.
 */
export const REQUEST_ID_LOG_KEY = 'reqId';

/**
 * An id we take from a caller: 8 to 64 characters of letters, digits and `-_.:`. Anything else (too
 * long, spaces, quotes, control characters) is replaced by our own: it goes into every log line and
 * back out in a header, so it must not be able to forge a line or carry a payload.
 */
const WELL_FORMED = /^[A-Za-z0-9._:-]{8,64}$/;

export function isWellFormedRequestId(value: unknown): value is string {
  return typeof value === 'string' && WELL_FORMED.test(value);
}

/** Fastify's genReqId: the caller's id when well formed, else a fresh UUID. */
export function requestIdOf(request: IncomingMessage): string {
  const given = request.headers[REQUEST_ID_HEADER];
  return isWellFormedRequestId(given) ? given : randomUUID();
}

/**
 * Where a secret could reach a log line, censored at the root: request headers (Fastify's default
 * serializer logs none, but a `req` object logged whole would), and the credential fields of any
 * object logged whole (a body, a gateway setting).
 */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["idempotency-key"]',
  'req.headers["x-api-key"]',
  'headers.authorization',
  'headers.cookie',
  'headers["idempotency-key"]',
  '*.password',
  '*.adminPassword',
  '*.newPassword',
  '*.credentials',
  '*.webhookSecret',
  '*.apiKey',
  '*.token',
];

/** The API's pino options: JSON lines, the level given, secrets censored. */
export function loggerOptions(level: string): Exclude<FastifyServerOptions['logger'], boolean | undefined> {
  return { level, redact: { paths: REDACT_PATHS, censor: '[redacted]' } };
}
