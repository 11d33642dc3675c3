import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { events as contractEvents, type EventName } from '../shared/ipc-contract.js';
import { answerClientError, refuse, serveStatic } from './browser-host-http.js';
import { IPC_CLOSE, parseIpcMessage } from './browser-host-ipc.js';
import { createDesktopCore, type CoreEvents, type DesktopCore } from './core.js';
import { safeFileName } from './files/document-host.js';
import { MemorySecretStore, type SecretStore } from './session/secret-store.js';

/** Largest IPC message accepted (bytes); a bigger one closes its socket with 1009 (too big). */
const MAX_IPC_MESSAGE = 1024 * 1024;

export interface BrowserHost {
  /** Open this in a browser: it carries the one-time token in its fragment. */
  url: string;
  origin: string;
  core: DesktopCore<WebSocket>;
  /**
   * The last session resumed (or the demo started). The host serves the page before this: the
   * page shows "starting" and is told when the session changes, so `npm start` can print the URL
   * while the embedded demo API is still loading.
   */
  started: Promise<void>;
  close(): Promise<void>;
}

/**
 * The desktop core under plain Node, for machines without the Electron binary: the renderer is
 * served on 127.0.0.1 and the IPC contract travels over a WebSocket that only a page from this
 * origin, holding this run's token, can open. Host and Origin are checked on every request, so
 * another site (or a DNS-rebound name) cannot reach the core.
 *
 * Nothing a client sends may end the process (it carries the embedded API too): a malformed request
 * is answered 4xx, a bad frame closes its own socket with the code RFC 6455 gives for it, and every
 * socket has an `error` listener.
 */
export async function startBrowserHost(options: {
  dataDir: string;
  rendererDir: string;
  port?: number;
  /** Memory only unless given (benchmarks hand in a signed-in credential). */
  secrets?: SecretStore;
  log?: (message: string, error?: unknown) => void;
}): Promise<BrowserHost> {
  const log = options.log ?? ((message: string, error?: unknown) => console.error(message, error));
  const token = randomBytes(32).toString('base64url');
  const sockets = new Set<WebSocket>();
  const core = await createDesktopCore<WebSocket>(
    {
      dataDir: options.dataDir,
      secrets: options.secrets ?? new MemorySecretStore(),
      // There is no system browser to hand links to from here; the page opens them itself.
      openExternal: async () => false,
      ...(options.log ? { log: options.log } : {}),
    },
    (socket) => sockets.has(socket),
  );

  let origin = '';
  const server = createServer((request, response) => {
    try {
      if (request.headers.host !== new URL(origin).host) return refuse(response, 421, 'wrong host');
      if (request.method !== 'GET' && request.method !== 'HEAD')
        return refuse(response, 405, 'method not allowed');
      if (request.url?.startsWith('/exports/')) return serveExport(request, response);
      serveStatic(options.rendererDir, request, response, origin);
    } catch (error) {
      // Every bad input has its own 4xx above: this is a bug, but it stays one request's problem.
      log('browser host: a request failed', error);
      if (!response.headersSent) refuse(response, 500, 'internal error');
      else response.destroy();
    }
  });
  server.on('clientError', answerClientError);
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_IPC_MESSAGE });
  wss.on('error', (error) => log('browser host: IPC server error', error));
  server.on('upgrade', (request: IncomingMessage, socket: Socket, head: Buffer) => {
    // A reset in the middle of a handshake is the client's business, not a reason to exit.
    socket.on('error', () => socket.destroy());
    try {
      if (!mayOpenIpc(request)) {
        socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      // A malformed handshake (version, key, Upgrade header) is answered 400 by `ws` itself.
      wss.handleUpgrade(request, socket, head, acceptIpc);
    } catch (error) {
      log('browser host: an IPC handshake failed', error);
      socket.destroy();
    }
  });

  function acceptIpc(ws: WebSocket) {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    // Bad frames (too big, invalid opcode or UTF-8, unmasked…): `ws` closes the socket with the
    // matching code (1009, 1002, 1007…) and reports it here; without a listener it would throw.
    ws.on('error', (error) => log(`browser host: closed an IPC connection: ${error.message}`));
    ws.on('message', (raw, isBinary) => {
      onMessage(ws, raw, isBinary).catch((error: unknown) => {
        log('browser host: an IPC message failed', error);
        ws.close(IPC_CLOSE.internal, 'internal error');
      });
    });
  }

  /**
   * A finished CSV export, as a download: only with the key that its progress event carried over
   * the token-protected IPC socket, only once (the file is deleted when the response ends).
   */
  function serveExport(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? '/', origin);
    const exportId = /^\/exports\/(exp_[0-9a-f]{24})$/.exec(url.pathname)?.[1];
    const download =
      request.method === 'GET' && exportId
        ? core.exports.takeDownload(exportId, url.searchParams.get('key') ?? '')
        : null;
    if (!download) return refuse(response, 404, 'not found');
    response.writeHead(200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${safeFileName(download.filename, 'csv')}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    response.on('close', () => void rm(download.path, { force: true }));
    createReadStream(download.path)
      .on('error', () => response.destroy())
      .pipe(response);
  }

  /** The page of this origin, holding this run's token, asking for /ipc: nobody else. */
  function mayOpenIpc(request: IncomingMessage): boolean {
    if (!request.url?.startsWith('/')) return false;
    let url: URL;
    try {
      url = new URL(request.url, origin);
    } catch {
      return false;
    }
    const given = Buffer.from(url.searchParams.get('token') ?? '');
    const expected = Buffer.from(token);
    return (
      url.pathname === '/ipc' &&
      request.headers.host === new URL(origin).host &&
      request.headers.origin === origin &&
      given.length === expected.length &&
      timingSafeEqual(given, expected)
    );
  }

  async function onMessage(ws: WebSocket, raw: RawData, isBinary: boolean) {
    const message = parseIpcMessage(raw, isBinary);
    if (!message.ok) return ws.close(message.code, message.reason);
    const { id, channel, input } = message.value;
    const result = await core.dispatch(ws, channel, input);
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ type: 'result', id, result }));
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
  const started = core.start();
  // Its failure is the caller's to report (through `started`); closing must not throw it again.
  const settled = started.then(
    () => undefined,
    () => undefined,
  );

  return {
    url: `${origin}/#token=${token}`,
    origin,
    core,
    started,
    async close() {
      listeners.forEach((off) => off());
      // No new IPC or HTTP work: sockets and connections close first (a call under way still
      // finishes in the core, which waits for it), then the core closes its databases.
      for (const ws of sockets) ws.terminate();
      wss.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      // A demo API still starting would otherwise be left running after the core closed; one not
      // started yet (waiting for the first screen) never starts.
      core.session.closing();
      await settled;
      await core.stop();
    },
  };
}
