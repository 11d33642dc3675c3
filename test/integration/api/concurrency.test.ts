import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { key, seedReseller, startApi, type TestApi } from '../../support/api.js';
import { DIALECTS } from '../../support/databases.js';
import { allItems, http, type HttpReply } from '../../support/http.js';

/**
 * Money under contention, over real HTTP: every request below is in flight at the same time
 * (Promise.all over fetch, no pacing). Amounts are minor units of USD.
 */

/** The big races take seconds; on a loaded CI machine several times that. */
const RACE_TIMEOUT = 120_000;

/** Demand cycles through these: on average 250 per request. */
const AMOUNTS = [100, 175, 250, 325, 400];

type Outcome = '201' | `${number} ${string}`;
const outcomeOf = (reply: HttpReply): Outcome =>
  reply.status === 201 ? '201' : `${reply.status} ${reply.body?.error?.code ?? '(no error code)'}`;

function tally(replies: HttpReply[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const reply of replies) counts[outcomeOf(reply)] = (counts[outcomeOf(reply)] ?? 0) + 1;
  return counts;
}

const sum = (values: number[]) => values.reduce((s, v) => s + v, 0);

describe.each(DIALECTS)('ledger on %s under concurrent HTTP requests', (dialect) => {
  let api: TestApi;
  let baseUrl: string;
  const post = (path: string, token: string, body: unknown, idempotencyKey = key('race')) =>
    http(baseUrl, 'POST', path, { token, key: idempotencyKey, body });

  /**
   * A wallet as the API reports it once the dust settled, checked for what must hold whatever the
   * interleaving: no overdraft, balance = Σ ledger, pending = Σ pending holds, and every ledger row's
   * balanceAfter is the running sum of the rows before it (no lost update).
   */
  async function audit(token: string, walletId: string) {
    const [wallet, rows, holds] = await Promise.all([
      http(baseUrl, 'GET', `/v1/wallets/${walletId}`, { token }),
      allItems(baseUrl, `/v1/wallets/${walletId}/transactions?limit=500`, token),
      http(baseUrl, 'GET', `/v1/wallets/${walletId}/holds`, { token }),
    ]);
    expect(wallet.status).toBe(200);
    expect(holds.status).toBe(200);
    const { balance, pendingCharges, availableBalance } = wallet.body;
    expect(availableBalance).toBeGreaterThanOrEqual(0);
    expect(availableBalance).toBe(balance - pendingCharges);
    expect(sum(rows.map((r) => r.amount))).toBe(balance);
    const pending = holds.body.items.filter((h: any) => h.status === 'pending');
    expect(sum(pending.map((h: any) => h.amount))).toBe(pendingCharges);
    let running = 0;
    const chain = [...rows].reverse().map((row) => {
      running += row.amount;
      return row.balanceAfter - running;
    });
    expect(chain.every((gap) => gap === 0)).toBe(true);
    return { wallet: wallet.body, rows, holds: holds.body.items as any[] };
  }

  /** Fires debits and holds at wallets all at once and checks every outcome against the ledger after. */
  async function race(token: string, walletIds: string[], perWallet: number, funds: number) {
    const requests = Array.from({ length: walletIds.length * perWallet }, (_, i) => ({
      walletId: walletIds[i % walletIds.length]!,
      kind: Math.floor(i / walletIds.length) % 2 === 0 ? ('debit' as const) : ('hold' as const),
      amount: AMOUNTS[Math.floor(i / walletIds.length) % AMOUNTS.length]!,
    }));
    const replies = await Promise.all(
      requests.map((r) =>
        post(`/v1/wallets/${r.walletId}/${r.kind === 'debit' ? 'debits' : 'holds'}`, token, {
          amount: r.amount,
          description: `race ${r.kind}`,
        }),
      ),
    );

    // Only some fit; every other answer is a clean refusal, never a 500 or a conflict.
    expect(Object.keys(tally(replies)).sort()).toEqual(['201', '422 insufficient_funds']);

    for (const walletId of walletIds) {
      const mine = requests
        .map((r, i) => ({ ...r, reply: replies[i]! }))
        .filter((r) => r.walletId === walletId);
      const won = mine.filter((r) => r.reply.status === 201);
      const refused = mine.filter((r) => r.reply.status !== 201);
      const debits = won.filter((r) => r.kind === 'debit');
      const holds = won.filter((r) => r.kind === 'hold');
      const after = await audit(token, walletId);

      // Every 201 is exactly one ledger row or hold, and nothing else was written.
      const payments = after.rows.filter((row) => row.type === 'payment');
      expect(payments.map((row) => row.id).sort()).toEqual(
        debits.map((r) => r.reply.body.transaction.id).sort(),
      );
      expect(after.rows).toHaveLength(1 + debits.length);
      expect(after.holds.map((h) => h.id).sort()).toEqual(holds.map((r) => r.reply.body.hold.id).sort());
      expect(after.holds.every((h) => h.status === 'pending')).toBe(true);
      expect(after.wallet.balance).toBe(funds - sum(debits.map((r) => r.amount)));
      expect(after.wallet.pendingCharges).toBe(sum(holds.map((r) => r.amount)));
      // Every refusal was right: money only ever left this wallet, so it was short then and is now.
      for (const r of refused) expect(after.wallet.availableBalance).toBeLessThan(r.amount);
    }
  }

  beforeAll(async () => {
    api = await startApi(dialect);
    // A real socket, as startApi's `listen` gives, but with room to queue a thousand connections that
    // open at once: Node's default accept backlog (511) overflows, and on a busy machine the kernel's
    // retries then run out and reset some of them before the server even sees the request.
    baseUrl = await api.app.listen({ port: 0, host: '127.0.0.1', backlog: 4096 });
  });
  afterAll(() => api?.close());

  it(
    '1,000 debits and holds racing on one wallet never overdraw it',
    async () => {
      const { admin, walletId } = await seedReseller(api.app, 'OneWallet');
      // 1,000 requests asking for 250,000 in all from a wallet of 100,000.
      await race(admin, [walletId], 1000, 100_000);
    },
    RACE_TIMEOUT,
  );

  it(
    '1,250 debits and holds over 50 wallets never overdraw any',
    async () => {
      const { admin } = await seedReseller(api.app, 'ManyWallets');
      const customers = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          http(baseUrl, 'POST', '/v1/customers', {
            token: admin,
            body: { name: `Racer ${i}`, email: `racer-${i}@example.com` },
          }),
        ),
      );
      const wallets = await Promise.all(
        customers.map((c) =>
          http(baseUrl, 'POST', `/v1/customers/${c.body.id}/wallets`, {
            token: admin,
            body: { currency: 'USD', initialBalance: 5_000 },
            key: key('wallet'),
          }),
        ),
      );
      expect(wallets.map((w) => w.status)).toEqual(Array(50).fill(201));
      // 25 requests asking for 6,250 per wallet of 5,000.
      await race(
        admin,
        wallets.map((w) => w.body.id),
        25,
        5_000,
      );
    },
    RACE_TIMEOUT,
  );

  it('20 concurrent deliveries of one Idempotency-Key move money once, for every kind of movement', async () => {
    const { admin, customerId, walletId } = await seedReseller(api.app, 'Duplicates');
    const other = await http(baseUrl, 'POST', `/v1/customers/${customerId}/wallets`, {
      token: admin,
      body: { currency: 'EUR', initialBalance: 7_000 },
      key: key('wallet'),
    });
    const payment = await post(`/v1/wallets/${walletId}/debits`, admin, {
      amount: 5_000,
      description: 'to refund',
    });
    const held = await post(`/v1/wallets/${walletId}/holds`, admin, {
      amount: 4_000,
      description: 'to capture',
    });
    expect([other.status, payment.status, held.status]).toEqual([201, 201, 201]);

    const deliveries = [
      { path: `/v1/wallets/${walletId}/credits`, body: { amount: 1_111, description: 'dup credit' } },
      { path: `/v1/wallets/${walletId}/debits`, body: { amount: 2_222, description: 'dup debit' } },
      { path: `/v1/wallets/${walletId}/holds`, body: { amount: 3_333, description: 'dup hold' } },
      { path: `/v1/wallets/${walletId}/adjustments`, body: { amount: -444, reason: 'dup adjustment' } },
      {
        path: `/v1/wallet-transactions/${payment.body.transaction.id}/refunds`,
        body: { reason: 'dup refund' },
      },
      { path: `/v1/holds/${held.body.hold.id}/capture`, body: {} },
      // All of the other wallet's money: a second run of it could only be refused.
      { path: `/v1/wallets/${other.body.id}/debits`, body: { amount: 7_000, description: 'dup drain' } },
    ].map((d) => ({ ...d, key: key('dup') }));
    const COPIES = 20;
    const flights = Array.from({ length: COPIES }, () => deliveries).flat();
    const replies = await Promise.all(flights.map((d) => post(d.path, admin, d.body, d.key)));

    for (const d of deliveries) {
      const answers = replies.filter((_, i) => flights[i] === d);
      expect(answers).toHaveLength(COPIES);
      const first = answers[0]!;
      expect([200, 201]).toContain(first.status);
      for (const a of answers)
        expect({ status: a.status, body: a.body }).toEqual({ status: first.status, body: first.body });
      // One delivery did the work; every other one says it is a replay of it.
      expect(answers.filter((a) => a.headers.get('idempotent-replayed') !== 'true')).toHaveLength(1);
    }

    const main = await audit(admin, walletId);
    // 100,000 - 5,000 (payment) + 1,111 - 2,222 - 444 + 5,000 (refund) - 4,000 (capture) = 94,445.
    expect(main.wallet).toMatchObject({ balance: 94_445, pendingCharges: 3_333, availableBalance: 91_112 });
    expect(main.rows.map((r) => `${r.type} ${r.amount}`).sort()).toEqual(
      [
        'credit 100000',
        'payment -5000',
        'credit 1111',
        'payment -2222',
        'adjustment -444',
        'refund 5000',
        'payment -4000',
      ].sort(),
    );
    expect(main.holds.map((h) => `${h.status} ${h.amount}`).sort()).toEqual([
      'captured 4000',
      'pending 3333',
    ]);
    const drained = await audit(admin, other.body.id);
    expect(drained.wallet).toMatchObject({ balance: 0, pendingCharges: 0 });
    expect(drained.rows).toHaveLength(2);
  });

  it('20 concurrent deliveries of one keyed create make one customer and one funded wallet', async () => {
    const { admin: token, customerId } = await seedReseller(api.app, 'DuplicateCreates');
    const COPIES = 20;
    const deliveries = [
      {
        path: '/v1/customers',
        body: { name: 'Once', email: 'once@example.com', externalRef: 'dup-create' },
        key: key('dup'),
      },
      {
        path: `/v1/customers/${customerId}/wallets`,
        body: { currency: 'GBP', initialBalance: 2_500 },
        key: key('dup'),
      },
    ];
    const flights = Array.from({ length: COPIES }, () => deliveries).flat();
    const replies = await Promise.all(flights.map((d) => post(d.path, token, d.body, d.key)));
    for (const d of deliveries) {
      const answers = replies.filter((_, i) => flights[i] === d);
      expect(answers.map(outcomeOf)).toEqual(Array(COPIES).fill('201'));
      for (const a of answers) expect(a.body).toEqual(answers[0]!.body);
      expect(answers.filter((a) => a.headers.get('idempotent-replayed') !== 'true')).toHaveLength(1);
    }
    const customers = await allItems(baseUrl, '/v1/customers?query=dup-create', token);
    expect(customers.map((c) => c.id)).toEqual([replies[0]!.body.id]);
    const wallets = await http(baseUrl, 'GET', `/v1/customers/${customerId}/wallets`, { token });
    const gbp = wallets.body.items.filter((w: any) => w.currency === 'GBP');
    expect(gbp.map((w: any) => w.id)).toEqual([replies[1]!.body.id]);
    const after = await audit(token, gbp[0].id);
    expect(after.wallet.balance).toBe(2_500);
    expect(after.rows).toHaveLength(1);
  });

  it('captures and releases racing on the same hold: exactly one wins, once', async () => {
    const { admin, walletId } = await seedReseller(api.app, 'HoldRace');
    const placed = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        post(`/v1/wallets/${walletId}/holds`, admin, { amount: 1_000 + i, description: `hold ${i}` }),
      ),
    );
    expect(placed.map((p) => p.status)).toEqual(Array(50).fill(201));
    const holds = placed.map((p) => p.body.hold as { id: string; amount: number });

    // Per hold: a full capture, a partial capture and two releases, each under its own key.
    const contenders = holds.flatMap((hold) => [
      { hold, kind: 'captured' as const, body: {}, captured: hold.amount },
      { hold, kind: 'released' as const, body: {}, captured: 0 },
      { hold, kind: 'captured' as const, body: { amount: 300 }, captured: 300 },
      { hold, kind: 'released' as const, body: {}, captured: 0 },
    ]);
    const replies = await Promise.all(
      contenders.map((c) =>
        post(`/v1/holds/${c.hold.id}/${c.kind === 'captured' ? 'capture' : 'release'}`, admin, c.body),
      ),
    );

    const after = await audit(admin, walletId);
    let capturedTotal = 0;
    for (const hold of holds) {
      const mine = contenders.map((c, i) => ({ ...c, reply: replies[i]! })).filter((c) => c.hold === hold);
      const winners = mine.filter((c) => c.reply.status === 200);
      expect(winners).toHaveLength(1);
      expect(mine.filter((c) => c.reply.status !== 200).map((c) => outcomeOf(c.reply))).toEqual([
        '422 hold_not_pending',
        '422 hold_not_pending',
        '422 hold_not_pending',
      ]);
      const winner = winners[0]!;
      const final = after.holds.find((h) => h.id === hold.id);
      expect(final).toMatchObject({ status: winner.kind, capturedAmount: winner.captured });
      const charged = after.rows.filter((r) => r.relatedId === hold.id);
      expect(charged.map((r) => r.amount)).toEqual(winner.kind === 'captured' ? [-winner.captured] : []);
      capturedTotal += winner.captured;
    }
    expect(after.wallet).toMatchObject({ balance: 100_000 - capturedTotal, pendingCharges: 0 });
    expect(after.rows).toHaveLength(1 + after.holds.filter((h) => h.status === 'captured').length);
  });

  it('closing a wallet while holds and debits race on it: never a closed wallet with pending charges', async () => {
    const { admin: token } = await seedReseller(api.app, 'CloseRace');
    const wallets = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const customer = await http(baseUrl, 'POST', '/v1/customers', {
          token,
          body: { name: `Closer ${i}`, email: `closer-${i}@example.com` },
        });
        const wallet = await http(baseUrl, 'POST', `/v1/customers/${customer.body.id}/wallets`, {
          token,
          body: { currency: 'USD', initialBalance: 10_000 },
          key: key('wallet'),
        });
        return wallet.body.id as string;
      }),
    );
    // Per wallet: a close among five holds of 1,000 and five debits of 500, all at once; the close goes
    // out first for the first wallet, last for the eleventh, and so on.
    const race = wallets.flatMap((walletId, w) =>
      Array.from({ length: 11 }, (_, i) =>
        i === w % 11
          ? {
              walletId,
              kind: 'close' as const,
              path: `/v1/wallets/${walletId}/close`,
              // The balance is paid out by hand, then the wallet closed (an empty body refuses it).
              body: { refund: { to: 'manual', destination: 'Bank account 0001', reference: `CLOSE-${w}` } },
            }
          : i % 2 === 0
            ? {
                walletId,
                kind: 'hold' as const,
                path: `/v1/wallets/${walletId}/holds`,
                body: { amount: 1_000, description: 'race' },
              }
            : {
                walletId,
                kind: 'debit' as const,
                path: `/v1/wallets/${walletId}/debits`,
                body: { amount: 500, description: 'race' },
              },
      ),
    );
    const replies = await Promise.all(race.map((r) => post(r.path, token, r.body)));
    for (const walletId of wallets) {
      const mine = race.map((r, i) => ({ ...r, reply: replies[i]! })).filter((r) => r.walletId === walletId);
      const close = mine.find((r) => r.kind === 'close')!.reply;
      const moves = mine.filter((r) => r.kind !== 'close');
      const holds = moves.filter((r) => r.kind === 'hold' && r.reply.status === 201);
      const debits = moves.filter((r) => r.kind === 'debit' && r.reply.status === 201);
      // A movement either happened, or was refused because the wallet was emptied or closed by then.
      const allowed = ['201', '422 wallet_closed', '422 insufficient_funds'];
      expect(moves.map((r) => outcomeOf(r.reply)).filter((o) => !allowed.includes(o))).toEqual([]);
      const after = await audit(token, walletId);
      if (close.status === 200) {
        // Closed: nothing was held before the close, the rest paid out, and nothing moved after it.
        expect(holds).toEqual([]);
        expect(after.wallet).toMatchObject({ status: 'closed', pendingCharges: 0, balance: 0 });
        expect(close.body).toMatchObject({ status: 'closed', balance: 0 });
        expect(after.rows).toHaveLength(1 + debits.length + 1);
        const payouts = after.rows.filter((r: any) => r.type === 'refund').map((r: any) => r.amount);
        expect(payouts).toEqual([-(10_000 - 500 * debits.length)]);
      } else {
        expect(outcomeOf(close)).toBe('409 conflict');
        expect(holds.length).toBeGreaterThan(0);
        expect(after.wallet).toMatchObject({ status: 'active', pendingCharges: 1_000 * holds.length });
        expect(after.wallet.balance).toBe(10_000 - 500 * debits.length);
        expect(after.rows).toHaveLength(1 + debits.length);
      }
      expect(after.holds).toHaveLength(holds.length);
    }
  });

  it('concurrent creates that collide on a unique rule: one succeeds, the others get 409 conflict, never a 500', async () => {
    const { admin: token, customerId } = await seedReseller(api.app, 'Collisions');
    const ROUNDS = 10;
    const COPIES = 5;
    const others = await Promise.all(
      Array.from({ length: ROUNDS * COPIES }, (_, i) =>
        http(baseUrl, 'POST', '/v1/customers', {
          token,
          body: { name: `Other ${i}`, email: `other-${i}@example.com` },
        }),
      ),
    );
    const currencies = ['EUR', 'GBP', 'JPY', 'VND', 'CAD', 'AUD', 'SGD', 'CHF', 'THB', 'INR'];
    const attempts = Array.from({ length: ROUNDS }, (_, round) => [
      // The same external reference on new customers...
      Array.from({ length: COPIES }, (_, i) => ({
        method: 'POST' as const,
        path: '/v1/customers',
        body: {
          name: `Same ${round}.${i}`,
          email: `same-${round}-${i}@example.com`,
          externalRef: `create-${round}`,
        },
      })),
      // ...given to existing customers...
      Array.from({ length: COPIES }, (_, i) => ({
        method: 'PATCH' as const,
        path: `/v1/customers/${others[round * COPIES + i]!.body.id}`,
        body: { externalRef: `patch-${round}` },
      })),
      // ...and one customer's wallet in one currency.
      Array.from({ length: COPIES }, () => ({
        method: 'POST' as const,
        path: `/v1/customers/${customerId}/wallets`,
        body: { currency: currencies[round]!, initialBalance: 1_000 },
        // Each its own key: five different requests, not one retried.
        key: key('wallet'),
      })),
    ]).flat();
    const replies = await Promise.all(
      attempts.map((group) =>
        Promise.all(
          group.map((a) =>
            http(baseUrl, a.method, a.path, { token, body: a.body, ...('key' in a ? { key: a.key } : {}) }),
          ),
        ),
      ),
    );
    for (const [g, group] of replies.entries()) {
      const won = attempts[g]![0]!.method === 'PATCH' ? '200' : '201';
      const outcomes = group.map((r) => (r.status < 300 ? String(r.status) : outcomeOf(r))).sort();
      expect(outcomes).toEqual([won, ...Array(COPIES - 1).fill('409 conflict')]);
    }
    const wallets = await http(baseUrl, 'GET', `/v1/customers/${customerId}/wallets`, { token });
    expect(wallets.body.items.map((w: any) => w.currency).sort()).toEqual(['USD', ...currencies].sort());
    for (const w of wallets.body.items) await audit(token, w.id);
  });
});
