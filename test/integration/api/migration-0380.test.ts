import { afterEach, describe, expect, it } from 'vitest';
import { migrateUpTo } from '../../../src/server/db/migrate.js';
import { toTopUpLink } from '../../../src/server/wire/top-up-link.js';
import { DIALECTS, freshDatabase, type TestDatabase } from '../../support/databases.js';

const NOW = '2030-01-01T00:00:00.000Z';

/** 0380 lets a link be revoked: every link there before reads as never revoked, and keeps its status. */
describe.each(DIALECTS)('migration 0380 on %s', (dialect) => {
  let db: TestDatabase;
  afterEach(() => db?.drop());

  it('earlier links are not revoked; a revoked link keeps when it was', async () => {
    db = await freshDatabase(dialect, { upTo: '0370-recipient-languages' });
    const d = db.store.db;
    await d.insertInto('resellers').values({ id: 'rsl_1', name: 'Acme', created_at: NOW }).execute();
    await d
      .insertInto('customers')
      .values({
        id: 'cus_1',
        reseller_id: 'rsl_1',
        name: 'Ann',
        email: 'ann@example.com',
        external_ref: null,
        search_text: 'ann',
        created_at: NOW,
        updated_at: NOW,
      })
      .execute();
    await d
      .insertInto('wallets')
      .values({
        id: 'wal_1',
        reseller_id: 'rsl_1',
        customer_id: 'cus_1',
        currency: 'USD',
        balance: 0,
        pending_charges: 0,
        status: 'active',
        version: 0,
        created_at: NOW,
        updated_at: NOW,
      } as never)
      .execute();
    const link = {
      id: 'tul_1',
      reseller_id: 'rsl_1',
      customer_id: 'cus_1',
      wallet_id: 'wal_1',
      amount: 5_000,
      currency: 'USD' as const,
      token: 'token-1',
      status: 'active' as const,
      payment_id: null,
      expires_at: '2030-02-01T00:00:00.000Z',
      created_at: NOW,
      updated_at: NOW,
    };
    await d.insertInto('top_up_links').values(link).execute();

    await migrateUpTo(db.store, '0380-top-up-link-revocation');

    const before = await d.selectFrom('top_up_links').selectAll().executeTakeFirstOrThrow();
    expect(before).toMatchObject({ status: 'active', revoked_at: null });
    expect(toTopUpLink(before, 'https://pay.example/pay/token-1', NOW)).toMatchObject({
      status: 'active',
      revokedAt: null,
    });

    await d
      .updateTable('top_up_links')
      .set({ status: 'revoked', revoked_at: '2030-01-02T00:00:00.000Z' })
      .execute();
    const revoked = await d.selectFrom('top_up_links').selectAll().executeTakeFirstOrThrow();
    expect(toTopUpLink(revoked, 'https://pay.example/pay/token-1', NOW)).toMatchObject({
      status: 'revoked',
      revokedAt: '2030-01-02T00:00:00.000Z',
    });
  });
});
