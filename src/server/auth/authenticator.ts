import { timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Principal } from '../../shared/api/auth.js';
import type { Database } from '../db/schema.js';
import { hashSecret } from './secrets.js';

/**
 * How long a resolved credential is trusted before it is looked up again. Revoking in this process
 * takes effect at once (forget()); in another API process within this many milliseconds.
 */
const CACHE_MS = 2000;

export class Authenticator {
  private readonly cache = new Map<string, { principal: Principal; until: number }>();
  /** Look-ups in flight: requests carrying the same credential meanwhile wait for the same one. */
  private readonly pending = new Map<string, Promise<Principal | null>>();
  /** Bumped by forget(): a look-up that began before a revocation must not put it back in the cache. */
  private generation = 0;
  /** The operator token's hash, computed once rather than on every request. */
  private readonly operatorHash: Buffer | null;

  constructor(
    private readonly db: Kysely<Database>,
    operatorToken: string | undefined,
    private readonly now: () => Date,
  ) {
    this.operatorHash = operatorToken ? Buffer.from(hashSecret(operatorToken)) : null;
  }

  async resolve(authorization: string | undefined): Promise<Principal | null> {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    const secret = match?.[1];
    if (!secret) return null;
    const hash = hashSecret(secret);
    // Equal-length hex digests, compared in constant time.
    if (this.operatorHash && timingSafeEqual(Buffer.from(hash), this.operatorHash)) {
      return { userId: null, apiKeyId: null, role: 'operator', resellerId: null };
    }
    const cached = this.cache.get(hash);
    if (cached && cached.until > this.now().getTime()) return cached.principal;
    let lookup = this.pending.get(hash);
    if (!lookup) {
      lookup = this.lookUp(secret, hash);
      this.pending.set(hash, lookup);
    }
    return lookup;
  }

  private async lookUp(secret: string, hash: string): Promise<Principal | null> {
    const generation = this.generation;
    try {
      const principal = secret.startsWith('rk_') ? await this.fromApiKey(hash) : await this.fromSession(hash);
      if (generation === this.generation) {
        if (principal) {
          if (this.cache.size > 10_000) this.cache.clear();
          this.cache.set(hash, { principal, until: this.now().getTime() + CACHE_MS });
        } else {
          this.cache.delete(hash);
        }
      }
      return principal;
    } finally {
      if (generation === this.generation) this.pending.delete(hash);
    }
  }

  /** Drops cached credentials so that a revocation takes effect in this process immediately. */
  forget(): void {
    this.generation++;
    this.cache.clear();
    this.pending.clear();
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
      .where('users.disabled_at', 'is', null)
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
