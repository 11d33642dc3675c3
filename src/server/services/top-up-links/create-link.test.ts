import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/databases.js';
import {
  expectRefusedUnwritten,
  SANDBOX_ONLY,
  serviceWorld,
} from '../../../../test/support/service-world.js';
import { createTopUpLink, type CreateTopUpLink } from './create-link.js';

describe.each(DIALECTS)('createTopUpLink on %s', (dialect) => {
  const world = serviceWorld(dialect);
  const later = '2027-01-01T00:00:00.000Z';

  it('creates an active link with an unguessable token; each declared refusal writes nothing', async () => {
    const { store, admin, a, b, now } = world();
    const input: CreateTopUpLink = {
      customerId: a.customerId,
      walletId: a.walletId,
      amount: 5_000,
      expiresAt: later,
      registry: SANDBOX_ONLY,
    };
    const created = await store.write((trx) => createTopUpLink(trx, admin, input, now));
    expect(created).toMatchObject({ ok: true, value: { status: 'active', amount: 5_000, currency: 'USD' } });
    expect(created.ok && created.value.token.length).toBeGreaterThanOrEqual(43);

    const refused = (patch: Partial<CreateTopUpLink>, code: string, field: string) =>
      expectRefusedUnwritten(
        store,
        (trx) => createTopUpLink(trx, admin, { ...input, ...patch }, now),
        code as never,
        field,
      );
    await refused({ expiresAt: now }, 'validation', 'expiresAt');
    await refused({ customerId: b.customerId }, 'not_found', 'id');
    // A wallet of the reseller, but of another customer: not one this customer's link pays into.
    await refused({ walletId: a.otherWalletId }, 'not_found', 'walletId');
    await refused({ amount: 1 }, 'top_up_limit', 'amount');
  });
});
