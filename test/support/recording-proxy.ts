/**
 * An HTTP proxy on 127.0.0.1 between a desktop core and the billing API, for tests that must see
 * the traffic or make the network slow at a chosen moment. It records every exchange in arrival
 * order (numbered together with the live stream's events passing through, so "which came first" can
 * be asserted), and can hold requests that match a predicate until the test forwards or drops them.
 */
import { EventEmitter } from 'node:events';
import {
  createServer,
  request as upstreamRequest,
  type ClientRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Exchange {
  /** Position among everything the proxy saw: requests arriving and stream events relayed. */
  order: number;
  method: string;
  /** Path and query, as requested. */
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  state: 'held' | 'forwarded' | 'answered' | 'dropped' | 'failed';
  status: number | null;
  responseHeaders: IncomingHttpHeaders | null;
  /** The whole response body (not for event streams). */
  responseBody: string | null;
  /** Whether the answer reached a client that was still connected. */
  delivered: boolean;
  /** For an answered GET /v1/sync/changes: the `nextCursor` of the page it returned. */
  feedNextCursor: number | null;
  /** For GET /v1/sync/stream: each `cursor` event relayed, with its position. */
  streamCursors: Array<{ order: number; cursor: number }>;
}

interface Pending {
  exchange: Exchange;
  response: ServerResponse;
}

export class RecordingProxy {
  readonly exchanges: Exchange[] = [];
  private counter = 0;
  private holdIf: ((exchange: Exchange) => boolean) | null = null;
  private readonly held = new Map<Exchange, Pending>();
  private readonly upstream = new Set<ClientRequest>();
  private readonly changed = new EventEmitter();

  private constructor(
    private readonly server: Server,
    private readonly target: URL,
  ) {}

  static async start(target: string): Promise<RecordingProxy> {
    const server = createServer();
    const proxy = new RecordingProxy(server, new URL(target));
    server.on('request', (request, response) => void proxy.onRequest(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The position the next request or stream event will get (to mark "from here on"). */
  get position(): number {
    return this.counter;
  }

  /** From now on, requests matching `predicate` are held until `forward` or `drop`. */
  hold(predicate: (exchange: Exchange) => boolean): void {
    this.holdIf = predicate;
  }

  /** Stops holding new requests (those already held stay held). */
  passAll(): void {
    this.holdIf = null;
  }

  heldExchanges(): Exchange[] {
    return [...this.held.keys()];
  }

  /** Sends a held request on to the API, even if its client has gone; resolves when answered. */
  async forward(exchange: Exchange): Promise<Exchange> {
    const pending = this.take(exchange);
    this.send(pending);
    return this.waitFor((e) => e === exchange && e.state !== 'forwarded');
  }

  /** Never sends a held request: its client's connection is cut, as by a network that lost it. */
  drop(exchange: Exchange): void {
    const { response } = this.take(exchange);
    exchange.state = 'dropped';
    response.socket?.destroy();
    this.changed.emit('change');
  }

  /** Resolves with the first exchange (already seen or still to come) that satisfies `predicate`. */
  waitFor(predicate: (exchange: Exchange) => boolean): Promise<Exchange> {
    return new Promise((resolve) => {
      const check = () => {
        const found = this.exchanges.find(predicate);
        if (!found) return;
        this.changed.off('change', check);
        resolve(found);
      };
      this.changed.on('change', check);
      check();
    });
  }

  async close(): Promise<void> {
    for (const request of this.upstream) request.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async onRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    response.on('error', () => undefined);
    const exchange: Exchange = {
      order: this.counter++,
      method: request.method ?? 'GET',
      path: request.url ?? '/',
      headers: request.headers,
      body: '',
      state: 'forwarded',
      status: null,
      responseHeaders: null,
      responseBody: null,
      delivered: false,
      feedNextCursor: null,
      streamCursors: [],
    };
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    exchange.body = Buffer.concat(chunks).toString('utf8');
    this.exchanges.push(exchange);
    if (this.holdIf?.(exchange)) {
      exchange.state = 'held';
      this.held.set(exchange, { exchange, response });
    } else {
      this.send({ exchange, response });
    }
    this.changed.emit('change');
  }

  private take(exchange: Exchange): Pending {
    const pending = this.held.get(exchange);
    if (!pending) throw new Error(`${exchange.method} ${exchange.path} is not held`);
    this.held.delete(exchange);
    return pending;
  }

  private send({ exchange, response }: Pending): void {
    exchange.state = 'forwarded';
    const out = upstreamRequest({
      host: this.target.hostname,
      port: this.target.port,
      method: exchange.method,
      path: exchange.path,
      headers: { ...exchange.headers, host: this.target.host },
    });
    this.upstream.add(out);
    out.on('close', () => this.upstream.delete(out));
    out.on('error', () => {
      exchange.state = 'failed';
      if (!response.headersSent) response.writeHead(502).end();
      this.changed.emit('change');
    });
    out.on('response', (answer) => {
      exchange.status = answer.statusCode ?? 0;
      exchange.responseHeaders = answer.headers;
      if (String(answer.headers['content-type']).startsWith('text/event-stream')) {
        this.relayStream(exchange, answer, response, out);
      } else {
        const body: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => body.push(chunk));
        answer.on('end', () => {
          exchange.responseBody = Buffer.concat(body).toString('utf8');
          if (isFeedRequest(exchange) && exchange.status === 200)
            exchange.feedNextCursor = (
              JSON.parse(exchange.responseBody) as { nextCursor: number }
            ).nextCursor;
          exchange.delivered = !response.destroyed;
          if (exchange.delivered)
            response.writeHead(exchange.status!, answer.headers).end(exchange.responseBody);
          exchange.state = 'answered';
          this.changed.emit('change');
        });
      }
    });
    out.end(exchange.body);
  }

  /** Passes server-sent events through as they come, noting each feed position they announce. */
  private relayStream(
    exchange: Exchange,
    answer: IncomingMessage,
    response: ServerResponse,
    out: ClientRequest,
  ): void {
    response.writeHead(exchange.status!, answer.headers);
    response.flushHeaders();
    response.on('close', () => out.destroy());
    let buffer = '';
    answer.setEncoding('utf8');
    answer.on('data', (text: string) => {
      response.write(text);
      buffer += text;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block
          .split('\n')
          .find((line) => line.startsWith('data: '))
          ?.slice('data: '.length);
        if (block.includes('event: cursor') && data) {
          exchange.streamCursors.push({
            order: this.counter++,
            cursor: (JSON.parse(data) as { cursor: number }).cursor,
          });
          this.changed.emit('change');
        }
      }
    });
    answer.on('end', () => response.end());
    // An API that stops cuts its streams without a last chunk ('close', no 'end'): the client's
    // stream ends too, as it would without a proxy in between, and the client sees it is offline.
    answer.on('close', () => {
      if (!response.writableEnded) response.end();
    });
  }
}

/** The feed requests among the exchanges: GET /v1/sync/changes. */
export const isFeedRequest = (e: Exchange) => e.method === 'GET' && e.path.startsWith('/v1/sync/changes');

/** The `cursor` query parameter of a feed request. */
export const feedCursorOf = (e: Exchange) => Number(new URL(e.path, 'http://x').searchParams.get('cursor'));

/** The newest feed position the proxy has delivered to a connected client. */
export function deliveredFeedPosition(proxy: RecordingProxy): number {
  let newest = 0;
  for (const e of proxy.exchanges)
    if (e.delivered && e.feedNextCursor !== null) newest = Math.max(newest, e.feedNextCursor);
  return newest;
}
