import type { Currency } from '../../shared/money.js';
import type { Store, Trx } from '../db/database.js';
import { readStoredSettings } from '../payments/settings.js';
import { createCustomer } from '../services/customers/create.js';
import { placeHold } from '../services/holds/place.js';
import { updatePaymentSettings } from '../services/payments/update-settings.js';
import { refundPayment } from '../services/refunds/refund-payment.js';
import { createReseller } from '../services/auth/resellers.js';
import { unwrap } from '../services/result.js';
import type { Scope } from '../services/scope.js';
import { newPassword } from '../services/users/common.js';
import { adjustWallet } from '../services/wallets/adjust.js';
import { creditWallet } from '../services/wallets/credit.js';
import { debitWallet } from '../services/wallets/debit.js';
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
const DESCRIPTIONS = [
  'Proxy order',
  'Residential proxies — 10 GB',
  'Renewal: datacenter plan',
  'Mobile proxy — 30 days',
];

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
 * and VND, and four months of top-ups, payments, refunds and adjustments, written through the same
 * services as the API (which also record the change feed), so that every balance equals its history.
 */
export async function seedDemo(store: Store, admin: { email: string; password: string }, now = new Date()) {
  const rand = random(20261121);
  const pick = <T>(items: readonly T[]) => items[Math.floor(rand() * items.length)]!;
  const start = now.getTime() - 120 * 86_400_000;
  const at = (ms: number) => new Date(ms).toISOString();

  // Hashed before the transaction, as for every login created: no lock waits on scrypt.
  const password = await newPassword(admin.password);
  return store.write(async (trx) => {
    const { reseller } = unwrap(
      await createReseller(
        trx,
        { name: 'Demo Reseller', adminEmail: admin.email, adminPasswordHash: password.hash },
        at(start),
      ),
    );
    const scope: Scope = { resellerId: reseller.id, canWrite: true };
    await turnOnTestMode(trx, scope, at(start));
    const customerIds: string[] = [];
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
        await seedWallet(trx, scope, customer.id, currency, created);
      }
    }
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

  async function seedWallet(trx: Trx, scope: Scope, customerId: string, currency: Currency, created: number) {
    const unit = currency === 'VND' ? 25_000 : 100; // minor units of "one" of the currency's usual amounts
    const wallet = unwrap(await openWallet(trx, scope, { customerId, currency }, at(created)));
    const walletId = wallet.id;
    let balance = 0;
    let lastPayment: { id: string; amount: number } | null = null;
    for (let t = created + 3_600_000; t < now.getTime() - 3_600_000; t += (0.5 + rand() * 3) * 86_400_000) {
      const when = at(t);
      const roll = rand();
      if (balance < 50 * unit || roll < 0.25) {
        const amount = pick([100, 200, 500, 1000]) * unit;
        const description = pick([
          'Top up by card',
          'Top up via PayPal',
          'Crypto top-up (USDT)',
          'Bank transfer (VietQR)',
        ]);
        unwrap(await creditWallet(trx, scope, { walletId, amount, description }, when));
        balance += amount;
      } else if (roll < 0.85) {
        const amount = Math.min(balance, Math.floor((5 + rand() * 60) * unit));
        const description = pick(DESCRIPTIONS);
        const reference = `ORD-${Math.floor(rand() * 90000) + 10000}`;
        const { transaction } = unwrap(
          await debitWallet(trx, scope, { walletId, amount, description, reference }, when),
        );
        balance -= amount;
        lastPayment = { id: transaction.id, amount };
      } else if (roll < 0.93 && lastPayment) {
        const amount = Math.max(1, Math.floor(lastPayment.amount / 2));
        const reason = 'Partial order: unprovisioned proxies refunded';
        unwrap(await refundPayment(trx, scope, { transactionId: lastPayment.id, amount, reason }, when));
        balance += amount;
        lastPayment = null;
      } else {
        const amount = Math.floor(rand() * 10 * unit) - 2 * unit;
        if (amount !== 0 && balance + amount >= 0) {
          const description = 'Goodwill credit / correction';
          unwrap(await adjustWallet(trx, scope, { walletId, amount, description }, when));
          balance += amount;
        }
      }
    }
    if (rand() < 0.3 && balance > 20 * unit) {
      const hold = { walletId, amount: 10 * unit, description: 'Pending renewal' };
      unwrap(await placeHold(trx, scope, hold, at(now.getTime() - 600_000)));
    }
  }
}
