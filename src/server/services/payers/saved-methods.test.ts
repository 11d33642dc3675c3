import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/databases.js';
import { expectRefusedUnwritten, NOW, serviceWorld } from '../../../../test/support/service-world.js';
import type { Store } from '../../db/database.js';
import { paymentsId } from '../../lib/ids.js';
import { createPayer } from './create.js';
import { deleteSavedMethod, setDefaultSavedMethod } from './saved-methods.js';

/** A confirmed saved method of the customer, as a gateway leaves one after a saving payment. */
async function savedMethod(store: Store, resellerId: string, customerId: string): Promise<string> {
  const scope = { resellerId, canWrite: true };
  const id = paymentsId('savedMethod');
  await store.write(async (trx) => {
    const payer = await createPayer(trx, scope, { customerId, name: 'Billing' }, NOW);
    if (!payer.ok) throw payer.failure;
    await trx
      .insertInto('saved_methods')
      .values({
        id,
        reseller_id: resellerId,
        customer_id: customerId,
        payer_id: payer.value.id,
        provider: 'sandbox',
        label: 'Visa •••• 4242',
        status: 'confirmed',
        token: 'sbx_tok',
        payment_id: null,
        is_default: 0,
        deleted_at: null,
        checked_at: null,
        created_at: NOW,
        updated_at: NOW,
      })
      .execute();
  });
  return id;
}

describe.each(DIALECTS)('saved method services on %s', (dialect) => {
  const world = serviceWorld(dialect);

  it('sets a default, then deletes it (token dropped)', async () => {
    const { store, customer, a, now } = world();
    const id = await savedMethod(store, a.resellerId, a.customerId);
    const set = await store.write((trx) => setDefaultSavedMethod(trx, customer, { id }, now));
    expect(set).toMatchObject({ ok: true, value: { id, is_default: 1 } });
    expect(await store.write((trx) => deleteSavedMethod(trx, customer, { id }, now))).toEqual({
      ok: true,
      value: undefined,
    });
    const row = await store.db
      .selectFrom('saved_methods')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    expect(row).toMatchObject({ token: null, is_default: 0, deleted_at: now });
  });

  it("refuses another reseller's, another customer's and a deleted method as not_found on id", async () => {
    const { store, admin, customer, a, b, now } = world();
    const theirs = await savedMethod(store, b.resellerId, b.customerId);
    const otherCustomers = await savedMethod(store, a.resellerId, a.otherCustomerId);
    for (const service of [setDefaultSavedMethod, deleteSavedMethod]) {
      await expectRefusedUnwritten(
        store,
        (trx) => service(trx, admin, { id: theirs }, now),
        'not_found',
        'id',
      );
      await expectRefusedUnwritten(
        store,
        (trx) => service(trx, customer, { id: otherCustomers }, now),
        'not_found',
        'id',
      );
    }
    const gone = await savedMethod(store, a.resellerId, a.customerId);
    await store.write((trx) => deleteSavedMethod(trx, admin, { id: gone }, now));
    await expectRefusedUnwritten(
      store,
      (trx) => setDefaultSavedMethod(trx, admin, { id: gone }, now),
      'not_found',
      'id',
    );
  });
});
