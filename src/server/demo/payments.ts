import type { Currency } from '../../shared/money.js';
import type { Api } from '../context.js';
import type { Store } from '../db/database.js';
import { DECLINING_LAST4 } from '../gateways/sandbox/provider.js';
import { openCheckout } from '../payments/checkout.js';
import { createTopUp } from '../services/payments/create-top-up.js';
import { unwrap } from '../services/result.js';
import type { Scope } from '../services/scope.js';
import { toPayment } from '../wire/payment.js';

/** The sandbox's test card that pays, and one ending in the digits it declines. */
const PAYING_CARD = '4242424242424242';
const DECLINED_CARD = `424242424242${DECLINING_LAST4}`;

/**
 * The demo's gateway payments, each on the nth wallet of its currency: paid, paid, paid later (the
 * gateway still processing), declined. Amounts in minor units.
 */
const DEMO_TOP_UPS = [
  { currency: 'USD', nth: 0, amount: 2_500, press: 'pay', card: PAYING_CARD },
  { currency: 'EUR', nth: 0, amount: 4_000, press: 'pay', card: PAYING_CARD },
  { currency: 'VND', nth: 0, amount: 500_000, press: 'pay-later', card: PAYING_CARD },
  { currency: 'USD', nth: 1, amount: 10_000, press: 'pay', card: DECLINED_CARD },
] as const satisfies ReadonlyArray<{
  currency: Currency;
  nth: number;
  amount: number;
  press: string;
  card: string;
}>;

/**
 * Real test payments for the local demo, made once the API listens, as its customers would make them:
 * a sandbox top-up through the payment service (as POST /v1/wallets/:id/top-ups), its hosted
 * checkout opened and a button on it pressed over HTTP, as a payer's browser does. The sandbox then
 * sends its signed webhook to the API's own webhook route, which verifies it, asks the sandbox what
 * the checkout's status is, and only then credits the wallet. So the demo's Payments screen holds
 * payments that went through every step a real one does (each marked as a test), and a declined and a
 * processing one beside the paid ones; nothing here writes a payment's outcome itself.
 */
export async function payDemoTopUps(app: Api, store: Store, resellerId: string): Promise<void> {
  const scope: Scope = { resellerId, canWrite: true };
  const wallets = await store.db
    .selectFrom('wallets')
    .select(['id', 'currency'])
    .where('reseller_id', '=', resellerId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  for (const [i, topUp] of DEMO_TOP_UPS.entries()) {
    const wallet = wallets.filter((w) => w.currency === topUp.currency)[topUp.nth];
    if (!wallet) continue;
    const now = app.payments.o.clock().toISOString();
    const created = await store.write(async (trx) =>
      unwrap(
        await createTopUp(
          trx,
          scope,
          {
            walletId: wallet.id,
            body: { amount: topUp.amount, provider: 'sandbox' },
            idempotencyKey: `demo-top-up-${i}`,
            gateways: app.payments.providers,
          },
          now,
        ),
      ),
    );
    const checkout = toPayment(unwrap(await openCheckout(app.payments, created.id))).checkout;
    if (checkout?.kind !== 'redirect')
      throw new Error(`the demo top-up ${created.id} has no hosted checkout`);
    const pressed = await fetch(`${checkout.url}/${topUp.press}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ card: topUp.card }).toString(),
    });
    await pressed.arrayBuffer();
    if (!pressed.ok) throw new Error(`the demo's sandbox checkout answered ${pressed.status}`);
  }
  // The webhooks were answered at once; their processing (the credit) may still be running.
  await app.payments.settled();
}
