import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/server/app.js';
import { openStore } from '../../../src/server/db/database.js';
import { key, OPERATOR_TOKEN, seedReseller, startApi, type TestApi } from '../../support/api.js';
import { DIALECTS } from '../../support/databases.js';
import { allItems, CursorStream, http, type HttpReply } from '../../support/http.js';

/**
 * The change feed as a syncing desktop sees it: a reader follows GET /v1/sync/changes page by page,
 * woken by the SSE stream, while many writers commit at once, on PostgreSQL through two API
 * processes sharing one schema. Amounts are minor units of USD.
 */

const PAGE = 25;
const WRITERS = 30;

interface Change {
  seq: number;
  entity: 'customer' | 'wallet' | 'transaction' | 'hold';
  id: string;
  op: 'create' | 'update';
  data: Record<string, unknown>;
}

const GET_ROUTE: Record<Change['entity'], string> = {
  customer: '/v1/customers/',
  wallet: '/v1/wallets/',
  transaction: '/v1/wallet-transactions/',
  hold: '/v1/holds/',
};

function expectStatus(reply: HttpReply, status: number, what: string) {
  if (reply.status !== status) {
    throw new Error(`${what}: expected ${status}, got ${reply.status} ${JSON.stringify(reply.body)}`);
  }
  return reply.body;
}

describe.each(DIALECTS)('change feed on %s under concurrent writers', (dialect) => {
  let api: TestApi;
  /** Where requests go, round-robin: one API process, or two sharing the PostgreSQL schema. */
  let bases: string[];
  let closeSecond = async () => {};

  beforeAll(async () => {
    api = await startApi(dialect, { listen: true });
    bases = [api.baseUrl];
    if (dialect === 'postgres') {
      const store = openStore(api.db.url, { schema: api.db.schema });
      const second = await buildApp({
        store,
        operatorToken: OPERATOR_TOKEN,
        databaseUrl: api.db.url,
        schema: api.db.schema,
      });
      bases.push(await second.listen({ port: 0, host: '127.0.0.1' }));
      closeSecond = async () => {
        await second.close();
        await store.close();
      };
    }
  });
  afterAll(async () => {
    await closeSecond();
    await api?.close();
  });

  /** One customer's life, each step waiting for the one before; many of these run at once. */
  async function writer(base: string, token: string, sharedWalletId: string, n: number) {
    const post = (path: string, body: unknown, status = 201) =>
      http(base, 'POST', path, { token, key: key('feed'), body }).then((r) =>
        expectStatus(r, status, `writer ${n}: POST ${path}`),
      );
    const customer = await post('/v1/customers', { name: `Writer ${n}`, email: `writer-${n}@example.com` });
    const wallet = await post(`/v1/customers/${customer.id}/wallets`, {
      currency: 'USD',
      initialBalance: 10_000,
    });
    // Five movements on one wallet in flight at once.
    const [credit, debit, hold1, hold2, debit2] = await Promise.all([
      post(`/v1/wallets/${wallet.id}/credits`, { amount: 500, description: 'top up' }),
      post(`/v1/wallets/${wallet.id}/debits`, { amount: 300, description: 'order' }),
      post(`/v1/wallets/${wallet.id}/holds`, { amount: 1_000, description: 'pending order' }),
      post(`/v1/wallets/${wallet.id}/holds`, { amount: 700, description: 'pending order' }),
      post(`/v1/wallets/${wallet.id}/debits`, { amount: 200, description: 'order' }),
    ]);
    const [capture] = await Promise.all([
      post(`/v1/holds/${hold1.hold.id}/capture`, { amount: 400 }, 200),
      post(`/v1/holds/${hold2.hold.id}/release`, {}, 200),
    ]);
    const refund = await post(`/v1/wallet-transactions/${debit.transaction.id}/refunds`, {
      amount: 100,
      reason: 'partial refund',
    });
    const patched = await http(base, 'PATCH', `/v1/customers/${customer.id}`, {
      token,
      body: { name: `Writer ${n} (renamed)` },
    });
    expectStatus(patched, 200, `writer ${n}: PATCH customer`);
    // Everyone also pays from one shared wallet: contention across writers.
    const shared = await post(`/v1/wallets/${sharedWalletId}/debits`, { amount: 100, description: 'shared' });
    return [
      customer.id,
      wallet.id,
      ...[credit, debit, debit2, capture, refund, shared].map((m) => m.transaction.id),
      hold1.hold.id,
      hold2.hold.id,
    ] as string[];
  }

  it('a reader following the feed during the writes ends with every entity, once each, in its final state', async () => {
    const tenant = await seedReseller(api.app, 'Feed');
    const intruder = await seedReseller(api.app, 'Intruder');
    const token = tenant.admin;
    const stream = await CursorStream.open(bases[0]!, token);

    const seqs: number[] = [];
    const last = new Map<string, Change>();
    let cursor = 0;
    let reads = 0;
    async function readPage() {
      // Alternate between the API processes: they serve one feed.
      const base = bases[reads++ % bases.length]!;
      const page = await http(base, 'GET', `/v1/sync/changes?cursor=${cursor}&limit=${PAGE}`, { token });
      const body = expectStatus(page, 200, `GET changes after ${cursor}`) as {
        changes: Change[];
        nextCursor: number;
        hasMore: boolean;
      };
      for (const change of body.changes) {
        seqs.push(change.seq);
        last.set(`${change.entity}:${change.id}`, change);
      }
      expect(body.nextCursor).toBe(body.changes.at(-1)?.seq ?? cursor);
      cursor = body.nextCursor;
      return body;
    }

    let writing = true;
    const writes = Promise.all(
      Array.from({ length: WRITERS }, (_, n) => {
        const mine = n % 6 !== 5;
        const seed = mine ? tenant : intruder;
        return writer(bases[n % bases.length]!, seed.admin, seed.walletId, n).then((ids) => ({ mine, ids }));
      }),
    ).finally(() => {
      writing = false;
    });

    const writesSettled = writes.then(
      () => undefined,
      () => undefined,
    );

    // Follow the feed while the writers run: read to the end, then wait for the stream to announce more.
    let seenDuringWrites = 0;
    const following = (async () => {
      while (writing) {
        const page = await readPage();
        if (writing) seenDuringWrites = seqs.length;
        if (!page.hasMore) await Promise.race([stream.above(cursor), writesSettled]);
      }
    })();
    const [written] = await Promise.all([writes, following]);

    // A last write after all the others answered: its change is numbered after all of theirs, so once
    // the reader has it, nothing written before may still be missing.
    const sentinel = expectStatus(
      await http(bases.at(-1)!, 'POST', '/v1/customers', {
        token,
        body: { name: 'Sentinel', email: 'sentinel@example.com' },
      }),
      201,
      'sentinel',
    );
    for (;;) {
      const page = await readPage();
      if (last.has(`customer:${sentinel.id}`)) break;
      if (!page.hasMore) await stream.above(cursor);
    }
    for (let page = await readPage(); page.hasMore; page = await readPage());
    const final = await readPage();
    expect(final).toEqual({ changes: [], nextCursor: cursor, hasMore: false });
    stream.close();

    expect(seenDuringWrites).toBeGreaterThan(0);
    // Strictly increasing, hence no seq twice.
    expect(seqs.every((seq, i) => i === 0 || seq > seqs[i - 1]!)).toBe(true);

    // Everything the tenant has now, entity by entity, from the routes a caller would ask.
    const customers = await allItems(api.baseUrl, '/v1/customers?limit=100', token);
    const wallets = (
      await Promise.all(
        customers.map((c) =>
          http(api.baseUrl, 'GET', `/v1/customers/${c.id}/wallets`, { token }).then((r) => r.body.items),
        ),
      )
    ).flat();
    const walletRows = await Promise.all(
      wallets.map(async (w) => ({
        walletId: w.id as string,
        transactions: await allItems(api.baseUrl, `/v1/wallets/${w.id}/transactions?limit=500`, token),
        holds: (await http(api.baseUrl, 'GET', `/v1/wallets/${w.id}/holds`, { token })).body.items as any[],
      })),
    );
    const entities = [
      ...customers.map((c) => `customer:${c.id}`),
      ...wallets.map((w) => `wallet:${w.id}`),
      ...walletRows.flatMap((w) => w.transactions.map((t) => `transaction:${t.id}`)),
      ...walletRows.flatMap((w) => w.holds.map((h) => `hold:${h.id}`)),
    ];
    const writtenIds = written.filter((w) => w.mine).flatMap((w) => w.ids);
    const intruderIds = written.filter((w) => !w.mine).flatMap((w) => w.ids);
    const ids = new Set(entities.map((e) => e.slice(e.indexOf(':') + 1)));
    expect(writtenIds.filter((id) => !ids.has(id))).toEqual([]);
    expect(intruderIds.filter((id) => ids.has(id))).toEqual([]);
    // The seeded customer, wallet and top-up; per writer a customer, a wallet, 7 ledger rows (with its
    // initial top-up) and 2 holds; the sentinel.
    expect(entities).toHaveLength(3 + 11 * written.filter((w) => w.mine).length + 1);

    // The reader saw exactly these, and the last change of each is the entity as its GET route has it.
    expect([...last.keys()].sort()).toEqual([...entities].sort());
    const finals = await Promise.all(
      [...last.values()].map(async (change) => {
        const now = await http(api.baseUrl, 'GET', `${GET_ROUTE[change.entity]}${change.id}`, { token });
        return { key: `${change.entity}:${change.id}`, seen: change.data, now: now.body };
      }),
    );
    for (const f of finals) expect({ key: f.key, data: f.seen }).toEqual({ key: f.key, data: f.now });

    // Per wallet, the feed carries the ledger rows in the ledger's own order (commit order).
    const feedOrder = new Map<string, string[]>();
    for (const change of [...last.values()].sort((a, b) => a.seq - b.seq)) {
      if (change.entity !== 'transaction') continue;
      const walletId = change.data.walletId as string;
      feedOrder.set(walletId, [...(feedOrder.get(walletId) ?? []), change.id]);
    }
    for (const w of walletRows) {
      expect({ wallet: w.walletId, order: feedOrder.get(w.walletId) ?? [] }).toEqual({
        wallet: w.walletId,
        order: w.transactions.map((t) => t.id).reverse(),
      });
    }
    expect(stream.cursors.every((c, i) => i === 0 || c > stream.cursors[i - 1]!)).toBe(true);
  });

  it('concurrent partial updates of one customer all take effect, and the feed ends with that state', async () => {
    const { admin: token } = await seedReseller(api.app, 'Patches');
    const stream = await CursorStream.open(bases[0]!, token);
    const fields = [{ name: 'New name' }, { email: 'new@example.com' }, { externalRef: 'ref-new' }];
    const customers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        http(bases[0]!, 'POST', '/v1/customers', {
          token,
          body: { name: `Old name ${i}`, email: `old-${i}@example.com`, externalRef: `ref-old-${i}` },
        }).then((r) => expectStatus(r, 201, 'create customer')),
      ),
    );
    // Each customer gets three PATCHes at once, each changing a different field, across processes.
    const patches = await Promise.all(
      customers.flatMap((c, i) =>
        fields.map((body, j) =>
          http(bases[(i + j) % bases.length]!, 'PATCH', `/v1/customers/${c.id}`, {
            token,
            body: 'externalRef' in body ? { externalRef: `${body.externalRef}-${i}` } : body,
          }),
        ),
      ),
    );
    expect(patches.map((p) => p.status)).toEqual(Array(30).fill(200));
    const finals = await Promise.all(
      customers.map((c) => http(api.baseUrl, 'GET', `/v1/customers/${c.id}`, { token }).then((r) => r.body)),
    );
    expect(finals.map((c) => [c.name, c.email, c.externalRef])).toEqual(
      customers.map((_, i) => ['New name', 'new@example.com', `ref-new-${i}`]),
    );

    // The feed's last word on each customer is that state: read it up to a write made after them all.
    const sentinel = expectStatus(
      await http(bases[0]!, 'POST', '/v1/customers', {
        token,
        body: { name: 'Sentinel', email: 's@example.com' },
      }),
      201,
      'sentinel',
    );
    const seen = new Map<string, Change>();
    let cursor = 0;
    while (!seen.has(sentinel.id)) {
      const page = await http(bases.at(-1)!, 'GET', `/v1/sync/changes?cursor=${cursor}&limit=500`, { token });
      for (const change of page.body.changes as Change[]) seen.set(change.id, change);
      cursor = page.body.nextCursor;
      if (!page.body.hasMore && !seen.has(sentinel.id)) await stream.above(cursor);
    }
    stream.close();
    for (const f of finals) expect(seen.get(f.id)!.data).toEqual(f);
  });

  it('the SSE stream announces a write to a connected client, and only its own tenant’s', async () => {
    const tenant = await seedReseller(api.app, 'Stream');
    const other = await seedReseller(api.app, 'Elsewhere');
    const token = tenant.admin;
    const stream = await CursorStream.open(bases[0]!, token);
    expect(stream.contentType).toMatch(/^text\/event-stream/);
    const connectedAt = await stream.above(-1);

    // Another tenant writes first, then this one, through the other API process where there is one.
    const writeBase = bases.at(-1)!;
    const theirs = await http(writeBase, 'POST', `/v1/wallets/${other.walletId}/credits`, {
      token: other.admin,
      key: key('stream'),
      body: { amount: 700, description: 'someone else' },
    });
    const ours = await http(writeBase, 'POST', `/v1/wallets/${tenant.walletId}/credits`, {
      token,
      key: key('stream'),
      body: { amount: 500, description: 'top up' },
    });
    expect([theirs.status, ours.status]).toEqual([201, 201]);

    // Wait for announcements until one covers the credit; each must be a position in this tenant's feed.
    let cursor = connectedAt;
    let credit: Change | undefined;
    while (!credit) {
      const announced = await stream.above(cursor);
      const page = await http(bases[0]!, 'GET', `/v1/sync/changes?cursor=${cursor}&limit=5000`, { token });
      const changes = page.body.changes as Change[];
      expect(changes.map((c) => c.seq)).toContain(announced);
      credit = changes.find(
        (c) => c.seq <= announced && c.entity === 'transaction' && c.id === ours.body.transaction.id,
      );
      cursor = announced;
    }
    expect(credit.data).toEqual(ours.body.transaction);
    expect(stream.latest).toBeGreaterThanOrEqual(credit.seq);
    stream.close();
  });
});
