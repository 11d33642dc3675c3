import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/databases.js';
import { expectRefusedUnwritten, serviceWorld } from '../../../../test/support/service-world.js';
import { hashSecret } from '../../auth/secrets.js';
import { unwrap } from '../result.js';
import { createApiKey, listApiKeys, revokeApiKey } from './api-keys.js';
import { createReseller } from './resellers.js';

describe.each(DIALECTS)('API key and reseller services on %s', (dialect) => {
  const world = serviceWorld(dialect);

  it('creates a key (only its hash kept) and revokes it; unknown ones are not_found', async () => {
    const { store, admin, a, b, now } = world();
    const { row, key } = await store.write(async (trx) =>
      unwrap(await createApiKey(trx, admin, { name: 'CI', role: 'customer', customerId: a.customerId }, now)),
    );
    expect(row).toMatchObject({ key_hash: hashSecret(key), prefix: key.slice(0, 8), revoked_at: null });
    expect((await listApiKeys(store.db, admin)).map((k) => k.id)).toContain(row.id);
    await expectRefusedUnwritten(
      store,
      (trx) => createApiKey(trx, admin, { name: 'X', role: 'customer', customerId: b.customerId }, now),
      'not_found',
      'customerId',
    );
    const revoked = await store.write((trx) => revokeApiKey(trx, admin, { id: row.id }, now));
    expect(revoked).toMatchObject({ ok: true, value: { revoked_at: now } });
    const theirs = await store.write(async (trx) =>
      unwrap(
        await createApiKey(
          trx,
          { resellerId: b.resellerId, canWrite: true },
          { name: 'B', role: 'support_agent' },
          now,
        ),
      ),
    );
    await expectRefusedUnwritten(
      store,
      (trx) => revokeApiKey(trx, admin, { id: theirs.row.id }, now),
      'not_found',
      'id',
    );
  });

  it('creates a reseller with its admin and key; a taken admin email is conflict on adminEmail', async () => {
    const { store, now } = world();
    const input = { name: 'Gamma', adminEmail: 'admin@gamma.example', adminPasswordHash: 'scrypt$1$1$1$a$b' };
    const created = await store.write((trx) => createReseller(trx, input, now));
    expect(created).toMatchObject({ ok: true, value: { reseller: { name: 'Gamma' } } });
    await expectRefusedUnwritten(store, (trx) => createReseller(trx, input, now), 'conflict', 'adminEmail');
  });
});
