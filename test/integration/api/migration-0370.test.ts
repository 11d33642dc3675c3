import { afterEach, describe, expect, it } from 'vitest';
import { migrateUpTo } from '../../../src/server/db/migrate.js';
import { toCustomer } from '../../../src/server/wire/customer.js';
import { DIALECTS, freshDatabase, type TestDatabase } from '../../support/databases.js';

const NOW = '2030-01-01T00:00:00.000Z';

/**
 * 0370 gives users and customers the language their emails are written in: every one there before
 * has none (English, as every email was), and the database refuses a language it does not know.
 */
describe.each(DIALECTS)('migration 0370 on %s', (dialect) => {
  let db: TestDatabase;
  afterEach(() => db?.drop());

  it('earlier users and customers read as no language; only en and vi are stored', async () => {
    db = await freshDatabase(dialect, { upTo: '0360-ledger-wording' });
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
      .insertInto('users')
      .values({
        id: 'usr_1',
        reseller_id: 'rsl_1',
        email: 'ann-login@example.com',
        password_hash: 'x',
        role: 'customer',
        customer_id: 'cus_1',
        created_at: NOW,
      })
      .execute();

    await migrateUpTo(db.store, '0370-recipient-languages');

    const customer = await d.selectFrom('customers').selectAll().executeTakeFirstOrThrow();
    expect(customer).toMatchObject({ language: null, language_set_by: null });
    expect(toCustomer(customer)).toMatchObject({ language: null, languageSetBy: null });
    expect(await d.selectFrom('users').select('language').execute()).toEqual([{ language: null }]);

    await d.updateTable('users').set({ language: 'vi' }).execute();
    await d.updateTable('customers').set({ language: 'vi', language_set_by: 'user' }).execute();
    expect(toCustomer(await d.selectFrom('customers').selectAll().executeTakeFirstOrThrow())).toMatchObject({
      language: 'vi',
      languageSetBy: 'user',
    });
    await expect(
      d
        .updateTable('users')
        .set({ language: 'fr' as 'vi' })
        .execute(),
    ).rejects.toThrow(/check/i);
    await expect(
      d
        .updateTable('customers')
        .set({ language_set_by: 'someone' as 'user' })
        .execute(),
    ).rejects.toThrow(/check/i);
  });
});
