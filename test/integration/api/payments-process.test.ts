import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DialectName } from '../../../src/server/db/database.js';
import { DIALECTS, freshDatabase, type TestDatabase } from '../../support/databases.js';
import { startStripeEmulator, type StripeEmulator } from '../../support/emulators/stripe.js';
import {
  sendDelivery,
  type EmulatedDelivery,
} from '../../support/emulators/stripe-paypal-cryptomus-server.js';
import { must, offerMethod, openShop, startTopUp, type Shop } from '../../support/gateway-flow.js';
import { CursorStream, http } from '../../support/http.js';
import { PaymentApiProcess, type PaymentProcessSettings } from '../../support/payment-api-process.js';

const STRIPE = {
  secretKey: 'sk_test_51ResellerConsoleEmulated',
  webhookSecret: 'whsec_process_shop',
  accountId: 'acct_1ProcessShop',
};

/** A fixed shuffle (no randomness in what a failure reports): every 7th of the list, wrapping. */
function reorder<T>(items: T[]): T[] {
  const out: T[] = [];
  for (let i = 0; i < items.length; i++) out.push(items[(i * 7) % items.length]!);
  return new Set(out).size === items.length ? out : [...items].reverse();
}

/** Each delivery `times` times, reordered, to `urls` in turn. */
const deliveries = (recorded: EmulatedDelivery[], times: number, urls: string[]) =>
  reorder(recorded.flatMap((d) => Array.from({ length: times }, () => d))).map((d, i) => ({
    ...d,
    url: urls[i % urls.length],
  }));

/**
 * The billing API as real processes, Stripe (the emulator) as provider: the same signed events
 * delivered five times, reordered and concurrently, with the API killed (SIGKILL) between answering
 * and processing, or mid-stream, then restarted: every paid payment is credited exactly once and
 * nothing is credited for the unpaid ones. On PostgreSQL, two processes on one schema as well.
 */
describe.each(DIALECTS)('payment processes on %s', (dialect: DialectName) => {
  let db: TestDatabase;
  let dir: string;
  let stripe: StripeEmulator;
  let settings: PaymentProcessSettings;
  const processes: PaymentApiProcess[] = [];
  const streams: CursorStream[] = [];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'payments-process-'));
    db = await freshDatabase(dialect, { file: join(dir, 'billing.sqlite') });
    stripe = await startStripeEmulator({
      secretKey: STRIPE.secretKey,
      accountId: STRIPE.accountId,
      webhook: { secret: STRIPE.webhookSecret },
    });
    settings = {
      databaseUrl: db.url,
      ...(db.schema ? { schema: db.schema } : {}),
      credentialsKey: randomBytes(32).toString('base64'),
      stripeApiBaseUrl: stripe.baseUrl,
    };
  });
  afterEach(async () => {
    for (const stream of streams.splice(0)) stream.close();
    for (const proc of processes.splice(0)) await proc.kill();
    await stripe.close();
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const launch = async (switches: { inline: boolean; jobs: boolean }) => {
    const proc = await PaymentApiProcess.start(settings, switches);
    processes.push(proc);
    return proc;
  };

  interface Scenario {
    shop: Shop;
    before: number;
    paid: { id: string; amount: number }[];
    unpaid: { id: string; status: string }[];
    recorded: EmulatedDelivery[];
  }

  /**
   * A shop taking Stripe; three top-ups paid at Stripe and three not (a declined card, a bank debit
   * still settling, a session that expired). The events Stripe sent about them are recorded, not sent.
   */
  async function scenario(baseUrl: string): Promise<Scenario> {
    const shop = await openShop(baseUrl, 'Process Shop', 'USD');
    await offerMethod(baseUrl, shop, 'stripe', STRIPE);
    const open = async (amount: number) => {
      const p = await startTopUp(baseUrl, shop, { amount, provider: 'stripe' });
      return { id: p.id as string, amount, session: (p.checkout.url as string).split('/').pop()! };
    };
    const paid = [await open(1_111), await open(2_222), await open(3_333)];
    const declined = await open(4_444);
    const settling = await open(5_555);
    const expired = await open(6_666);
    const recorded = [
      ...(await Promise.all(paid.map((p) => stripe.pay(p.session)))),
      await stripe.decline(declined.session),
      await stripe.payLater(settling.session),
      await stripe.expire(expired.session),
      await stripe.emitOther(),
    ];
    return {
      shop,
      before: await balance(baseUrl, shop),
      paid: paid.map(({ id, amount }) => ({ id, amount })),
      unpaid: [
        { id: declined.id, status: 'new' },
        { id: settling.id, status: 'processing' },
        { id: expired.id, status: 'expired' },
      ],
      recorded,
    };
  }

  const balance = async (baseUrl: string, shop: Shop) =>
    (await must(http(baseUrl, 'GET', `/v1/wallets/${shop.walletId}`, { token: shop.admin })))
      .balance as number;
  const statusOf = async (baseUrl: string, shop: Shop, id: string) =>
    (await must(http(baseUrl, 'GET', `/v1/payments/${id}`, { token: shop.admin }))).status as string;

  /** Waits on the change feed's live stream (not a timer) until every payment has its final word. */
  async function settledOn(baseUrl: string, s: Scenario): Promise<void> {
    const stream = await CursorStream.open(baseUrl, s.shop.admin);
    streams.push(stream);
    for (;;) {
      const seen = stream.latest;
      const statuses = await Promise.all(
        [...s.paid, ...s.unpaid].map((p) => statusOf(baseUrl, s.shop, p.id)),
      );
      const wanted = [...s.paid.map(() => 'paid'), ...s.unpaid.map((p) => p.status)];
      if (statuses.every((status, i) => status === wanted[i])) return;
      await stream.above(seen);
    }
  }

  /** Exactly once: the balance up by the paid amounts, one linked top_up row each, none for the rest. */
  async function expectExactlyOnce(baseUrl: string, s: Scenario): Promise<void> {
    const total = s.paid.reduce((sum, p) => sum + p.amount, 0);
    expect(await balance(baseUrl, s.shop)).toBe(s.before + total);
    const rows = (
      await must(
        http(baseUrl, 'GET', `/v1/wallets/${s.shop.walletId}/transactions?type=top_up`, {
          token: s.shop.admin,
        }),
      )
    ).items as { relatedId: string; amount: number }[];
    expect(rows.map((r) => [r.relatedId, r.amount]).sort()).toEqual(
      s.paid.map((p) => [p.id, p.amount]).sort(),
    );
    for (const p of s.unpaid) expect(await statusOf(baseUrl, s.shop, p.id)).toBe(p.status);
  }

  const storedEvents = () =>
    db.store.db.selectFrom('gateway_events').select(['event_id', 'processed_at', 'outcome']).execute();

  it('killed after answering ×5 reordered concurrent deliveries but before processing: restarted, each paid payment credited once', async () => {
    const api = await launch({ inline: false, jobs: false });
    const s = await scenario(api.url);
    const webhook = `${api.url}/v1/webhooks/stripe/${s.shop.resellerId}`;
    const answers = await Promise.all(deliveries(s.recorded, 5, [webhook]).map((d) => sendDelivery(d)));
    expect(answers.map((a) => a.response?.status)).toEqual(answers.map(() => 200));
    // Stored once each, acknowledged, and not yet processed: nothing credited.
    const stored = await storedEvents();
    expect(stored).toHaveLength(s.recorded.length);
    expect(stored.every((e) => e.processed_at === null)).toBe(true);
    expect(await balance(api.url, s.shop)).toBe(s.before);

    await api.kill();
    await api.restart({ inline: true, jobs: true });
    await settledOn(api.url, s);
    await expectExactlyOnce(api.url, s);
    expect((await storedEvents()).every((e) => e.processed_at !== null)).toBe(true);

    // Stripe retrying everything once more after the restart changes nothing.
    await Promise.all(deliveries(s.recorded, 5, [webhook]).map((d) => sendDelivery(d)));
    await settledOn(api.url, s);
    await expectExactlyOnce(api.url, s);
  });

  it('killed mid-stream while processing inline: restarted, the provider retries, each paid payment credited once', async () => {
    const api = await launch({ inline: true, jobs: false });
    const s = await scenario(api.url);
    const webhook = `${api.url}/v1/webhooks/stripe/${s.shop.resellerId}`;
    const inFlight = deliveries(s.recorded, 5, [webhook]).map((d) => sendDelivery(d));
    // The first acknowledgement: the process is now storing and processing; kill it there.
    await Promise.race(inFlight);
    await api.kill();
    const outcomes = await Promise.allSettled(inFlight);
    const unanswered = outcomes.filter((o) => o.status === 'rejected' || o.value.response?.status !== 200);
    expect(outcomes.length - unanswered.length).toBeGreaterThan(0);

    // Two minutes pass: the dead process's leases run out (what LEASE_MS is for).
    await db.store.write((trx) =>
      trx
        .updateTable('gateway_events')
        .set({ lease_until: null })
        .where('processed_at', 'is', null)
        .execute(),
    );
    await db.store.write((trx) => trx.updateTable('payments').set({ lease_until: null }).execute());
    await api.restart({ inline: true, jobs: true });
    // Stripe retries what was not acknowledged (and, to be thorough here, everything).
    await Promise.all(deliveries(s.recorded, 5, [webhook]).map((d) => sendDelivery(d)));
    await settledOn(api.url, s);
    await expectExactlyOnce(api.url, s);
  });

  it.runIf(dialect === 'postgres')(
    'two API processes on one schema take the same events ×5, concurrently: each paid payment credited once',
    async () => {
      const a = await launch({ inline: true, jobs: true });
      const b = await launch({ inline: true, jobs: true });
      const s = await scenario(a.url);
      const hooks = [a, b].map((p) => `${p.url}/v1/webhooks/stripe/${s.shop.resellerId}`);
      const answers = await Promise.all(deliveries(s.recorded, 5, hooks).map((d) => sendDelivery(d)));
      expect(answers.map((x) => x.response?.status)).toEqual(answers.map(() => 200));
      await settledOn(a.url, s);
      await settledOn(b.url, s);
      await expectExactlyOnce(a.url, s);
      await expectExactlyOnce(b.url, s);
      expect(await storedEvents()).toHaveLength(s.recorded.length);
    },
  );
});
