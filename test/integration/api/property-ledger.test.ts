import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../../../src/server/context.js';
import { call, key, seedReseller, startApi, type Reply, type TestApi } from '../../support/api.js';
import { DIALECTS } from '../../support/databases.js';

/**
 * Model-based property test of the ledger: random sequences of money movements go to the real API
 * (app.inject) and to a plain in-memory model; after every step the API, read back through its GET
 * routes, must agree with the model and with itself. Amounts are minor units throughout.
 */

const NUM_RUNS = Number(process.env.LEDGER_PROPERTY_RUNS ?? 25);
const MAX_COMMANDS = 40;
/** Small pages, so that reading the history always goes through the cursor too. */
const PAGE = 10;

type RowType = 'credit' | 'payment' | 'refund' | 'adjustment';

interface RowModel {
  id: string;
  type: RowType;
  amount: number;
  balanceAfter: number;
  relatedId: string | null;
}

interface WalletModel {
  id: string;
  currency: string;
  status: 'active' | 'closed';
  balance: number;
  /** Ledger rows, oldest first. */
  rows: RowModel[];
}

interface HoldModel {
  id: string;
  wallet: number;
  amount: number;
  capturedAmount: number;
  status: 'pending' | 'captured' | 'released';
}

/** A keyed request the API answered: what a replay must get back unchanged. */
interface Sent {
  url: string;
  body: Record<string, unknown> | undefined;
  key: string;
  status: number;
  response: unknown;
}

interface Model {
  wallets: WalletModel[];
  holds: HoldModel[];
  sent: Sent[];
}

interface Real {
  app: Api;
  token: string;
}

/** What the model says the API must answer: a refusal, or success with the model's new state. */
type Expected =
  | { refused: true; status: number; code: string }
  | { refused: false; status: number; apply: (body: any) => void };

const refusal = (status: number, code: string): Expected => ({ refused: true, status, code });

const pendingOf = (m: Model, wallet: number) =>
  m.holds.filter((h) => h.wallet === wallet && h.status === 'pending').reduce((s, h) => s + h.amount, 0);

const availableOf = (m: Model, wallet: number) => m.wallets[wallet]!.balance - pendingOf(m, wallet);

/** The wallet as the API must report it now. */
function walletView(m: Model, wallet: number) {
  const w = m.wallets[wallet]!;
  const pending = pendingOf(m, wallet);
  return {
    id: w.id,
    currency: w.currency,
    status: w.status,
    balance: w.balance,
    pendingCharges: pending,
    availableBalance: w.balance - pending,
  };
}

/** Appends the row the model expects and checks the API's row and wallet against it. */
function expectRow(
  m: Model,
  wallet: number,
  row: Omit<RowModel, 'id' | 'balanceAfter'>,
  transaction: any,
  walletAfter: any,
) {
  const w = m.wallets[wallet]!;
  w.balance += row.amount;
  const expected = { ...row, balanceAfter: w.balance };
  expect(transaction).toMatchObject({ ...expected, walletId: w.id, currency: w.currency });
  w.rows.push({ id: transaction.id, ...expected });
  expect(walletAfter).toMatchObject(walletView(m, wallet));
}

async function allTransactions(r: Real, walletId: string): Promise<any[]> {
  const rows: any[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const page: Reply<any> = await call(
      r.app,
      'GET',
      `/v1/wallets/${walletId}/transactions?limit=${PAGE}${query}`,
      {
        token: r.token,
      },
    );
    expect(page.status).toBe(200);
    rows.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  return rows;
}

/** The checks made after every step, for every wallet. */
async function expectApiMatchesModel(m: Model, r: Real) {
  await Promise.all(
    m.wallets.map(async (w, index) => {
      const [wallet, rows, holds] = await Promise.all([
        call(r.app, 'GET', `/v1/wallets/${w.id}`, { token: r.token }),
        allTransactions(r, w.id),
        call(r.app, 'GET', `/v1/wallets/${w.id}/holds`, { token: r.token }),
      ]);
      expect(wallet.status).toBe(200);
      expect(holds.status).toBe(200);
      // The API agrees with itself: balance is the sum of the ledger, pending the sum of pending holds.
      expect(rows.reduce((sum, row) => sum + row.amount, 0)).toBe(wallet.body.balance);
      const pendingHolds = holds.body.items.filter((h: any) => h.status === 'pending');
      expect(pendingHolds.reduce((sum: number, h: any) => sum + h.amount, 0)).toBe(
        wallet.body.pendingCharges,
      );
      expect(wallet.body.availableBalance).toBeGreaterThanOrEqual(0);
      expect(wallet.body.availableBalance).toBe(wallet.body.balance - wallet.body.pendingCharges);
      // ... and with the model: every key moved money at most once, every refusal moved nothing.
      expect(wallet.body).toMatchObject(walletView(m, index));
      expect(
        rows
          .map((row) => ({
            id: row.id,
            type: row.type,
            amount: row.amount,
            balanceAfter: row.balanceAfter,
            relatedId: row.relatedId,
          }))
          .reverse(),
      ).toEqual(w.rows);
      expect(rows.every((row) => row.walletId === w.id && row.currency === w.currency)).toBe(true);
      const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
      expect(
        holds.body.items
          .map((h: any) => ({
            id: h.id,
            amount: h.amount,
            capturedAmount: h.capturedAmount,
            status: h.status,
          }))
          .sort(byId),
      ).toEqual(
        m.holds
          .filter((h) => h.wallet === index)
          .map(({ id, amount, capturedAmount, status }) => ({ id, amount, capturedAmount, status }))
          .sort(byId),
      );
    }),
  );
}

function expectAnswer(reply: Reply<any>, expected: Expected) {
  expect({ status: reply.status, code: reply.body?.error?.code }).toEqual(
    expected.refused
      ? { status: expected.status, code: expected.code }
      : { status: expected.status, code: undefined },
  );
  expect(reply.headers['idempotent-replayed']).toBeUndefined();
  if (!expected.refused) expected.apply(reply.body);
}

/** A money-moving request under a fresh Idempotency-Key, answered as the model predicts. */
abstract class KeyedCommand implements fc.AsyncCommand<Model, Real> {
  check(_m: Readonly<Model>): boolean {
    return true;
  }

  abstract request(m: Model): { url: string; body: Record<string, unknown> | undefined; expected: Expected };

  async run(m: Model, r: Real): Promise<void> {
    const { url, body, expected } = this.request(m);
    const k = key('prop');
    const reply = await call(r.app, 'POST', url, { token: r.token, key: k, body });
    expectAnswer(reply, expected);
    m.sent.push({ url, body, key: k, status: reply.status, response: reply.body });
    await expectApiMatchesModel(m, r);
  }

  abstract toString(): string;
}

/** Credits, debits and adjustments: one signed row, or a refusal. */
class Movement extends KeyedCommand {
  constructor(
    readonly kind: 'credit' | 'debit' | 'adjustment',
    readonly wallet: number,
    readonly amount: number,
  ) {
    super();
  }

  request(m: Model) {
    const w = m.wallets[this.wallet]!;
    const signed = this.kind === 'debit' ? -this.amount : this.amount;
    const route = { credit: 'credits', debit: 'debits', adjustment: 'adjustments' }[this.kind];
    const body =
      this.kind === 'adjustment'
        ? { amount: this.amount, reason: 'property adjustment' }
        : { amount: this.amount, description: `property ${this.kind}` };
    const type: RowType = { credit: 'credit', debit: 'payment', adjustment: 'adjustment' }[
      this.kind
    ] as RowType;
    let expected: Expected;
    if (w.status === 'closed') expected = refusal(422, 'wallet_closed');
    else if (signed < 0 && availableOf(m, this.wallet) < -signed)
      expected = refusal(422, 'insufficient_funds');
    else {
      expected = {
        refused: false,
        status: 201,
        apply: (res) =>
          expectRow(m, this.wallet, { type, amount: signed, relatedId: null }, res.transaction, res.wallet),
      };
    }
    return { url: `/v1/wallets/${w.id}/${route}`, body, expected };
  }

  toString() {
    return `${this.kind}(w${this.wallet}, ${this.amount})`;
  }
}

class PlaceHold extends KeyedCommand {
  constructor(
    readonly wallet: number,
    readonly amount: number,
  ) {
    super();
  }

  request(m: Model) {
    const w = m.wallets[this.wallet]!;
    let expected: Expected;
    if (w.status === 'closed') expected = refusal(422, 'wallet_closed');
    else if (availableOf(m, this.wallet) < this.amount) expected = refusal(422, 'insufficient_funds');
    else {
      expected = {
        refused: false,
        status: 201,
        apply: (res) => {
          expect(res.hold).toMatchObject({ walletId: w.id, amount: this.amount, status: 'pending' });
          m.holds.push({
            id: res.hold.id,
            wallet: this.wallet,
            amount: this.amount,
            capturedAmount: 0,
            status: 'pending',
          });
          expect(res.wallet).toMatchObject(walletView(m, this.wallet));
        },
      };
    }
    return {
      url: `/v1/wallets/${w.id}/holds`,
      body: { amount: this.amount, description: 'property hold' },
      expected,
    };
  }

  toString() {
    return `hold(w${this.wallet}, ${this.amount})`;
  }
}

/** Picks from a list: a natural number anywhere in it, a negative one counting back from the newest. */
function pickFrom<T>(items: readonly T[], pick: number): T {
  const n = items.length;
  return items[pick >= 0 ? pick % n : n - 1 - ((-pick - 1) % n)]!;
}

/** How much of something to take: all of it, a percentage of it, or one minor unit too many. */
type Portion = { kind: 'full' } | { kind: 'part'; percent: number } | { kind: 'over' };

const portionText = (p: Portion) => (p.kind === 'part' ? `${p.percent}%` : p.kind);

class CaptureHold extends KeyedCommand {
  constructor(
    readonly pick: number,
    readonly portion: Portion,
  ) {
    super();
  }

  override check(m: Readonly<Model>) {
    return m.holds.length > 0;
  }

  request(m: Model) {
    const hold = pickFrom(m.holds, this.pick);
    const amount =
      this.portion.kind === 'full'
        ? undefined
        : this.portion.kind === 'over'
          ? hold.amount + 1
          : Math.max(1, Math.floor((hold.amount * this.portion.percent) / 100));
    let expected: Expected;
    if (hold.status !== 'pending') expected = refusal(422, 'hold_not_pending');
    else if (amount !== undefined && amount > hold.amount) expected = refusal(400, 'validation');
    else {
      const captured = amount ?? hold.amount;
      expected = {
        refused: false,
        status: 200,
        apply: (res) => {
          hold.status = 'captured';
          hold.capturedAmount = captured;
          expect(res.hold).toMatchObject({ id: hold.id, status: 'captured', capturedAmount: captured });
          expectRow(
            m,
            hold.wallet,
            { type: 'payment', amount: -captured, relatedId: hold.id },
            res.transaction,
            res.wallet,
          );
          expect(res.hold.transactionId).toBe(res.transaction.id);
        },
      };
    }
    return { url: `/v1/holds/${hold.id}/capture`, body: amount === undefined ? {} : { amount }, expected };
  }

  toString() {
    return `capture(hold#${this.pick}, ${portionText(this.portion)})`;
  }
}

class ReleaseHold extends KeyedCommand {
  constructor(readonly pick: number) {
    super();
  }

  override check(m: Readonly<Model>) {
    return m.holds.length > 0;
  }

  request(m: Model) {
    const hold = pickFrom(m.holds, this.pick);
    const expected: Expected =
      hold.status !== 'pending'
        ? refusal(422, 'hold_not_pending')
        : {
            refused: false,
            status: 200,
            apply: (res) => {
              hold.status = 'released';
              expect(res.hold).toMatchObject({ id: hold.id, status: 'released', capturedAmount: 0 });
              expect(res.wallet).toMatchObject(walletView(m, hold.wallet));
            },
          };
    return { url: `/v1/holds/${hold.id}/release`, body: {}, expected };
  }

  toString() {
    return `release(hold#${this.pick})`;
  }
}

/** Refunds a payment (a debit or a capture), or any ledger row: only payments can be refunded. */
class Refund extends KeyedCommand {
  constructor(
    readonly pick: number,
    readonly portion: Portion,
    readonly paymentsOnly: boolean,
  ) {
    super();
  }

  private candidates(m: Readonly<Model>) {
    const rows = m.wallets.flatMap((w, wallet) => w.rows.map((row) => ({ row, wallet })));
    return this.paymentsOnly ? rows.filter(({ row }) => row.type === 'payment') : rows;
  }

  override check(m: Readonly<Model>) {
    return this.candidates(m).length > 0;
  }

  request(m: Model) {
    const { row, wallet } = pickFrom(this.candidates(m), this.pick);
    const w = m.wallets[wallet]!;
    // Only payments have something to refund; other rows still get a valid (positive) amount to send.
    const paid = row.type === 'payment' ? -row.amount : 0;
    const refunded = w.rows
      .filter((r) => r.type === 'refund' && r.relatedId === row.id)
      .reduce((s, r) => s + r.amount, 0);
    const remaining = paid - refunded;
    const amount =
      this.portion.kind === 'full'
        ? undefined
        : this.portion.kind === 'over'
          ? remaining + 1
          : Math.max(1, Math.floor((Math.abs(row.amount) * this.portion.percent) / 100));
    const refund = amount ?? remaining;
    let expected: Expected;
    if (row.type !== 'payment') expected = refusal(422, 'not_refundable');
    else if (w.status === 'closed') expected = refusal(422, 'wallet_closed');
    else if (refund <= 0 || refund > remaining) expected = refusal(422, 'refund_exceeds_payment');
    else {
      expected = {
        refused: false,
        status: 201,
        apply: (res) =>
          expectRow(
            m,
            wallet,
            { type: 'refund', amount: refund, relatedId: row.id },
            res.transaction,
            res.wallet,
          ),
      };
    }
    return {
      url: `/v1/wallet-transactions/${row.id}/refunds`,
      body: { reason: 'property refund', ...(amount === undefined ? {} : { amount }) },
      expected,
    };
  }

  toString() {
    return `refund(${this.paymentsOnly ? 'payment' : 'row'}#${this.pick}, ${portionText(this.portion)})`;
  }
}

class CloseWallet extends KeyedCommand {
  constructor(readonly wallet: number) {
    super();
  }

  request(m: Model) {
    const w = m.wallets[this.wallet]!;
    // Closing without a refund instruction: only an empty wallet (money is never left behind in it).
    const expected: Expected =
      w.status === 'active' && pendingOf(m, this.wallet) > 0
        ? refusal(409, 'conflict')
        : w.status === 'active' && w.balance !== 0
          ? refusal(422, 'refund_required')
          : {
              refused: false,
              status: 200,
              apply: (res) => {
                w.status = 'closed';
                expect(res).toMatchObject(walletView(m, this.wallet));
              },
            };
    return { url: `/v1/wallets/${w.id}/close`, body: undefined, expected };
  }

  toString() {
    return `close(w${this.wallet})`;
  }
}

/** Sends an earlier request again, key and body unchanged: the first answer comes back, nothing moves. */
class Replay implements fc.AsyncCommand<Model, Real> {
  constructor(readonly pick: number) {}

  check(m: Readonly<Model>) {
    return m.sent.length > 0;
  }

  async run(m: Model, r: Real) {
    const first = pickFrom(m.sent, this.pick);
    const reply = await call(r.app, 'POST', first.url, { token: r.token, key: first.key, body: first.body });
    expect({ status: reply.status, body: reply.body }).toEqual({
      status: first.status,
      body: first.response,
    });
    expect(reply.headers['idempotent-replayed']).toBe('true');
    await expectApiMatchesModel(m, r);
  }

  toString() {
    return `replay(sent#${this.pick})`;
  }
}

/** Sends an earlier request's key with a different request: refused, nothing moves. */
class ReuseKey implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly pick: number,
    readonly otherRoute: boolean,
  ) {}

  check(m: Readonly<Model>) {
    return m.sent.length > 0;
  }

  async run(m: Model, r: Real) {
    const first = pickFrom(m.sent, this.pick);
    const sameRoute = !this.otherRoute && typeof first.body?.amount === 'number';
    const { url, body } = sameRoute
      ? { url: first.url, body: { ...first.body, amount: (first.body!.amount as number) + 1 } }
      : {
          url: `/v1/wallets/${m.wallets[0]!.id}/credits`,
          body: { amount: 1, description: 'a different request under a used key' },
        };
    const reply = await call(r.app, 'POST', url, { token: r.token, key: first.key, body });
    expect({ status: reply.status, code: reply.body?.error?.code, field: reply.body?.error?.field }).toEqual({
      status: 422,
      code: 'idempotency_key_reused',
      field: 'Idempotency-Key',
    });
    await expectApiMatchesModel(m, r);
  }

  toString() {
    return `reuseKey(sent#${this.pick}, ${this.otherRoute ? 'other route' : 'other body'})`;
  }
}

const walletIndex = fc.nat({ max: 2 });
/** Often one of the newest few (so that the same hold or payment comes up again), else any. */
const pick = fc.oneof(
  fc.nat({ max: 3 }).map((n) => -1 - n),
  fc.nat(),
);
/** Mostly small amounts, some large enough to run a wallet dry. */
const amount = fc.oneof(fc.integer({ min: 1, max: 2_000 }), fc.integer({ min: 1, max: 120_000 }));
const portion: fc.Arbitrary<Portion> = fc.oneof(
  fc.constant({ kind: 'full' } as const),
  fc.integer({ min: 1, max: 100 }).map((percent) => ({ kind: 'part', percent }) as const),
  fc.constant({ kind: 'over' } as const),
);

const command: fc.Arbitrary<fc.AsyncCommand<Model, Real>> = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(walletIndex, amount).map(([w, a]) => new Movement('credit', w, a)) },
  { weight: 5, arbitrary: fc.tuple(walletIndex, amount).map(([w, a]) => new Movement('debit', w, a)) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(walletIndex, amount, fc.boolean())
      .map(([w, a, negative]) => new Movement('adjustment', w, negative ? -a : a)),
  },
  { weight: 5, arbitrary: fc.tuple(walletIndex, amount).map(([w, a]) => new PlaceHold(w, a)) },
  { weight: 4, arbitrary: fc.tuple(pick, portion).map(([p, q]) => new CaptureHold(p, q)) },
  { weight: 3, arbitrary: pick.map((p) => new ReleaseHold(p)) },
  { weight: 4, arbitrary: fc.tuple(pick, portion).map(([p, q]) => new Refund(p, q, true)) },
  { weight: 1, arbitrary: fc.tuple(pick, portion).map(([p, q]) => new Refund(p, q, false)) },
  { weight: 1, arbitrary: walletIndex.map((w) => new CloseWallet(w)) },
  { weight: 3, arbitrary: pick.map((p) => new Replay(p)) },
  { weight: 2, arbitrary: fc.tuple(pick, fc.boolean()).map(([p, o]) => new ReuseKey(p, o)) },
);

/** A fresh reseller with three wallets in different currencies: USD 1000.00, EUR empty, JPY 20,000. */
async function setup(app: Api): Promise<{ model: Model; real: Real }> {
  const seed = await seedReseller(app, 'Property');
  const real = { app, token: seed.admin };
  const more = await Promise.all(
    [{ currency: 'EUR' }, { currency: 'JPY', initialBalance: 20_000 }].map((body) =>
      call(app, 'POST', `/v1/customers/${seed.customerId}/wallets`, {
        token: seed.admin,
        body,
        key: key('wallet'),
      }),
    ),
  );
  for (const reply of more) expect(reply.status).toBe(201);
  const ids = [seed.walletId, ...more.map((reply) => reply.body.id as string)];
  const wallets = await Promise.all(
    ids.map(async (id): Promise<WalletModel> => {
      const wallet = await call(app, 'GET', `/v1/wallets/${id}`, { token: seed.admin });
      const rows = await allTransactions(real, id);
      return {
        id,
        currency: wallet.body.currency,
        status: 'active',
        balance: wallet.body.balance,
        rows: rows.reverse().map((row) => ({
          id: row.id,
          type: row.type,
          amount: row.amount,
          balanceAfter: row.balanceAfter,
          relatedId: row.relatedId,
        })),
      };
    }),
  );
  expect(wallets.map((w) => [w.currency, w.balance, w.rows.length])).toEqual([
    ['USD', 100_000, 1],
    ['EUR', 0, 0],
    ['JPY', 20_000, 1],
  ]);
  return { model: { wallets, holds: [], sent: [] }, real };
}

describe.each(DIALECTS)('ledger on %s: random sequences of movements agree with a model', (dialect) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi(dialect);
  });
  afterAll(() => api?.close());

  it(
    'keeps balance, pending charges, refusals and idempotency exactly as the model says, after every step',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.commands([command], { maxCommands: MAX_COMMANDS, size: 'max' }),
          async (commands) => {
            const initial = await setup(api.app);
            await fc.asyncModelRun(() => initial, commands);
          },
        ),
        { numRuns: NUM_RUNS },
      );
    },
    // Room for shrinking a failure; a passing run takes a fraction of this.
    300_000,
  );
});
