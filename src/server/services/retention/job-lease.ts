import type { Store } from '../../db/database.js';

/**
 * A named lease in the database: whoever holds it runs the job, in whichever API process, and no
 * one else until it is released or runs out (its holder crashed). Taking it is one conditional
 * UPDATE: on PostgreSQL a concurrent taker waits on the row and then finds it taken; SQLite has one
 * writer at a time.
 */
export async function takeLease(
  store: Store,
  lease: { name: string; holder: string; now: Date; ms: number },
): Promise<boolean> {
  const iso = lease.now.toISOString();
  const until = new Date(lease.now.getTime() + lease.ms).toISOString();
  return store.write(async (trx) => {
    await trx
      .insertInto('job_leases')
      .values({ name: lease.name, holder: null, lease_until: null })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
    const taken = await trx
      .updateTable('job_leases')
      .set({ holder: lease.holder, lease_until: until })
      .where('name', '=', lease.name)
      .where((eb) =>
        eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', iso), eb('holder', '=', lease.holder)]),
      )
      .executeTakeFirst();
    return Number(taken.numUpdatedRows) > 0;
  });
}

/** Extends a lease this holder has; false when it no longer has it (it ran out and was taken). */
export async function renewLease(
  store: Store,
  lease: { name: string; holder: string; now: Date; ms: number },
): Promise<boolean> {
  const until = new Date(lease.now.getTime() + lease.ms).toISOString();
  const renewed = await store.write((trx) =>
    trx
      .updateTable('job_leases')
      .set({ lease_until: until })
      .where('name', '=', lease.name)
      .where('holder', '=', lease.holder)
      .executeTakeFirst(),
  );
  return Number(renewed.numUpdatedRows) > 0;
}

export async function releaseLease(store: Store, lease: { name: string; holder: string }): Promise<void> {
  await store.write((trx) =>
    trx
      .updateTable('job_leases')
      .set({ holder: null, lease_until: null })
      .where('name', '=', lease.name)
      .where('holder', '=', lease.holder)
      .execute(),
  );
}
