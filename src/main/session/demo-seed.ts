import { newId } from '../../shared/ids.js';
import type { Currency } from '../../shared/money.js';
import { hashPassword } from '../../server/auth/secrets.js';
import type { Store, Trx } from '../../server/db/database.js';
import { placeHold, postEntry } from '../../server/ledger/movements.js';
import { readStoredSettings } from '../../server/payments/settings.js';
import { updatePaymentSettings } from '../../server/services/payments/update-settings.js';
import { unwrap } from '../../server/services/result.js';
import type { Scope } from '../../server/services/scope.js';
import { toCustomer, toWallet } from '../../server/services/wire.js';
import { recordChanges } from '../../server/sync/record.js';

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
async function turnOnTestMode(trx: Trx, resellerId: string, now: string) {
  const { methods } = await readStoredSettings(trx, resellerId);
  const sandbox = methods.find((m) => m.provider === 'sandbox')!;
  const scope = { resellerId, canWrite: true };
  const patch = { methods: [{ ...sandbox, enabled: true }] };
  // The embedded API runs with the default SANDBOX_GATEWAY (allowed).
  unwrap(await updatePaymentSettings(trx, scope, { patch, testModeAllowed: true }, now));
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
 * ledger code as the API so that every balance equals its history.
 */
export async function seedDemo(store: Store, admin: { email: string; password: string }, now = new Date()) {
  const rand = random(20261121);
  const pick = <T>(items: readonly T[]) => items[Math.floor(rand() * items.length)]!;
  const resellerId = newId('reseller');
  const scope: Scope = { resellerId, canWrite: true };
  const start = now.getTime() - 120 * 86_400_000;
  const at = (ms: number) => new Date(ms).toISOString();
  const passwordHash = await hashPassword(admin.password);

  await store.write(async (trx) => {
    await trx
      .insertInto('resellers')
      .values({ id: resellerId, name: 'Demo Reseller', created_at: at(start) })
      .execute();
    await trx
      .insertInto('users')
      .values({
        id: newId('user'),
        reseller_id: resellerId,
        email: admin.email,
        password_hash: passwordHash,
        role: 'reseller_admin',
        customer_id: null,
        created_at: at(start),
      })
      .execute();
    await turnOnTestMode(trx, resellerId, at(start));

    for (let i = 0; i < 36; i++) {
      const name = `${FIRST[i % FIRST.length]} ${LAST[(i * 7) % LAST.length]}`;
      const created = start + Math.floor(rand() * 20) * 86_400_000;
      const customer = {
        id: newId('customer', created),
        reseller_id: resellerId,
        name,
        email: `${name
          .normalize('NFD')
          .replace(/[\u0300-\u036f]/g, '')
          .toLowerCase()
          .replace(/[^a-z]+/g, '.')}.${i}@example.com`,
        external_ref: `ACME-${1000 + i}`,
        search_text: '',
        created_at: at(created),
        updated_at: at(created),
      };
      customer.search_text = [customer.name, customer.email, customer.external_ref].join('\n').toLowerCase();
      await trx.insertInto('customers').values(customer).execute();
      await recordChanges(trx, customer.created_at, [
        {
          resellerId,
          customerId: customer.id,
          entity: 'customer',
          id: customer.id,
          op: 'create',
          data: toCustomer(customer),
        },
      ]);
      const currencies: Currency[] = i % 3 === 0 ? ['USD', 'VND'] : i % 5 === 0 ? ['USD', 'EUR'] : ['USD'];
      for (const currency of currencies) {
        await seedWallet(customer.id, currency, created);
      }
    }

    async function seedWallet(customerId: string, currency: Currency, created: number) {
      const unit = currency === 'VND' ? 25_000 : 100; // minor units of "one" of the currency's usual amounts
      const wallet = {
        id: newId('wallet', created),
        reseller_id: resellerId,
        customer_id: customerId,
        currency,
        status: 'active' as const,
        balance: 0,
        pending_charges: 0,
        version: 0,
        created_at: at(created),
        updated_at: at(created),
      };
      await trx.insertInto('wallets').values(wallet).execute();
      await recordChanges(trx, wallet.created_at, [
        { resellerId, customerId, entity: 'wallet', id: wallet.id, op: 'create', data: toWallet(wallet) },
      ]);
      let balance = 0;
      let lastPayment: { id: string; amount: number } | null = null;
      for (let t = created + 3_600_000; t < now.getTime() - 3_600_000; t += (0.5 + rand() * 3) * 86_400_000) {
        const when = at(t);
        const roll = rand();
        if (balance < 50 * unit || roll < 0.25) {
          const amount = pick([100, 200, 500, 1000]) * unit;
          await postEntry(
            trx,
            scope,
            wallet.id,
            {
              type: 'top_up',
              amount,
              description: pick([
                'Top up by card',
                'Top up via PayPal',
                'Crypto top-up (USDT)',
                'Bank transfer (VietQR)',
              ]),
            },
            when,
          );
          balance += amount;
        } else if (roll < 0.85) {
          const amount = Math.min(balance, Math.floor((5 + rand() * 60) * unit));
          const { transaction } = await postEntry(
            trx,
            scope,
            wallet.id,
            {
              type: 'payment',
              amount: -amount,
              description: pick(DESCRIPTIONS),
              reference: `ORD-${Math.floor(rand() * 90000) + 10000}`,
            },
            when,
          );
          balance -= amount;
          lastPayment = { id: transaction.id, amount };
        } else if (roll < 0.93 && lastPayment) {
          const amount = Math.max(1, Math.floor(lastPayment.amount / 2));
          await postEntry(
            trx,
            scope,
            wallet.id,
            {
              type: 'refund',
              amount,
              description: 'Partial order: unprovisioned proxies refunded',
              relatedId: lastPayment.id,
            },
            when,
          );
          balance += amount;
          lastPayment = null;
        } else {
          const amount = Math.floor(rand() * 10 * unit) - 2 * unit;
          if (amount !== 0 && balance + amount >= 0) {
            await postEntry(
              trx,
              scope,
              wallet.id,
              { type: 'adjustment', amount, description: 'Goodwill credit / correction' },
              when,
            );
            balance += amount;
          }
        }
      }
      if (rand() < 0.3 && balance > 20 * unit) {
        await placeHold(
          trx,
          scope,
          wallet.id,
          { amount: 10 * unit, description: 'Pending renewal' },
          at(now.getTime() - 600_000),
        );
      }
    }
  });
  return { resellerId };
}
