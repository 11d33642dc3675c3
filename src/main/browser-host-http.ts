import { createReadStream, existsSync, statSync } from 'node:fs';
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.map': 'application/json',
  '.woff2': 'font/woff2',
};

export function refuse(response: ServerResponse, status: number, message: string): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(message);
}

/**
 * What Node's HTTP parser could not read (bad request line, header or encoding; too-large headers;
 * a timeout) gets a status and a closed connection, never an exception.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
  const status =
    error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/**
 * The path of a request target, percent-decoded; null when it is not an origin-form path or does
 * not decode (`/%E0%A4%A`, a lone `%`, bad UTF-8, a NUL byte).
 */
export function decodedPath(target: string | undefined, origin: string): string | null {
  if (!target?.startsWith('/') || target.startsWith('//')) return null;
  let path: string;
  try {
    path = decodeURIComponent(new URL(target, origin).pathname);
  } catch {
    return null;
  }
  return path.includes('\0') ? null : path;
}

export function serveStatic(
  root: string,
  request: IncomingMessage,
  response: ServerResponse,
  origin: string,
): void {
  const path = decodedPath(request.url, origin);
  if (path === null) return refuse(response, 400, 'malformed request path');
  const file = normalize(join(root, path === '/' ? 'index.html' : path));
  if (!file.startsWith(normalize(root) + sep) || !existsSync(file) || !statSync(file).isFile()) {
    return refuse(response, 404, 'not found');
  }
  const wsOrigin = origin.replace(/^http/, 'ws');
  response.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'content-security-policy': [
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data: blob:",
      "font-src 'self'",
      `connect-src 'self' ${wsOrigin}`,
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
    ].join('; '),
  });
  if (request.method === 'HEAD') return void response.end();
  // A file that vanishes or cannot be read mid-way ends this response only.
  createReadStream(file)
    .on('error', () => response.destroy())
    .pipe(response);
}
