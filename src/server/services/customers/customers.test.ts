import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DIALECTS } from '../../../../test/support/databases.js';
import { serviceWorld, type ServiceWorld } from '../../../../test/support/services.js';
import { unwrap } from '../result.js';
import { createCustomer } from './create.js';
import { listCustomers } from './list.js';
import { updateCustomer } from './update.js';

describe.each(DIALECTS)('customers (%s)', (dialect) => {
  let w: ServiceWorld;
  beforeAll(async () => {
    w = await serviceWorld(dialect);
  });
  afterAll(() => w.db.drop());

  const create = (name: string, externalRef?: string) =>
    w.call((trx) => createCustomer(trx, w.scope, { name, email: `${name}@example.com`, externalRef }, w.now));

  test('createCustomer: conflict on a taken externalRef; nothing written', async () => {
    expect(await create('ana', 'REF-1')).toMatchObject({
      ok: true,
      value: { name: 'ana', externalRef: 'REF-1' },
    });
    await w.refuses(() => create('bao', 'REF-1'), { code: 'conflict', field: 'externalRef' });
  });

  test('updateCustomer: not_found on id, conflict on a taken externalRef; nothing written', async () => {
    const taken = unwrap(await create('chi', 'REF-2'));
    const other = unwrap(await create('dan', 'REF-3'));
    await w.refuses(
      () => w.call((trx) => updateCustomer(trx, w.scope, { id: 'cus_missing', name: 'x' }, w.now)),
      {
        code: 'not_found',
        field: 'id',
      },
    );
    await w.refuses(
      () =>
        w.call((trx) =>
          updateCustomer(trx, w.scope, { id: other.id, externalRef: taken.externalRef }, w.now),
        ),
      { code: 'conflict', field: 'externalRef' },
    );
    expect(
      await w.call((trx) =>
        updateCustomer(trx, w.scope, { id: other.id, name: 'Dan', externalRef: null }, w.now),
      ),
    ).toMatchObject({ ok: true, value: { name: 'Dan', externalRef: null } });
    const found = await listCustomers(w.db.store.db, w.scope, { query: 'dan', limit: 10 });
    expect(found.items.map((c) => c.id)).toEqual([other.id]);
  });
});
