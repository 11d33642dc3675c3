import type { DialectName } from '../../src/server/db/database.js';
import { Pay2sEmulator } from './emulators/pay2s.js';
import { GatewayScene, openShop, sceneClock, type Shop } from './gateway-flow.js';

/** The shop's bank account, as the payer's transfers and the emulated bank feed name it. */
export const VIETQR_ACCOUNT = '0123456789';

/** A VND shop taking bank transfers by VietQR, its bank lines pushed by the emulated Pay2s feed. */
export interface VietQrShop {
  scene: GatewayScene;
  pay2s: Pay2sEmulator;
  shop: Shop;
  close(): Promise<void>;
}

/**
 * Starts the API (on `dialect`), the Pay2s emulator and a shop named `name` offering VietQR to
 * VIETQR_ACCOUNT with the Pay2s feed; `method` adds to or replaces the method's settings (say, a
 * memo prefix). Pay2s retries a minute apart; a few milliseconds here, waited on through
 * `pay2s.delivered()`.
 */
export async function startVietQrShop(
  dialect: DialectName,
  name: string,
  method: Record<string, unknown> = {},
): Promise<VietQrShop> {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const tokens = { webhookToken: `pay2s-webhook-token-${slug}`, apiToken: `pay2s-api-token-${slug}` };
  const clock = sceneClock();
  const pay2s = await Pay2sEmulator.start({ ...tokens, retryIntervalMs: 5, now: clock.now });
  const scene = await GatewayScene.start(dialect, { apiBaseUrls: { vietqr: pay2s.url } }, clock);
  const shop = await openShop(scene.baseUrl, name, 'VND');
  await scene.offer(shop, 'vietqr', {
    bankBin: '970416',
    accountNumber: VIETQR_ACCOUNT,
    accountName: 'CONG TY ACME',
    feed: 'pay2s',
    pay2sToken: tokens.webhookToken,
    pay2sApiToken: tokens.apiToken,
    ...method,
  });
  pay2s.setWebhookUrl(scene.webhookUrl('vietqr', shop.resellerId));
  return {
    scene,
    pay2s,
    shop,
    close: async () => {
      await scene.close();
      await pay2s.close();
    },
  };
}
