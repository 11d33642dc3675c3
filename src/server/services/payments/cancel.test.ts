import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/databases.js';
import {
  enableSandbox,
  expectRefusedUnwritten,
  SANDBOX_ONLY,
  serviceWorld,
} from '../../../../test/support/service-world.js';
import { unwrap } from '../result.js';
import { cancelPayment } from './cancel.js';
import { createTopUp } from './create-top-up.js';

describe.each(DIALECTS)('cancelPayment on %s', (dialect) => {
  const world = serviceWorld(dialect);

  it('cancels a new payment once; a missing one is not_found, a paid one payment_not_open', async () => {
    const { store, admin, customer, a, now } = world();
    await enableSandbox(store, admin);
    const start = (key: string) =>
      store.write(async (trx) =>
        unwrap(
          await createTopUp(
            trx,
            admin,
            {
              walletId: a.walletId,
              body: { amount: 5_000, provider: 'sandbox' },
              idempotencyKey: key,
              gateways: {
                registry: SANDBOX_ONLY,
                cryptoGapPolicy: 'warn' as const,
                credentialProblem: async () => null,
              },
            },
            now,
          ),
        ),
      );
    const payment = await start('cancel-1');
    const cancelled = await store.write((trx) => cancelPayment(trx, customer, { id: payment.id }, now));
    expect(cancelled).toMatchObject({ ok: true, value: { status: 'cancelled' } });
    // Again: answered as it is.
    expect(await store.write((trx) => cancelPayment(trx, customer, { id: payment.id }, now))).toMatchObject({
      ok: true,
      value: { status: 'cancelled' },
    });

    await expectRefusedUnwritten(
      store,
      (trx) => cancelPayment(trx, admin, { id: 'pay_missing' }, now),
      'not_found',
      'id',
    );
    const paid = await start('cancel-2');
    await store.write((trx) =>
      trx.updateTable('payments').set({ status: 'paid' }).where('id', '=', paid.id).execute(),
    );
    await expectRefusedUnwritten(
      store,
      (trx) => cancelPayment(trx, admin, { id: paid.id }, now),
      'payment_not_open',
    );
  });
});
