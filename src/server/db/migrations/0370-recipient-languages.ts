import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/**
 * The language each email is written in (issue: emails in the recipient's language).
 * `users.language`: what the person chose in the console's language switch (the desktop tells the
 * server), for the staff notices they receive. `customers.language`: what a customer's mails are
 * written in — set by a reseller admin (`language_set_by = 'admin'`), or else taken from the
 * customer's own login when it switches (`'user'`). Null everywhere: English, as before.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('language', 'text', (c) => c.check(sql`language in ('en', 'vi')`))
    .execute();
  await db.schema
    .alterTable('customers')
    .addColumn('language', 'text', (c) => c.check(sql`language in ('en', 'vi')`))
    .execute();
  await db.schema
    .alterTable('customers')
    .addColumn('language_set_by', 'text', (c) => c.check(sql`language_set_by in ('admin', 'user')`))
    .execute();
}
