import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { events as contractEvents, type EventName } from '../shared/ipc-contract.js';
import { createDesktopCore, type CoreEvents, type DesktopCore } from './core.js';
import { MemorySecretStore } from './session/secret-store.js';

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

export interface BrowserHost {
  /** Open this in a browser: it carries the one-time token in its fragment. */
  url: string;
  origin: string;
  core: DesktopCore<WebSocket>;
  close(): Promise<void>;
}

/**
 * The desktop core under plain Node, for machines without the Electron binary: the renderer is
 * served on 127.0.0.1 and the IPC contract travels over a WebSocket that only a page from this
 * origin, holding this run's token, can open. Host and Origin are checked on every request, so
 * another site (or a DNS-rebound name) cannot reach the core.
 */
export async function startBrowserHost(options: {
  dataDir: string;
  rendererDir: string;
  port?: number;
  log?: (message: string, error?: unknown) => void;
}): Promise<BrowserHost> {
  const token = randomBytes(32).toString('base64url');
  const sockets = new Set<WebSocket>();
  const core = await createDesktopCore<WebSocket>(
    {
      dataDir: options.dataDir,
      secrets: new MemorySecretStore(),
      // There is no system browser to hand links to from here; the page opens them itself.
      openExternal: async () => false,
      ...(options.log ? { log: options.log } : {}),
    },
    (socket) => sockets.has(socket),
  );

  let origin = '';
  const server = createServer((request, response) => {
    if (request.headers.host !== new URL(origin).host) return refuse(response, 421, 'wrong host');
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return refuse(response, 405, 'method not allowed');
    serveStatic(options.rendererDir, request, response, origin);
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', origin);
    const given = Buffer.from(url.searchParams.get('token') ?? '');
    const expected = Buffer.from(token);
    const allowed =
      url.pathname === '/ipc' &&
      request.headers.host === url.host &&
      request.headers.origin === origin &&
      given.length === expected.length &&
      timingSafeEqual(given, expected);
    if (!allowed) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('message', (raw) => void onMessage(ws, raw.toString()));
    });
  });

  async function onMessage(ws: WebSocket, raw: string) {
    let message: { type?: unknown; id?: unknown; channel?: unknown; input?: unknown };
    try {
      message = JSON.parse(raw) as typeof message;
    } catch {
      return ws.close(1003, 'not JSON');
    }
    if (message.type !== 'invoke' || typeof message.id !== 'number') return ws.close(1003, 'not an invoke');
    const result = await core.dispatch(ws, message.channel, message.input);
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ type: 'result', id: message.id, result }));
  }

  const listeners = (Object.keys(contractEvents) as EventName[]).map((event) => {
    const listener = (payload: CoreEvents[typeof event][0]) => {
      const text = JSON.stringify({ type: 'event', event, payload });
      for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(text);
    };
    core.events.on(event, listener);
    return () => core.events.off(event, listener);
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await core.start();

  return {
    url: `${origin}/#token=${token}`,
    origin,
    core,
    async close() {
      listeners.forEach((off) => off());
      for (const ws of sockets) ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await core.stop();
    },
  };
}

function refuse(response: ServerResponse, status: number, message: string) {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(message);
}

function serveStatic(root: string, request: IncomingMessage, response: ServerResponse, origin: string) {
  const path = decodeURIComponent(new URL(request.url ?? '/', origin).pathname);
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
  if (request.method === 'HEAD') return response.end();
  createReadStream(file).pipe(response);
}
