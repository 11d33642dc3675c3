import { vi } from 'vitest';
import type { PaymentProvider, SavedMethodCharge } from '../../src/server/gateways/provider.js';
import { PAYMENT_JOBS } from '../../src/server/jobs/payment-jobs.js';
import { key } from './api.js';
import type { PaymentOptions } from '../../src/server/app.js';
import type { DialectName } from '../../src/server/db/database.js';
import type { PayPalEmulator } from './emulators/paypal.js';
import { type GatewayScene, must, type Shop } from './gateway-flow.js';
import { http } from './http.js';
import { openPayPalShop } from './paypal-shop.js';

const APP = { clientId: 'AeHeldChargeClient', clientSecret: 'EHeldChargeSecret' };
const MERCHANT = 'HELDCHARGE01';
export const HOUR = 3600_000;

export interface PayPalLapsedShop {
  scene: GatewayScene;
  paypal: PayPalEmulator;
  shop: Shop;
  payerId: string;
  /** The payer's PayPal account, vaulted by paying 2 000 (USD minor units) at PayPal: the wallet holds 2 000. */
  savedMethodId: string;
  as: (method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) => Promise<any>;
  /** Every payment job once, as the API's scheduler runs them. */
  paymentJobs: () => Promise<void>;
  /** Vaulted-account charges PayPal received (orders created with a vault id), the vaulting one first. */
  chargesSent: () => unknown[];
  /** The PayPal order PayPal made for `paymentId`, if it made one. */
  orderFor: (paymentId: string) => Record<string, any> | undefined;
  close: () => Promise<void>;
}

/**
 * A shop taking PayPal (the loopback emulator, which keeps a PayPal-Request-Id 6 hours as PayPal
 * does) whose customer's payer has vaulted a PayPal account, for the tests of a saved-account charge
 * whose answer was lost and which is held for staff once PayPal may have forgotten its request id.
 */
export async function openPayPalLapsedShop(
  dialect: DialectName,
  payments: PaymentOptions = {},
): Promise<PayPalLapsedShop> {
  const { scene, paypal, shop } = await openPayPalShop(
    dialect,
    { shopName: 'Held PayPal', ...APP, merchantId: MERCHANT, webhookId: 'WHHELD01' },
    payments,
  );
  const as = (method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) =>
    must(http(scene.baseUrl, method, url, { token: shop.admin, key: key(), ...(body ? { body } : {}) }));
  const payerId = (await as('POST', `/v1/customers/${shop.customerId}/payers`, { name: 'Accounts payable' }))
    .id;
  const first = await scene.topUp(shop, { amount: 2_000, provider: 'paypal', payerId, saveMethod: true });
  await paypal.approve(new URL(first.checkout.url).searchParams.get('token')!);
  await scene.drain();
  await paypal.settled();
  await scene.drain();
  return {
    scene,
    paypal,
    shop,
    payerId,
    savedMethodId: first.savesMethodId,
    as,
    paymentJobs: async () => {
      for (const job of Object.values(PAYMENT_JOBS)) await scene.api.app.paymentJobs.runOnce(job);
      await scene.api.app.payments.settled();
    },
    chargesSent: () => paypal.requests.filter((r) => r.method === 'POST' && r.path === '/v2/checkout/orders'),
    orderFor: (paymentId) =>
      [...paypal.orders.values()].find((o) => o['purchase_units'][0].custom_id === paymentId),
    close: async () => {
      await scene.close();
      await paypal.close();
    },
  };
}

/**
 * The process stops with the next vaulted charge out: made at PayPal when `reachesPayPal` (its
 * answer lost), or lost on the way there. The stopped process never hears back: its call fails at
 * `die`, the test's cleanup.
 */
export function stopWithChargeOut(
  { scene }: Pick<PayPalLapsedShop, 'scene'>,
  reachesPayPal: boolean,
): { out: Promise<void>; die: () => void } {
  let sent!: () => void;
  const out = new Promise<void>((resolve) => (sent = resolve));
  let die!: () => void;
  const dead = new Promise<never>((_, reject) => (die = () => reject(new Error('process stopped'))));
  dead.catch(() => undefined);
  let stopped = false;
  const payments = scene.api.app.payments;
  const providerOrThrow = payments.providerOrThrow.bind(payments);
  vi.spyOn(payments, 'providerOrThrow').mockImplementation(async (payment) => {
    const provider = await providerOrThrow(payment);
    if (stopped) return provider;
    stopped = true;
    const dying: PaymentProvider = Object.create(provider);
    dying.chargeSavedMethod = async (charge: SavedMethodCharge) => {
      if (reachesPayPal) await provider.chargeSavedMethod!(charge);
      sent();
      return dead;
    };
    return dying;
  });
  return { out, die };
}

/**
 * Top up 3 000 (USD minor units) with the vaulted account; the process stops with its charge made
 * at PayPal, its answer lost. `done` ends the stopped call (the test's cleanup, after the jobs ran).
 */
export async function topUpWithChargeLost(
  t: PayPalLapsedShop,
): Promise<{ chargeId: string; done: () => Promise<unknown> }> {
  const dead = stopWithChargeOut(t, true);
  const topUp = http(t.scene.baseUrl, 'POST', `/v1/wallets/${t.shop.walletId}/top-ups`, {
    token: t.shop.admin,
    key: key('topup'),
    body: { amount: 3_000, provider: 'paypal', payerId: t.payerId, savedMethodId: t.savedMethodId },
  });
  topUp.catch(() => undefined);
  await dead.out;
  const listed = await t.as('GET', `/v1/payments?walletId=${t.shop.walletId}`);
  const chargeId = listed.items.find((p: any) => p.savedMethodId !== null).id as string;
  return { chargeId, done: () => (dead.die(), topUp.catch(() => undefined)) };
}
