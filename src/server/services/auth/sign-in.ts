import type { Principal } from '../../../shared/api/auth.js';
import { newId } from '../../../shared/ids.js';
import { decoyPasswordHash, hashSecret, newSecret, verifyPassword } from '../../auth/secrets.js';
import type { Store } from '../../db/database.js';
import { Failure } from '../failure.js';
import { RateLimited, throttleKeys, type Throttle } from './throttle.js';

const SESSION_HOURS = 12;

export interface SignedIn {
  token: string;
  expiresAt: string;
  principal: Principal;
}

/**
 * Email and password for a session token, throttled per client address and per account before the
 * password is even looked at (see throttle.ts): a refused attempt says when to come back, whether the
 * password was right or not, and a right one clears the account's count.
 */
export async function signIn(
  deps: { store: Store; throttle: Throttle; now: () => Date },
  attempt: { email: string; password: string; address: string },
): Promise<SignedIn> {
  const { store, throttle } = deps;
  const { rules } = throttle;
  const address = await throttle.reserve(throttleKeys.signInAddress(attempt.address), rules.signInPerAddress);
  if (!address.ok) {
    throw new RateLimited('too many sign-in attempts from this address', address.retryAfterSeconds);
  }
  const accountKey = throttleKeys.account(attempt.email);
  const account = await throttle.reserve(accountKey, rules.signInPerAccount);
  if (!account.ok) {
    // Not checked, so not held against the address: only the account is locked for now.
    await throttle.refund(address.slot);
    throw new RateLimited('too many sign-in attempts for this account', account.retryAfterSeconds);
  }

  const user = await store.db
    .selectFrom('users')
    .selectAll()
    .where('email', '=', attempt.email)
    // A disabled login is refused exactly like a wrong password.
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  const valid = await verifyPassword(attempt.password, user?.password_hash ?? (await decoyPasswordHash));
  // A failure keeps both slots taken: they are what the limits count.
  if (!user || !valid) throw new Failure('unauthorized', 'wrong email or password');
  await throttle.clear(accountKey);
  await throttle.refund(address.slot);

  const token = newSecret('rs');
  const now = deps.now();
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3600_000).toISOString();
  await store.write((trx) =>
    trx
      .insertInto('sessions')
      .values({
        id: newId('session'),
        token_hash: hashSecret(token),
        user_id: user.id,
        reseller_id: user.reseller_id,
        expires_at: expiresAt,
        revoked_at: null,
        created_at: now.toISOString(),
      })
      .execute(),
  );
  return {
    token,
    expiresAt,
    principal: {
      userId: user.id,
      role: user.role,
      resellerId: user.reseller_id,
      ...(user.customer_id ? { customerId: user.customer_id } : {}),
    },
  };
}

/** Ends a session: from the moment this resolves, no API process accepts the token (no cache). */
export async function signOut(store: Store, token: string, now: string): Promise<void> {
  await store.write((trx) =>
    trx
      .updateTable('sessions')
      .set({ revoked_at: now })
      .where('token_hash', '=', hashSecret(token))
      .execute(),
  );
}
