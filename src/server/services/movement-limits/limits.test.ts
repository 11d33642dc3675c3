import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/databases.js';
import { serviceWorld, snapshot } from '../../../../test/support/service-world.js';
import { enforceMovementLimit, movementLimits, setMovementLimits } from './limits.js';

describe.each(DIALECTS)('movement limits on %s', (dialect) => {
  const world = serviceWorld(dialect);

  it('sets a currency’s limits (the others keep the defaults) and refuses a movement above the maximum', async () => {
    const { store, admin, customer, a, b, now } = world();
    const set = await store.write((trx) =>
      setMovementLimits(
        trx,
        admin,
        { items: [{ currency: 'USD', confirmAbove: 5_000, maxPerMovement: 10_000 }] },
        now,
      ),
    );
    expect(set.ok && set.value.find((l) => l.currency === 'USD')).toEqual({
      currency: 'USD',
      confirmAbove: 5_000,
      maxPerMovement: 10_000,
      custom: true,
    });
    expect((await movementLimits(store.db, admin.resellerId)).find((l) => l.currency === 'EUR')?.custom).toBe(
      false,
    );

    const before = await snapshot(store);
    await expect(enforceMovementLimit(store.db, admin, a.walletId, 10_000)).resolves.toBeUndefined();
    await expect(enforceMovementLimit(store.db, admin, a.walletId, 10_001)).rejects.toMatchObject({
      code: 'movement_limit',
      field: 'amount',
    });
    await expect(enforceMovementLimit(store.db, admin, b.walletId, 1)).rejects.toMatchObject({
      code: 'not_found',
      field: 'id',
    });
    await expect(enforceMovementLimit(store.db, customer, a.walletId, 1)).rejects.toMatchObject({
      code: 'forbidden',
    });
    expect(await snapshot(store)).toBe(before);
  });
});
