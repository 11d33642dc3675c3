import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/databases.js';
import { expectRefusedUnwritten, NOW, serviceWorld } from '../../../../test/support/service-world.js';
import type { Store } from '../../db/database.js';
import { unwrap } from '../result.js';
import { createUser, type CreateUser } from './create.js';
import { resetPassword } from './password.js';
import { updateUser } from './update.js';

// A stand-in hash: these tests never sign in, and scrypt would only slow them down.
const HASH = 'scrypt$32768$8$1$c2FsdA$a2V5';

/** A support agent of a reseller (another one's, in these tests). */
const staffOf = (store: Store, resellerId: string, email: string) =>
  store.write(async (trx) =>
    unwrap(
      await createUser(
        trx,
        { resellerId, canWrite: true },
        { email, role: 'support_agent', passwordHash: HASH },
        NOW,
      ),
    ),
  );

describe.each(DIALECTS)('user services on %s', (dialect) => {
  const world = serviceWorld(dialect);

  it('creates logins; a taken email is conflict, an unknown customer not_found, nothing written', async () => {
    const { store, admin, a, b, now } = world();
    const agent: CreateUser = { email: 'agent@alpha.example', role: 'support_agent', passwordHash: HASH };
    expect(await store.write((trx) => createUser(trx, admin, agent, now))).toMatchObject({
      ok: true,
      value: { email: agent.email, role: 'support_agent', customer_id: null },
    });
    await expectRefusedUnwritten(store, (trx) => createUser(trx, admin, agent, now), 'conflict', 'email');
    await expectRefusedUnwritten(
      store,
      (trx) =>
        createUser(
          trx,
          admin,
          { email: 'c@alpha.example', role: 'customer', customerId: b.customerId, passwordHash: HASH },
          now,
        ),
      'not_found',
      'customerId',
    );
    const ok = await store.write((trx) =>
      createUser(
        trx,
        admin,
        { email: 'c@alpha.example', role: 'customer', customerId: a.customerId, passwordHash: HASH },
        now,
      ),
    );
    expect(ok).toMatchObject({ ok: true, value: { customer_id: a.customerId } });
  });

  it('updates a login; refuses not_found, validation and the last admin (conflict), nothing written', async () => {
    const { store, admin, b, now } = world();
    const make = (email: string, role: CreateUser['role']) =>
      store.write(async (trx) =>
        unwrap(await createUser(trx, admin, { email, role, passwordHash: HASH }, now)),
      );
    const boss = await make('boss@alpha.example', 'reseller_admin');
    const agent = await make('agent2@alpha.example', 'support_agent');
    const theirs = await staffOf(store, b.resellerId, 'x@beta.example');

    await expectRefusedUnwritten(
      store,
      (trx) => updateUser(trx, admin, { id: theirs.id, patch: { disabled: true } }, now),
      'not_found',
      'id',
    );
    await expectRefusedUnwritten(
      store,
      (trx) => updateUser(trx, admin, { id: agent.id, patch: { role: 'customer' } }, now),
      'validation',
      'customerId',
    );
    await expectRefusedUnwritten(
      store,
      (trx) => updateUser(trx, admin, { id: boss.id, patch: { disabled: true } }, now),
      'conflict',
      'disabled',
    );
    const promoted = await store.write((trx) =>
      updateUser(trx, admin, { id: agent.id, patch: { role: 'reseller_admin' } }, now),
    );
    expect(promoted).toMatchObject({ ok: true, value: { role: 'reseller_admin' } });
  });

  it("resets a password; another reseller's user is not_found, nothing written", async () => {
    const { store, admin, b, now } = world();
    const theirs = await staffOf(store, b.resellerId, 'y@beta.example');
    await expectRefusedUnwritten(
      store,
      (trx) => resetPassword(trx, admin, { id: theirs.id, passwordHash: HASH, callerUserId: null }, now),
      'not_found',
      'id',
    );
  });
});
