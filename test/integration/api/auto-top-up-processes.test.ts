import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, key } from '../../support/api.js';
import { DIALECTS } from '../../support/databases.js';
import { createTenant, ok, type Tenant } from '../../support/tenants.js';
import { startTwinApis, type TwinApis } from '../../support/twin-apis.js';
import { pressSandboxButton } from '../../support/payments.js';

/**
 * Two API instances on one database, each with its own connections and its own auto top-up job
 * (as two processes behind a load balancer): whichever runs, and however often, one crossing is one
 * charge. Amounts are minor units of USD.
 */
describe.each(DIALECTS)('auto top-up across two API processes on %s', (dialect) => {
  let twins: TwinApis;
  let t: Tenant;
  let methodId: string;

  beforeEach(async () => {
    // One sealing key for both, as an operator configures several processes; jobs run by hand.
    twins = await startTwinApis(dialect, { payments: { credentialsKey: randomBytes(32), jobs: false } });
    t = await createTenant(twins.a, 'Twinco');
    methodId = await savedCard();
  });
  afterEach(() => twins.close());

  /** A sandbox card saved by a top-up paid on the hosted page (A listens, for the sandbox's webhook). */
  async function savedCard(): Promise<string> {
    await twins.a.listen({ port: 0, host: '127.0.0.1' });
    const payer = await ok(
      call(twins.a, 'POST', `/v1/customers/${t.customerId}/payers`, { token: t.admin, body: { name: 'AP' } }),
    );
    const first = await ok(
      call(twins.a, 'POST', `/v1/wallets/${t.walletId}/top-ups`, {
        token: t.admin,
        key: key(),
        body: { amount: 1_000, provider: 'sandbox', payerId: payer.id, saveMethod: true },
      }),
    );
    await pressSandboxButton(first.checkout.url, 'pay');
    await twins.a.payments.settled();
    return first.savesMethodId as string;
  }

  it('both jobs running at once, again and again: one charge per crossing', async () => {
    const wallet = await ok(call(twins.a, 'GET', `/v1/wallets/${t.walletId}`, { token: t.admin }));
    await ok(
      call(twins.b, 'PUT', `/v1/wallets/${t.walletId}/auto-top-up`, {
        token: t.admin,
        body: { enabled: true, threshold: wallet.availableBalance, amount: 5_000, paymentMethodId: methodId },
      }),
    );
    // The crossing arrives through A and B at once.
    await Promise.all(
      [twins.a, twins.b, twins.a, twins.b].map((app) =>
        ok(
          call(app, 'POST', `/v1/wallets/${t.walletId}/debits`, {
            token: t.admin,
            key: key(),
            body: { amount: 100, description: 'usage' },
          }),
        ),
      ),
    );
    for (let round = 0; round < 3; round++) {
      await Promise.all([twins.a.autoTopUps.run(), twins.b.autoTopUps.run(), twins.b.autoTopUps.run()]);
    }
    const payments = await ok(
      call(twins.a, 'GET', `/v1/payments?walletId=${t.walletId}&limit=100`, { token: t.admin }),
    );
    const auto = payments.items.filter((p: any) => p.savedMethodId === methodId);
    expect(auto).toHaveLength(1);
    expect(auto[0]).toMatchObject({ status: 'paid', amount: 5_000 });
    const after = await ok(call(twins.b, 'GET', `/v1/wallets/${t.walletId}`, { token: t.admin }));
    expect(after.availableBalance).toBe(wallet.availableBalance - 400 + 5_000);
  });
});
