import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/databases.js';
import { expectRefusedUnwritten, serviceWorld } from '../../../../test/support/service-world.js';
import { createPayer } from './create.js';
import { listPayers } from './list.js';

describe.each(DIALECTS)('createPayer on %s', (dialect) => {
  const world = serviceWorld(dialect);

  it('adds the first payer as the default, a later one only when asked', async () => {
    const { store, admin, a, now } = world();
    const input = { customerId: a.otherCustomerId, name: 'Billing' };
    const first = await store.write((trx) => createPayer(trx, admin, input, now));
    expect(first).toMatchObject({ ok: true, value: { name: 'Billing', is_default: 1 } });
    // Each a moment after the one before: payers created in the same instant have no "oldest".
    const later = (ms: number) => new Date(Date.parse(now) + ms).toISOString();
    const second = await store.write((trx) => createPayer(trx, admin, { ...input, name: 'Ops' }, later(1)));
    expect(second).toMatchObject({ ok: true, value: { is_default: 0 } });
    const third = await store.write((trx) =>
      createPayer(trx, admin, { ...input, name: 'Main', isDefault: true }, later(2)),
    );
    expect(third).toMatchObject({ ok: true, value: { is_default: 1 } });
    const payers = await listPayers(store.db, admin, a.otherCustomerId);
    expect(payers.map((p) => [p.name, p.is_default])).toEqual([
      ['Main', 1],
      ['Billing', 0],
      ['Ops', 0],
    ]);
  });

  it("refuses another reseller's customer as not_found on id, and writes nothing", async () => {
    const { store, admin, b, now } = world();
    await expectRefusedUnwritten(
      store,
      (trx) => createPayer(trx, admin, { customerId: b.customerId, name: 'X' }, now),
      'not_found',
      'id',
    );
  });

  it("refuses a customer login another customer's payer as not_found on id", async () => {
    const { store, customer, a, now } = world();
    await expectRefusedUnwritten(
      store,
      (trx) => createPayer(trx, customer, { customerId: a.otherCustomerId, name: 'X' }, now),
      'not_found',
      'id',
    );
  });
});
