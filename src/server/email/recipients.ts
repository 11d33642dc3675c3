import type { Language } from '../../shared/api/language.js';
import type { Trx } from '../db/database.js';
import type { UserTable } from '../db/schema.js';

/** An address and the language the email to it is written in. */
export interface Recipient {
  address: string;
  language: Language;
}

type Reader = Pick<Trx, 'selectFrom'>;

/**
 * The language a customer's emails are written in: the one its admin chose, else its login's
 * (services/users/language.ts), else English.
 */
export async function customerLanguage(trx: Reader, customerId: string): Promise<Language> {
  const row = await trx
    .selectFrom('customers')
    .select('language')
    .where('id', '=', customerId)
    .executeTakeFirst();
  return row?.language ?? 'en';
}

/** A reseller's active staff logins in `roles` (or the one `userId`), each in their own language. */
export async function staffRecipients(
  trx: Reader,
  resellerId: string,
  who: { roles: Array<UserTable['role']>; userId?: string | null },
): Promise<Recipient[]> {
  let q = trx
    .selectFrom('users')
    .select(['email', 'language'])
    .where('reseller_id', '=', resellerId)
    .where('role', 'in', who.roles)
    .where('disabled_at', 'is', null);
  if (who.userId) q = q.where('id', '=', who.userId);
  return (await q.execute()).map((u) => ({ address: u.email, language: u.language ?? 'en' }));
}

/**
 * Addresses a person typed (an alert's email channel): one that is a staff login's of the reseller
 * gets that login's language; any other the language `otherwise` (the customer's, whose wallet it is).
 */
export async function addressRecipients(
  trx: Reader,
  resellerId: string,
  addresses: string[],
  otherwise: Language,
): Promise<Recipient[]> {
  if (addresses.length === 0) return [];
  const staff = await trx
    .selectFrom('users')
    .select(['email', 'language'])
    .where('reseller_id', '=', resellerId)
    .where('role', 'in', ['reseller_admin', 'support_agent'])
    .where(
      'email',
      'in',
      addresses.map((a) => a.trim().toLowerCase()),
    )
    .execute();
  const own = new Map(staff.map((u) => [u.email, u.language ?? 'en']));
  return addresses.map((address) => ({
    address,
    language: own.get(address.trim().toLowerCase()) ?? otherwise,
  }));
}
