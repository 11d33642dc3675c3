import type { Kysely } from 'kysely';
import type { Principal } from '../../shared/api/auth.js';
import type { Database } from '../db/schema.js';
import { hashSecret, sameSecret } from './secrets.js';

/**
 * How long a resolved credential is trusted before it is looked up again. Revoking in this process
 * takes effect at once (forget()); in another API process within this many milliseconds.
 */
const CACHE_MS = 2000;

export class Authenticator {
  private readonly cache = new Map<string, { principal: Principal; until: number }>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly operatorToken: string | undefined,
    private readonly now: () => Date,
  ) {}

  async resolve(authorization: string | undefined): Promise<Principal | null> {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    const secret = match?.[1];
    if (!secret) return null;
    if (this.operatorToken && sameSecret(secret, this.operatorToken)) {
      return { userId: null, apiKeyId: null, role: 'operator', resellerId: null };
    }
    const hash = hashSecret(secret);
    const cached = this.cache.get(hash);
    const nowMs = this.now().getTime();
    if (cached && cached.until > nowMs) return cached.principal;
    const principal = secret.startsWith('rk_') ? await this.fromApiKey(hash) : await this.fromSession(hash);
    if (principal) {
      if (this.cache.size > 10_000) this.cache.clear();
      this.cache.set(hash, { principal, until: nowMs + CACHE_MS });
    } else {
      this.cache.delete(hash);
    }
    return principal;
  }

  /** Drops cached credentials so that a revocation takes effect in this process immediately. */
  forget(): void {
    this.cache.clear();
  }

  private async fromApiKey(hash: string): Promise<Principal | null> {
    const key = await this.db
      .selectFrom('api_keys')
      .select(['id', 'reseller_id', 'role', 'customer_id'])
      .where('key_hash', '=', hash)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (!key) return null;
    return {
      userId: null,
      apiKeyId: key.id,
      role: key.role,
      resellerId: key.reseller_id,
      ...(key.customer_id ? { customerId: key.customer_id } : {}),
    };
  }

  private async fromSession(hash: string): Promise<Principal | null> {
    const row = await this.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select(['users.id as user_id', 'users.role', 'users.customer_id', 'sessions.reseller_id'])
      .where('sessions.token_hash', '=', hash)
      .where('sessions.revoked_at', 'is', null)
      .where('sessions.expires_at', '>', this.now().toISOString())
      .executeTakeFirst();
    if (!row) return null;
    return {
      userId: row.user_id,
      apiKeyId: null,
      role: row.role,
      resellerId: row.reseller_id,
      ...(row.customer_id ? { customerId: row.customer_id } : {}),
    };
  }
}
