import type { Principal } from '../../../shared/api/auth.js';
import type { Language } from '../../../shared/api/language.js';
import type { Trx } from '../../db/database.js';
import { recordCustomer } from '../customers/common.js';
import { Failure } from '../failure.js';
import { attempt, type Result } from '../result.js';

/**
 * The signed-in user's own language, as the console's language switch sets it: the staff notices
 * they get are written in it. A customer's login also gives its customer that language (the
 * receipts and notices the customer gets), unless an admin chose the customer's language: that
 * choice stays. The console may send the same language again (it retries): nothing changes then.
 */
export function setOwnLanguage(
  trx: Trx,
  principal: Principal,
  language: Language,
  now: string,
): Promise<Result<{ language: Language }, 'forbidden' | 'not_found'>> {
  return attempt(['forbidden', 'not_found'], async () => {
    if (principal.userId === null || principal.resellerId === null)
      throw new Failure(
        'forbidden',
        'only a user signed in with email and password has a language of their own; an API key has none',
      );
    const user = await trx
      .updateTable('users')
      .set({ language })
      .where('id', '=', principal.userId)
      .where('reseller_id', '=', principal.resellerId)
      .returning(['role', 'customer_id'])
      .executeTakeFirst();
    if (!user) throw new Failure('not_found', 'user not found');
    if (user.role === 'customer' && user.customer_id !== null) {
      const customer = await trx
        .updateTable('customers')
        .set({ language, language_set_by: 'user', updated_at: now })
        .where('id', '=', user.customer_id)
        .where((eb) => eb.or([eb('language_set_by', 'is', null), eb('language_set_by', '!=', 'admin')]))
        .where((eb) => eb.or([eb('language', 'is', null), eb('language', '!=', language)]))
        .returningAll()
        .executeTakeFirst();
      if (customer) await recordCustomer(trx, customer, 'update', now);
    }
    return { language };
  });
}
