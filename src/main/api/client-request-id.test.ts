import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient, REQUEST_ID_HEADER } from './client.js';

/** What the API accepts as a caller's id (src/server/observability/logging.ts), else it makes its own. */
const WELL_FORMED = /^[A-Za-z0-9._:-]{8,64}$/;

describe('the API client names every request', () => {
  let server: Server;
  let baseUrl = '';
  const seen: IncomingHttpHeaders[] = [];
  beforeAll(async () => {
    server = createServer((request, response) => {
      seen.push(request.headers);
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { code: 'not_found', message: 'nothing here' } }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends a fresh, well-formed X-Request-Id on each request, a retry with the same key included', async () => {
    const client = createApiClient(baseUrl, 'token-for-tests');
    const body = { amount: 100, description: 'retried' };
    await expect(client.credit('w1', body, 'same-key')).rejects.toThrow();
    await expect(client.credit('w1', body, 'same-key')).rejects.toThrow();
    await expect(client.me()).rejects.toThrow();
    const ids = seen.map((h) => h[REQUEST_ID_HEADER]);
    expect(ids).toHaveLength(3);
    for (const id of ids) expect(id).toMatch(WELL_FORMED);
    expect(new Set(ids).size).toBe(3);
    expect(seen[0]!['idempotency-key']).toBe(seen[1]!['idempotency-key']);
  });
});
