import { vi } from 'vitest';
import type { AppOptions } from '../../src/server/app.js';
import type { DialectName } from '../../src/server/db/database.js';
import type { PaymentProvider, SavedMethodCharge } from '../../src/server/gateways/provider.js';
import { startStripeEmulator, type StripeEmulator } from './emulators/stripe.js';
import { GatewayScene, must, openShop, sceneClock, type Shop } from './gateway-flow.js';
import { http } from './http.js';

/**
 * A shop that offers Stripe, end to end over real HTTP: the payments API (GatewayScene, jobs off,
 * a manual clock the emulator shares) with a reseller, a customer and an empty wallet (openShop),
 * its Stripe credentials stored and the method enabled, and the loopback Stripe emulator sending
 * its webhooks, signed with `webhookSecret`, to the API.
 */
export interface StripeShop {
  scene: GatewayScene;
  shop: Shop;
  stripe: StripeEmulator;
  /** Stops the API and the emulator. */
  close(): Promise<void>;
}

export interface StripeAccount {
  secretKey: string;
  accountId: string;
  webhookSecret: string;
}

export async function openStripeShop(
  dialect: DialectName,
  name: string,
  account: StripeAccount,
  currency = 'USD',
  /** Private addresses allowed (a webhook receiver on 127.0.0.1), and where emails go. */
  app: { outbound?: AppOptions['outbound']; email?: AppOptions['email'] } = {},
): Promise<StripeShop> {
  const clock = sceneClock();
  const stripe = await startStripeEmulator({
    secretKey: account.secretKey,
    accountId: account.accountId,
    webhook: { secret: account.webhookSecret },
    now: clock.now,
  });
  const scene = await GatewayScene.start(
    dialect,
    { apiBaseUrls: { stripe: stripe.baseUrl } },
    clock,
    app.outbound,
    app.email,
  );
  const shop = await openShop(scene.baseUrl, name, currency);
  await scene.offer(shop, 'stripe', account);
  stripe.setWebhookUrl(scene.webhookUrl('stripe', shop.resellerId));
  return {
    scene,
    shop,
    stripe,
    close: async () => {
      await scene.close();
      await stripe.close();
    },
  };
}

/** What saving a card left: its payer, the saved method (confirmed), and the top-up that saved it. */
export interface SavedCard {
  payerId: string;
  savedMethodId: string;
  paymentId: string;
}

/**
 * A card saved at Stripe's hosted checkout by paying `amount` (minor units) with it, for a new
 * payer of the shop's customer: the wallet holds `amount` more once the webhook is processed.
 */
export async function saveStripeCard(
  { scene, shop, stripe }: StripeShop,
  options: { last4?: string; payerName?: string; amount?: number } = {},
): Promise<SavedCard> {
  const last4 = options.last4 ?? '4242';
  const payer = await must(
    http(scene.baseUrl, 'POST', `/v1/customers/${shop.customerId}/payers`, {
      token: shop.admin,
      body: { name: options.payerName ?? `Card ${last4}` },
    }),
  );
  const first = await scene.topUp(shop, {
    amount: options.amount ?? 2_000,
    provider: 'stripe',
    payerId: payer.id,
    saveMethod: true,
  });
  await stripe.pay((first.checkout.url as string).split('/').pop()!, { last4 });
  await scene.drain();
  return {
    payerId: payer.id as string,
    savedMethodId: first.savesMethodId as string,
    paymentId: first.id as string,
  };
}

/**
 * The API process stops with the next saved card's charge out (at Stripe, or at whichever provider
 * the scene charges): the charge reaches the provider or not (`reachesStripe`), and its answer never
 * comes back to the caller that started it (until `revive`, the test's own cleanup). `out`
 * resolves once the charge is out.
 */
export function stopWithChargeOut(
  { scene }: Pick<StripeShop, 'scene'>,
  reachesStripe: boolean,
): { out: Promise<void>; revive: () => void } {
  let sent!: () => void;
  const out = new Promise<void>((resolve) => (sent = resolve));
  let revive!: () => void;
  const revived = new Promise<void>((resolve) => (revive = resolve));
  let stopped = false;
  const payments = scene.api.app.payments;
  const providerOrThrow = payments.providerOrThrow.bind(payments);
  vi.spyOn(payments, 'providerOrThrow').mockImplementation(async (payment) => {
    const provider = await providerOrThrow(payment);
    if (stopped) return provider;
    stopped = true;
    const dying: PaymentProvider = Object.create(provider);
    dying.chargeSavedMethod = async (charge: SavedMethodCharge) => {
      if (reachesStripe) await provider.chargeSavedMethod!(charge);
      sent();
      await revived;
      return provider.chargeSavedMethod!(charge);
    };
    return dying;
  });
  return { out, revive };
}
