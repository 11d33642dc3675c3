import type { Currency } from '../../shared/money.js';
import type { Store, Trx } from '../db/database.js';
import type { ProductTable } from '../db/schema.js';
import { readStoredSettings } from '../payments/settings.js';
import { createCustomer } from '../services/customers/create.js';
import { createProduct } from '../services/catalog/products.js';
import { placeOrder } from '../services/orders/place.js';
import { reportFulfilment } from '../services/orders/settle.js';
import { updatePaymentSettings } from '../services/payments/update-settings.js';
import { createReseller } from '../services/auth/resellers.js';
import { unwrap } from '../services/result.js';
import type { Scope } from '../services/scope.js';
import { newPassword } from '../services/users/common.js';
import { adjustWallet } from '../services/wallets/adjust.js';
import { creditWallet } from '../services/wallets/credit.js';
import { openWallet } from '../services/wallets/open.js';
import { createInvoiceDraft } from '../services/invoices/create.js';
import { finalizeInvoice } from '../services/invoices/finalize.js';

const FIRST = [
  'An',
  'Binh',
  'Chloe',
  'Diego',
  'Emma',
  'Farah',
  'Giang',
  'Hana',
  'Ivan',
  'Jun',
  'Khanh',
  'Lena',
];
const LAST = ['Nguyen', 'Tran', 'Smith', 'Garcia', 'Müller', 'Sato', 'Le', 'Pham', 'Kowalski', 'Rossi'];
/** The demo catalog: unit prices in minor units per currency (VND has no minor unit). */
const CATALOG = [
  {
    name: 'Residential proxies — 10 GB',
    description: 'Rotating residential IPs, 10 GB of traffic',
    prices: { USD: 1_500, EUR: 1_390, VND: 375_000 },
    period: 'none',
  },
  {
    name: 'Mobile proxy — 30 days',
    description: 'One dedicated 4G/5G port for 30 days',
    prices: { USD: 2_900, EUR: 2_690, VND: 725_000 },
    period: 'none',
  },
  {
    name: 'Datacenter proxy plan',
    description: 'Ten dedicated datacenter IPs, renewed monthly',
    prices: { USD: 900, EUR: 830, VND: 225_000 },
    period: 'month',
  },
] as const;

/**
 * The demo is a playground: its reseller's admin has turned the sandbox test gateway on, through the
 * same settings service as PATCH /v1/payment-settings (so every screen shows it as test mode).
 */
async function turnOnTestMode(trx: Trx, scope: Scope, now: string) {
  const { methods } = await readStoredSettings(trx, scope.resellerId);
  const sandbox = methods.find((m) => m.provider === 'sandbox')!;
  unwrap(
    await updatePaymentSettings(
      trx,
      scope,
      // The embedded API runs with the default SANDBOX_GATEWAY (allowed).
      { patch: { methods: [{ ...sandbox, enabled: true }] }, testModeAllowed: true },
      now,
    ),
  );
}

/** The same reseller, acting as no one: what a job (here, provisioning's reports) does. */
const asSystem = (scope: Scope): Scope => ({ resellerId: scope.resellerId, canWrite: scope.canWrite });

/** A small deterministic PRNG, so that every demo looks the same. */
function random(seed: number) {
  let s = seed;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Seeds the embedded billing API with a demo reseller: three dozen customers, wallets in USD, EUR
 * and VND, and four months of merchant credits, orders, refunds and adjustments, written through the same
 * services as the API (which also record the change feed), so that every balance equals its history.
 * Every wallet's history is a timeline, and the timelines are played together in time order: the
 * feed then numbers movements as a live server would, and "Recent activity" shows the latest ones
 * across customers rather than the wallet seeded last.
 */
export async function seedDemo(store: Store, admin: { email: string; password: string }, now = new Date()) {
  const rand = random(20261121);
  const pick = <T>(items: readonly T[]) => items[Math.floor(rand() * items.length)]!;
  const start = now.getTime() - 120 * 86_400_000;
  const at = (ms: number) => new Date(ms).toISOString();

  // Hashed before the transaction, as for every login created: no lock waits on scrypt.
  const password = await newPassword(admin.password);
  const products: ProductTable[] = [];
  // The demo shows one order partly provisioned, with its refund, for sure.
  let partlyProvisioned = false;
  return store.write(async (trx) => {
    const { reseller } = unwrap(
      await createReseller(
        trx,
        { name: 'Demo Reseller', adminEmail: admin.email, adminPasswordHash: password.hash },
        at(start),
      ),
    );
    // The demo's admin did what staff do (the audit trail names them); provisioning's reports, and
    // the refunds they make, are the system's (asSystem).
    const adminUser = await trx
      .selectFrom('users')
      .select('id')
      .where('reseller_id', '=', reseller.id)
      .executeTakeFirstOrThrow();
    const scope: Scope = {
      resellerId: reseller.id,
      canWrite: true,
      actor: { userId: adminUser.id, apiKeyId: null, role: 'reseller_admin' },
    };
    await turnOnTestMode(trx, scope, at(start));
    for (const product of CATALOG) {
      products.push(
        unwrap(
          await createProduct(
            trx,
            scope,
            { ...product, active: true, provisioningTimeoutMinutes: 60 },
            at(start),
          ),
        ),
      );
    }
    const plan = products[2]!;
    const customerIds: string[] = [];
    const timelines: Timeline[] = [];
    for (let i = 0; i < 36; i++) {
      const name = `${FIRST[i % FIRST.length]} ${LAST[(i * 7) % LAST.length]}`;
      const created = start + Math.floor(rand() * 20) * 86_400_000;
      const email = `${name
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/[^a-z]+/g, '.')}.${i}@example.com`;
      const customer = unwrap(
        await createCustomer(trx, scope, { name, email, externalRef: `ACME-${1000 + i}` }, at(created)),
      );
      customerIds.push(customer.id);
      const currencies: Currency[] = i % 3 === 0 ? ['USD', 'VND'] : i % 5 === 0 ? ['USD', 'EUR'] : ['USD'];
      for (const currency of currencies) {
        timelines.push(walletTimeline(trx, scope, customer.id, currency, created));
      }
      // A monthly plan ordered in the last weeks (so it renews after today) by every third customer.
      if (i % 3 === 1) {
        const when = now.getTime() - (2 + Math.floor(rand() * 25)) * 86_400_000;
        timelines.push(planOrder(trx, scope, customer.id, plan, 1 + (i % 2), when));
      }
    }
    await inTimeOrder(timelines);
    await seedInvoices(trx, scope, customerIds);
    return { resellerId: reseller.id };
  });

  /**
   * A few invoices through the invoice services, after everything else (and drawing no random
   * numbers, so the wallets above stay as they were): an unpaid one past its due date, an unpaid
   * one, and a draft. None is auto-paid: no wallet moves.
   */
  async function seedInvoices(trx: Trx, scope: Scope, customerIds: string[]) {
    const day = (daysAgo: number) => at(now.getTime() - daysAgo * 86_400_000);
    const invoices = [
      { customer: 0, daysAgo: 30, due: 16, finalize: true, line: ['Residential proxies — 50 GB', 1, 7_500] },
      { customer: 1, daysAgo: 3, due: -11, finalize: true, line: ['Datacenter proxies — 100 IPs', 2, 2_900] },
      { customer: 2, daysAgo: 1, due: -14, finalize: false, line: ['Mobile proxies — 10 ports', 1, 4_900] },
    ] as const;
    for (const [i, inv] of invoices.entries()) {
      const customerId = customerIds[inv.customer];
      if (!customerId) continue;
      const [description, quantity, unitAmount] = inv.line;
      const draft = unwrap(
        await createInvoiceDraft(
          trx,
          scope,
          {
            customerId,
            currency: 'USD',
            dueDate: day(inv.due).slice(0, 10),
            lines: [{ description, quantity, unitAmount, taxRateBps: 1_000 }],
            autoPay: false,
          },
          day(inv.daysAgo),
        ),
      );
      if (inv.finalize) {
        unwrap(
          await finalizeInvoice(
            trx,
            scope,
            { id: draft.id, idempotencyKey: `demo-invoice-${i}` },
            day(inv.daysAgo),
          ),
        );
      }
    }
  }

  /** A monthly plan, ordered and provisioned at `when`, if the wallet covers it then. */
  async function* planOrder(
    trx: Trx,
    scope: Scope,
    customerId: string,
    plan: ProductTable,
    quantity: number,
    when: number,
  ): Timeline {
    yield when;
    const placed = await placeOrder(
      trx,
      scope,
      { customerId, productId: plan.id, quantity, currency: 'USD' },
      at(when),
    );
    if (placed.ok) {
      const order = placed.value.order;
      unwrap(
        await reportFulfilment(
          trx,
          asSystem(scope),
          { orderId: order.id, provisioned: order.quantity },
          at(when),
        ),
      );
    }
  }

  /** A wallet opened when its customer was, then four months of its movements, one yield before each. */
  async function* walletTimeline(
    trx: Trx,
    scope: Scope,
    customerId: string,
    currency: Currency,
    created: number,
  ): Timeline {
    const unit = currency === 'VND' ? 25_000 : 100; // minor units of "one" of the currency's usual amounts
    const wallet = unwrap(await openWallet(trx, scope, { customerId, currency }, at(created)));
    const walletId = wallet.id;
    let balance = 0;
    for (let t = created + 3_600_000; t < now.getTime() - 3_600_000; t += (1 + rand() * 5) * 86_400_000) {
      yield t;
      const when = at(t);
      const roll = rand();
      if (balance < 50 * unit || roll < 0.25) {
        const amount = pick([100, 200, 500, 1000]) * unit;
        // Merchant credits, described as what they are: money the reseller received elsewhere and
        // credited by hand. Top-ups through a gateway are payments, made through the sandbox once
        // the API listens (demo/payments.ts).
        const description = pick([
          'Bank transfer received — credited by staff',
          'Prepaid package — credited by staff',
          'Cash payment — credited by staff',
          'Welcome credit',
        ]);
        unwrap(await creditWallet(trx, scope, { walletId, amount, description }, when));
        balance += amount;
      } else if (roll < 0.93) {
        // A real order from the catalog, paid from the wallet, then reported by provisioning: most
        // complete, some are partly provisioned (the rest refunded), a few fail (all refunded).
        const product = pick([products[0]!, products[1]!]);
        const price = (JSON.parse(product.prices) as Record<string, number>)[currency]!;
        const quantity = Math.min(1 + Math.floor(rand() * 10), Math.floor(balance / price));
        if (quantity < 1) continue;
        const { order } = unwrap(
          await placeOrder(trx, scope, { customerId, productId: product.id, quantity, currency }, when),
        );
        const outcome = rand();
        const provisioned =
          !partlyProvisioned && quantity > 1
            ? quantity - 1
            : outcome < 0.8
              ? quantity
              : outcome < 0.95 && quantity > 1
                ? Math.ceil(quantity / 2)
                : 0;
        if (provisioned > 0 && provisioned < quantity) partlyProvisioned = true;
        // Provisioning reports ten minutes later, in its turn among the other wallets' movements.
        yield t + 600_000;
        const reported = unwrap(
          await reportFulfilment(trx, asSystem(scope), { orderId: order.id, provisioned }, at(t + 600_000)),
        );
        balance -= order.total - reported.order.refunded;
      } else {
        const amount = Math.floor(rand() * 10 * unit) - 2 * unit;
        if (amount !== 0 && balance + amount >= 0) {
          const description = 'Goodwill credit / correction';
          unwrap(await adjustWallet(trx, scope, { walletId, amount, description }, when));
          balance += amount;
        }
      }
    }
  }
}

/**
 * One stream of demo writes: it yields the time of its next write, then makes it when resumed.
 * Code before the first yield (opening the wallet) runs when the timeline is first asked.
 */
type Timeline = AsyncGenerator<number, void, void>;

/** Plays the timelines together, always resuming the one whose next write is earliest. */
async function inTimeOrder(timelines: Timeline[]): Promise<void> {
  const next: Array<{ timeline: Timeline; at: number }> = [];
  for (const timeline of timelines) {
    const first = await timeline.next();
    if (!first.done) next.push({ timeline, at: first.value });
  }
  while (next.length > 0) {
    let earliest = 0;
    for (let i = 1; i < next.length; i++) if (next[i]!.at < next[earliest]!.at) earliest = i;
    const turn = next[earliest]!;
    const after = await turn.timeline.next();
    if (after.done) next.splice(earliest, 1);
    else turn.at = after.value;
  }
}
