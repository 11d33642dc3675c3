/**
 * The billing API over real HTTP (global fetch, keep-alive), for tests that need real sockets and true
 * concurrency rather than app.inject.
 */

export interface HttpReply<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export async function http<T = any>(
  baseUrl: string,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  options: { token?: string; key?: string; body?: unknown } = {},
): Promise<HttpReply<T>> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.key) headers['idempotency-key'] = options.key;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T, headers: response.headers };
}

/** Every item of a `{items, nextCursor}` list, following the cursor. */
export async function allItems(baseUrl: string, path: string, token: string): Promise<any[]> {
  const items: any[] = [];
  let cursor: string | null = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const page: HttpReply = await http(
      baseUrl,
      'GET',
      `${path}${cursor ? `${sep}cursor=${encodeURIComponent(cursor)}` : ''}`,
      { token },
    );
    if (page.status !== 200) throw new Error(`GET ${path}: ${page.status} ${JSON.stringify(page.body)}`);
    items.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  return items;
}

interface Waiter {
  above: number;
  resolve: (cursor: number) => void;
  reject: (error: Error) => void;
}

/**
 * A client of GET /v1/sync/stream: reads the server-sent events as they arrive and hands out the
 * cursors they carry. Waiting is on the events themselves, never on a timer.
 */
export class CursorStream {
  /** Every cursor received, in order. */
  readonly cursors: number[] = [];
  private waiters: Waiter[] = [];
  private ended: Error | null = null;

  private constructor(
    private readonly abort: AbortController,
    readonly contentType: string | null,
  ) {}

  static async open(baseUrl: string, token: string): Promise<CursorStream> {
    const abort = new AbortController();
    const response = await fetch(`${baseUrl}/v1/sync/stream`, {
      headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
      signal: abort.signal,
    });
    if (response.status !== 200 || !response.body) {
      throw new Error(`GET /v1/sync/stream: ${response.status} ${await response.text()}`);
    }
    const stream = new CursorStream(abort, response.headers.get('content-type'));
    void stream.pump(response.body);
    return stream;
  }

  /** The newest cursor received, or -1 before the first event. */
  get latest(): number {
    return this.cursors.at(-1) ?? -1;
  }

  /** Resolves with the first cursor received that is above `seq`: at once if one already came. */
  above(seq: number): Promise<number> {
    const found = this.cursors.find((c) => c > seq);
    if (found !== undefined) return Promise.resolve(found);
    if (this.ended) return Promise.reject(this.ended);
    return new Promise((resolve, reject) => this.waiters.push({ above: seq, resolve, reject }));
  }

  close(): void {
    this.abort.abort();
  }

  private async pump(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of body) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          this.onEvent(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
      }
      this.end(new Error('the event stream ended'));
    } catch (error) {
      this.end(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private onEvent(block: string): void {
    const lines = block.split('\n');
    const event = lines.find((l) => l.startsWith('event: '))?.slice('event: '.length);
    const data = lines
      .filter((l) => l.startsWith('data: '))
      .map((l) => l.slice('data: '.length))
      .join('\n');
    if (event !== 'cursor') return; // comments (": ping") and other events
    const { cursor } = JSON.parse(data) as { cursor: number };
    this.cursors.push(cursor);
    const ready = this.waiters.filter((w) => cursor > w.above);
    this.waiters = this.waiters.filter((w) => cursor <= w.above);
    for (const w of ready) w.resolve(cursor);
  }

  private end(error: Error): void {
    this.ended = error;
    for (const w of this.waiters) w.reject(error);
    this.waiters = [];
  }
}
