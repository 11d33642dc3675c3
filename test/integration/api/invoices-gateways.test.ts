import { afterEach, describe, expect, it } from 'vitest';
import { key } from '../../support/api.js';
import { DIALECTS } from '../../support/databases.js';
import {
  PUBLISHED_ACCOUNT_KEYS,
  mineBlocks,
  sendCoins,
  startSimulatedChainServer,
  type SimulatedChainServer,
} from '../../support/emulators/crypto-chain.js';
import { startStripeEmulator, type StripeEmulator } from '../../support/emulators/stripe.js';
import { GatewayScene, must, openShop, sceneClock, type Shop } from '../../support/gateway-flow.js';
import { http } from '../../support/http.js';

/**
 * Invoices paid through real gateways (loopback emulators): the rest after the wallet charged to a
 * saved card off-session at finalize, and a crypto checkout for the amount due, paid on the
 * simulated chain. Either way the money passes through the wallet: a top_up, then a payment.
 */
describe.each(DIALECTS)('invoices through gateways on %s', (dialect) => {
  let scene: GatewayScene;
  let shop: Shop;
  let closeEmulator: () => Promise<void>;

  afterEach(async () => {
    await scene.close();
    await closeEmulator();
  });

  const createInvoice = (amount: number, extra: Record<string, unknown> = {}) =>
    must(
      http(scene.baseUrl, 'POST', `/v1/customers/${shop.customerId}/invoices`, {
        token: shop.admin,
        body: {
          currency: 'USD',
          lines: [{ description: 'Service', quantity: 1, unitAmount: amount }],
          ...extra,
        },
      }),
    );
  const finalize = (id: string) =>
    must(http(scene.baseUrl, 'POST', `/v1/invoices/${id}/finalize`, { token: shop.admin, key: key('fin') }));
  const invoice = (id: string) =>
    must(http(scene.baseUrl, 'GET', `/v1/invoices/${id}`, { token: shop.admin }));
  const ledgerOf = (invoiceId: string, paymentId: string) =>
    scene.api.db.store.db
      .selectFrom('ledger_entries')
      .select(['type', 'amount', 'reference'])
      .where((eb) => eb.or([eb('related_id', '=', invoiceId), eb('related_id', '=', paymentId)]))
      .orderBy('wallet_version')
      .execute();

  it('auto-pay: the wallet first, then the rest charged to the saved card off-session (Stripe)', async () => {
    const clock = sceneClock();
    const stripe: StripeEmulator = await startStripeEmulator({
      secretKey: 'sk_test_51InvoiceBackup',
      accountId: 'acct_1InvoiceBackup',
      webhook: { secret: 'whsec_inv' },
      now: clock.now,
    });
    closeEmulator = () => stripe.close();
    scene = await GatewayScene.start(dialect, { apiBaseUrls: { stripe: stripe.baseUrl } }, clock);
    shop = await openShop(scene.baseUrl, 'Backup Card', 'USD');
    await scene.offer(shop, 'stripe', {
      secretKey: 'sk_test_51InvoiceBackup',
      webhookSecret: 'whsec_inv',
      accountId: 'acct_1InvoiceBackup',
    });
    stripe.setWebhookUrl(scene.webhookUrl('stripe', shop.resellerId));
    const payer = await must(
      http(scene.baseUrl, 'POST', `/v1/customers/${shop.customerId}/payers`, {
        token: shop.admin,
        body: { name: 'Accounts payable' },
      }),
    );
    // A first top-up of 20.00 saves the card: the wallet holds 2 000.
    const first = await scene.topUp(shop, {
      amount: 2_000,
      provider: 'stripe',
      payerId: payer.id,
      saveMethod: true,
    });
    await stripe.pay((first.checkout.url as string).split('/').pop()!, { last4: '4242' });
    await scene.drain();
    expect(await scene.balance(shop)).toBe(2_000);

    const draft = await createInvoice(5_000, { autoPay: true });
    const paid = await finalize(draft.id);
    expect(paid).toMatchObject({ status: 'paid', amountPaid: 5_000, amountDue: 0, methodLastUsed: 'stripe' });
    expect(paid.payments).toMatchObject([
      { kind: 'wallet', amount: 2_000 },
      {
        kind: 'gateway',
        amount: 3_000,
        paymentId: expect.any(String),
        topUpTransactionId: expect.any(String),
      },
    ]);
    expect(await scene.balance(shop)).toBe(0);
    const chargeId = paid.payments[1].paymentId as string;
    expect(await scene.payment(shop, chargeId)).toMatchObject({
      status: 'paid',
      amount: 3_000,
      checkout: { kind: 'none' },
    });
    expect((await ledgerOf(draft.id, chargeId)).map((r) => [r.type, Number(r.amount), r.reference])).toEqual([
      ['payment', -2_000, paid.number],
      ['top_up', 3_000, chargeId],
      ['payment', -3_000, paid.number],
    ]);
    // Charged as a PaymentIntent of its own, exactly once.
    expect(
      stripe.requests.filter((r) => r.method === 'POST' && r.path === '/v1/payment_intents'),
    ).toHaveLength(1);
    await scene.drain();
    expect(await invoice(draft.id)).toMatchObject({ status: 'paid', amountPaid: 5_000 });
  });

  it('pay by crypto on the simulated chain: processing while unconfirmed, then paid exactly once', async () => {
    const chain: SimulatedChainServer = await startSimulatedChainServer();
    closeEmulator = () => chain.close();
    scene = await GatewayScene.start(dialect, { apiBaseUrls: { crypto: chain.url } });
    shop = await openShop(scene.baseUrl, 'Crypto Invoices', 'USD');
    await scene.offer(shop, 'crypto', {
      xpubs: PUBLISHED_ACCOUNT_KEYS,
      rates: { USD: { BTC: '50000', ETH: '2500' } },
      requiredConfirmations: { BTC: 2, ETH: 2 },
    });
    const open = await finalize((await createInvoice(10_000)).id);
    expect(open.status).toBe('open');
    const reply = await http(scene.baseUrl, 'POST', `/v1/invoices/${open.id}/payments`, {
      token: shop.admin,
      key: key('crypto'),
      body: { provider: 'crypto', asset: { asset: 'BTC', network: 'bitcoin' } },
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    const payment = reply.body;
    // The amount due, plus the method's 1% fee on top: 101.00 USD = 0.00202000 BTC.
    expect(payment).toMatchObject({ amount: 10_000, checkout: { kind: 'crypto_qr', amount: '0.00202000' } });
    expect(await invoice(open.id)).toMatchObject({ status: 'open', pendingPaymentId: payment.id });

    await sendCoins(chain.url, payment.checkout.address, payment.checkout.amount);
    await scene.runJob('gateway-events');
    expect(await scene.payment(shop, payment.id)).toMatchObject({ status: 'processing' });
    expect(await invoice(open.id)).toMatchObject({ status: 'open', amountDue: 10_000 });

    await mineBlocks(chain.url, 2);
    await scene.runJob('gateway-events');
    const paid = await invoice(open.id);
    expect(paid).toMatchObject({
      status: 'paid',
      amountDue: 0,
      amountPaid: 10_000,
      pendingPaymentId: null,
      methodLastUsed: 'crypto',
    });
    // More blocks and more job runs pay nothing more.
    await mineBlocks(chain.url, 3);
    await scene.runJob('gateway-events');
    expect((await ledgerOf(open.id, payment.id)).map((r) => [r.type, Number(r.amount)])).toEqual([
      ['top_up', 10_000],
      ['payment', -10_000],
    ]);
    expect(await scene.balance(shop)).toBe(0);
    expect(await invoice(open.id)).toEqual(paid);
  });
});
