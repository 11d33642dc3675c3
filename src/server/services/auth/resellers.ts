import type { Language } from '../../../shared/api/language.js';
import { newId } from '../../../shared/ids.js';
import { hashSecret, newSecret } from '../../auth/secrets.js';
import type { Trx } from '../../db/database.js';
import type { ResellerTable } from '../../db/schema.js';
import type { Reader } from '../lookups.js';
import { attempt, type Result } from '../result.js';
import { ensureEmailFree } from '../users/common.js';

export interface CreateReseller {
  name: string;
  adminEmail: string;
  /** The first admin's password, hashed before the transaction (newPassword). */
  adminPasswordHash: string;
}

/**
 * The operator's write: a reseller, its first admin login and its first admin API key (answered
 * once as `apiKey`; only its hash is kept). No scope: the operator stands above every reseller.
 */
export function createReseller(
  trx: Trx,
  input: CreateReseller,
  now: string,
): Promise<Result<{ reseller: ResellerTable; apiKey: string }, 'conflict'>> {
  return attempt(['conflict'], async () => {
    await ensureEmailFree(trx, input.adminEmail, 'adminEmail');
    const reseller: ResellerTable = { id: newId('reseller'), name: input.name, created_at: now };
    const apiKey = newSecret('rk');
    await trx.insertInto('resellers').values(reseller).execute();
    await trx
      .insertInto('users')
      .values({
        id: newId('user'),
        reseller_id: reseller.id,
        email: input.adminEmail,
        password_hash: input.adminPasswordHash,
        role: 'reseller_admin',
        customer_id: null,
        created_at: now,
      })
      .execute();
    await trx
      .insertInto('api_keys')
      .values({
        id: newId('apiKey'),
        reseller_id: reseller.id,
        name: 'Initial admin key',
        role: 'reseller_admin',
        customer_id: null,
        key_hash: hashSecret(apiKey),
        prefix: apiKey.slice(0, 8),
        created_at: now,
        revoked_at: null,
      })
      .execute();
    return { reseller, apiKey };
  });
}

/** Every reseller, oldest first (the operator's list). */
export function listResellers(db: Reader): Promise<ResellerTable[]> {
  return db.selectFrom('resellers').selectAll().orderBy('created_at').execute();
}

/** Who is signed in, as GET /v1/me answers it: the reseller, the login's email and language, when there are. */
export async function whoIs(
  db: Reader,
  principal: { resellerId: string | null; userId: string | null },
): Promise<{ reseller: ResellerTable | undefined; email: string | null; language: Language | null }> {
  const reseller = principal.resellerId
    ? await db.selectFrom('resellers').selectAll().where('id', '=', principal.resellerId).executeTakeFirst()
    : undefined;
  const user = principal.userId
    ? await db
        .selectFrom('users')
        .select(['email', 'language'])
        .where('id', '=', principal.userId)
        .executeTakeFirst()
    : undefined;
  return { reseller, email: user?.email ?? null, language: user?.language ?? null };
}

/** A reseller by id, if it exists (webhook URLs name one; they carry no credential to scope by). */
export function findReseller(db: Reader, id: string): Promise<ResellerTable | undefined> {
  return db.selectFrom('resellers').selectAll().where('id', '=', id).executeTakeFirst();
}
