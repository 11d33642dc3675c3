import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PAYMENT_JOBS } from '../../../src/server/jobs/payment-jobs.js';
import { DEFAULT_EXPIRY_MS } from '../../../src/server/services/payments/create-top-up.js';
import { key } from '../../support/api.js';
import { DIALECTS } from '../../support/databases.js';
import { must } from '../../support/gateway-flow.js';
import { http } from '../../support/http.js';
import { startSmtpSink } from '../../support/smtp-sink.js';
import {
  openStripeShop,
  saveStripeCard,
  stopWithChargeOut,
  type StripeShop,
} from '../../support/stripe-shop.js';
import { startReceiver, verifyWithReference } from '../../support/webhook-receiver.js';

const HOUR = 60 * 60_000;

/**
 * An auto top-up's charge whose provider cannot be asked about it (Stripe's lookups down) waits,
 * asked less and less often. Once it has waited an hour the reseller is told, once: one email to
 * its admins (a real SMTP server on 127.0.0.1) and one `wallet.auto_top_up_unconfirmed` event (a
 * real receiver, signed), not one per lookup. Amounts are minor units of USD.
 */
describe.each(DIALECTS)('an auto top-up charge waiting on its provider, told on %s', (dialect) => {
  let s: StripeShop;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let hooks: Awaited<ReturnType<typeof startReceiver>>;
  let secret: string;

  beforeEach(async () => {
    smtp = await startSmtpSink();
    hooks = await startReceiver();
    s = await openStripeShop(
      dialect,
      'Waiting Charge',
      { secretKey: 'sk_test_51WaitingCharge', accountId: 'acct_1WaitingCharge', webhookSecret: 'whsec_wait' },
      'USD',
      {
        outbound: { allowPrivateNetworks: true },
        email: { smtpUrl: smtp.url, from: 'Billing <billing@waiting.example>' },
      },
    );
    secret = (
      await as('POST', '/v1/webhook-endpoints', {
        url: hooks.url,
        events: ['wallet.auto_top_up_unconfirmed'],
      })
    ).secret;
  });
  afterEach(async () => {
    await s.close();
    await smtp.close();
    await hooks.close();
  });

  const as = (method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) =>
    must(http(s.scene.baseUrl, method, url, { token: s.shop.admin, key: key(), ...(body ? { body } : {}) }));
  const app = () => s.scene.api.app;
  /** What reached the reseller so far: emails sent by the email job, events delivered and verified. */
  const told = async () => {
    await app().eventJobs.runOnce('emails');
    await app().eventJobs.runOnce('webhook-deliveries');
    return {
      mails: smtp.mails.filter((m) => m.subject.startsWith('Auto top-up charge waiting')),
      events: hooks.received.map((r) => verifyWithReference(secret, r) as { type: string; data: any }),
    };
  };

  it('one email and one event once it has waited an hour, none before, none on later lookups', async () => {
    const card = await saveStripeCard(s, { last4: '4242' });
    await as('PUT', `/v1/wallets/${s.shop.walletId}/auto-top-up`, {
      enabled: true,
      threshold: 1_500,
      amount: 5_000,
      paymentMethodId: card.savedMethodId,
    });
    await as('POST', `/v1/wallets/${s.shop.walletId}/debits`, { amount: 1_000, description: 'usage' });
    // The charge reaches Stripe, its answer never comes back; by its expiry Stripe cannot be asked.
    const dead = stopWithChargeOut(s, true);
    const charging = app().autoTopUps.run();
    charging.catch(() => undefined);
    await dead.out;
    s.stripe.lookupsUp(false);
    s.scene.clock.advance(DEFAULT_EXPIRY_MS + 1_000);
    for (const job of Object.values(PAYMENT_JOBS)) await app().paymentJobs.runOnce(job);
    await app().autoTopUps.run();
    const autoTopUp = () => as('GET', `/v1/wallets/${s.shop.walletId}/auto-top-up`);
    const first = (await autoTopUp()).chargeUnconfirmed;
    expect(first).toMatchObject({ provider: 'stripe', asks: 1 });
    const since = Date.parse(first.since);

    // Asked again at each retry time: told nothing while it has waited less than an hour.
    const askAgain = async () => {
      const { chargeUnconfirmed } = await autoTopUp();
      s.scene.clock.advance(Date.parse(chargeUnconfirmed.retryAt) - s.scene.clock.now().getTime());
      await app().autoTopUps.run();
      return (await autoTopUp()).chargeUnconfirmed;
    };
    let waiting = first;
    while (Date.parse((await autoTopUp()).chargeUnconfirmed.retryAt) < since + HOUR) {
      waiting = await askAgain();
      expect(await told()).toEqual({ mails: [], events: [] });
    }
    expect(waiting.asks).toBeGreaterThan(1);
    // The lookup an hour or more after the first: the reseller is told, once.
    waiting = await askAgain();
    expect(s.scene.clock.now().getTime() - since).toBeGreaterThanOrEqual(HOUR);
    const { mails, events } = await told();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'wallet.auto_top_up_unconfirmed',
      data: {
        walletId: s.shop.walletId,
        provider: 'stripe',
        code: 'gateway_unavailable',
        asks: waiting.asks,
        since: first.since,
        amount: 5_000,
        currency: 'USD',
      },
    });
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe(`Auto top-up charge waiting on Stripe: wallet ${s.shop.walletId}`);
    expect(mails[0]!.to).toEqual([expect.stringMatching(/^admin-.*@example\.com$/)]);
    expect(mails[0]!.text).toContain(`The auto top-up charge of $50.00 for wallet ${s.shop.walletId}`);
    expect(mails[0]!.text).toContain(`(${waiting.asks} tries so far)`);
    expect(mails[0]!.html).toContain('$50.00');

    // Later lookups of the same charge, still unanswered: nothing more.
    await askAgain();
    await askAgain();
    expect(await told()).toEqual({ mails, events });

    dead.revive();
    await charging.catch(() => undefined);
  });
});
