import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/databases.js';
import {
  addWallet,
  enableSandbox,
  expectRefusedUnwritten,
  SANDBOX_ONLY,
  serviceWorld,
} from '../../../../test/support/service-world.js';
import { unwrap } from '../result.js';
import { createTopUpLink } from '../top-up-links/create-link.js';
import { createTopUp, type TopUpBody } from './create-top-up.js';

describe.each(DIALECTS)('createTopUp on %s', (dialect) => {
  const world = serviceWorld(dialect);
  const topUp = (walletId: string, body: TopUpBody) => ({
    walletId,
    body,
    idempotencyKey: `key-${Math.random()}`,
    gateways: {
      registry: SANDBOX_ONLY,
      cryptoGapPolicy: 'warn' as const,
      credentialProblem: async () => null,
    },
  });

  it('creates a new sandbox payment; every refusal it declares writes nothing', async () => {
    const { store, admin, customer, a, b, now } = world();
    await enableSandbox(store, admin);
    const body: TopUpBody = { amount: 5_000, provider: 'sandbox' };

    const created = await store.write((trx) => createTopUp(trx, customer, topUp(a.walletId, body), now));
    expect(created).toMatchObject({ ok: true, value: { status: 'new', amount: 5_000, currency: 'USD' } });

    const refused = (scope: typeof admin, input: ReturnType<typeof topUp>, code: string, field?: string) =>
      expectRefusedUnwritten(store, (trx) => createTopUp(trx, scope, input, now), code as never, field);
    await refused(admin, topUp(b.walletId, body), 'not_found', 'id');
    await refused(customer, topUp(a.otherWalletId, body), 'not_found', 'id');
    const closed = await store.write((trx) => addWallet(trx, a.resellerId, a.customerId, 'EUR', 'closed'));
    await refused(admin, topUp(closed, body), 'wallet_closed');
    await refused(
      admin,
      topUp(a.walletId, { ...body, provider: 'stripe' }),
      'method_unavailable',
      'provider',
    );
    await refused(admin, topUp(a.walletId, { ...body, amount: 1 }), 'top_up_limit', 'amount');
    await refused(admin, topUp(a.walletId, { ...body, payerId: 'pyr_missing' }), 'not_found', 'payerId');
    await refused(admin, topUp(a.walletId, { ...body, saveMethod: true }), 'validation', 'payerId');
    await refused(
      admin,
      topUp(a.walletId, { ...body, savedMethodId: 'pmt_missing' }),
      'not_found',
      'savedMethodId',
    );
  });

  it('refuses a used top-up link as conflict and a fixed-amount mismatch as validation', async () => {
    const { store, admin, a, now } = world();
    await enableSandbox(store, admin);
    const link = await store.write(async (trx) =>
      unwrap(
        await createTopUpLink(
          trx,
          admin,
          {
            customerId: a.customerId,
            walletId: a.walletId,
            amount: 5_000,
            expiresAt: '2027-01-01T00:00:00.000Z',
            registry: SANDBOX_ONLY,
          },
          now,
        ),
      ),
    );
    const body: TopUpBody = { amount: 5_000, provider: 'sandbox', topUpLinkToken: link.token };
    await expectRefusedUnwritten(
      store,
      (trx) => createTopUp(trx, admin, topUp(a.walletId, { ...body, amount: 6_000 }), now),
      'validation',
      'amount',
    );
    await store.write((trx) =>
      trx.updateTable('top_up_links').set({ status: 'used' }).where('id', '=', link.id).execute(),
    );
    await expectRefusedUnwritten(
      store,
      (trx) => createTopUp(trx, admin, topUp(a.walletId, body), now),
      'conflict',
      'topUpLinkToken',
    );
  });
});
