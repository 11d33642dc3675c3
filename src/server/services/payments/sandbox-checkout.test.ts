import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/databases.js';
import { expectRefusedUnwritten, serviceWorld } from '../../../../test/support/service-world.js';
import type { SandboxCheckoutTable } from '../../db/schema.js';
import { paymentsId } from '../../lib/ids.js';
import { moveSandboxCheckout } from './sandbox-checkout.js';

describe.each(DIALECTS)('moveSandboxCheckout on %s', (dialect) => {
  const world = serviceWorld(dialect);

  it('moves a checkout once; a second press from the old status is conflict and changes nothing', async () => {
    const { store, a, now } = world();
    const id = paymentsId('sandboxCheckout');
    await store.write((trx) =>
      trx
        .insertInto('sandbox_checkouts')
        .values(sandboxCheckoutRow(id, a.resellerId, now))
        .execute(),
    );
    const paid = await store.write((trx) =>
      moveSandboxCheckout(trx, { id, from: 'pending', to: 'paid', cardLast4: '1111' }, now),
    );
    expect(paid).toMatchObject({ ok: true, value: { status: 'paid', card_last4: '1111' } });
    await expectRefusedUnwritten(
      store,
      (trx) => moveSandboxCheckout(trx, { id, from: 'pending', to: 'cancelled' }, now),
      'conflict',
      'id',
    );
  });
});

function sandboxCheckoutRow(id: string, resellerId: string, now: string): SandboxCheckoutTable {
  return {
    id,
    reseller_id: resellerId,
    reference: 'pay_x',
    amount: 5_000,
    currency: 'USD' as const,
    status: 'pending' as const,
    save_method: 0,
    card_last4: null,
    method_token: null,
    return_url: 'resellerconsole://payments/pay_x',
    idempotency_key: `key-${id}`,
    expires_at: '2027-01-01T00:00:00.000Z',
    created_at: now,
    updated_at: now,
  };
}
