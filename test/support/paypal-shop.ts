import type { PaymentOptions } from '../../src/server/app.js';
import type { DialectName } from '../../src/server/db/database.js';
import { startPayPalEmulator, type PayPalEmulator } from './emulators/paypal.js';
import { expect } from 'vitest';
import { key } from './api.js';
import { GatewayScene, openShop, sceneClock, type Shop } from './gateway-flow.js';
import { http } from './http.js';

/** What a test names its PayPal app and shop by (each test file its own, so failures say whose). */
export interface PayPalShopNames {
  shopName: string;
  clientId: string;
  clientSecret: string;
  merchantId: string;
  webhookId: string;
}

export interface PayPalShop {
  scene: GatewayScene;
  paypal: PayPalEmulator;
  shop: Shop;
}

/**
 * A shop (USD) taking PayPal through the loopback emulator, in sandbox mode, PayPal's webhooks sent
 * to the shop's webhook route. The emulator runs on the scene's clock. The caller closes both the
 * scene and the emulator.
 */
export async function openPayPalShop(
  dialect: DialectName,
  { shopName, clientId, clientSecret, merchantId, webhookId }: PayPalShopNames,
  payments: PaymentOptions = {},
): Promise<PayPalShop> {
  const clock = sceneClock();
  const paypal = await startPayPalEmulator({ clientId, clientSecret, merchantId, webhookId, now: clock.now });
  const scene = await GatewayScene.start(
    dialect,
    { ...payments, apiBaseUrls: { paypal: paypal.baseUrl } },
    clock,
  );
  const shop = await openShop(scene.baseUrl, shopName, 'USD');
  await scene.offer(shop, 'paypal', {
    clientId,
    clientSecret,
    webhookId,
    merchantId,
    environment: 'sandbox',
  });
  paypal.setWebhookUrl(scene.webhookUrl('paypal', shop.resellerId));
  return { scene, paypal, shop };
}

/**
 * A top-up of `amount` (USD minor units) the payer approves at PayPal, captured and credited once
 * its webhook and the scene's jobs have run. `order` is PayPal's order id.
 */
export async function paidAtPayPal(
  { scene, paypal, shop }: PayPalShop,
  amount: number,
): Promise<{ id: string; order: string }> {
  const payment = await scene.topUp(shop, { amount, provider: 'paypal' });
  const order = new URL(payment.checkout.url).searchParams.get('token')!;
  await paypal.approve(order);
  await scene.drain();
  await paypal.settled();
  await scene.drain();
  return { id: payment.id as string, order };
}

/**
 * A paid 50.00 USD top-up and a 20.00 USD refund of it that PayPal made but whose answer was lost,
 * asked as before 7c0817f9: PayPal keeps no invoice_id on it, and the refund reads as 0498 left every
 * refund from before it (not known to have been sent with our id). It stays pending, unanswered.
 */
export async function unnamedRefundLost(
  shopScene: PayPalShop,
): Promise<{ id: string; order: string; refundId: string }> {
  const { scene, paypal, shop } = shopScene;
  const p = await paidAtPayPal(shopScene, 5_000);
  paypal.makeRefundsUnnamed(true);
  paypal.loseRefundAnswers(true);
  const made = await http(scene.baseUrl, 'POST', `/v1/payments/${p.id}/refunds`, {
    token: shop.admin,
    key: key('refund'),
    body: { amount: 2_000, reason: 'Asked before refunds carried our id' },
  });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  expect(made.body).toMatchObject({ status: 'pending', providerRefundId: null });
  paypal.loseRefundAnswers(false);
  await scene.api.db.store.db
    .updateTable('refunds')
    .set({ sent_with_id: 0 })
    .where('id', '=', made.body.id)
    .execute();
  return { ...p, refundId: made.body.id as string };
}
