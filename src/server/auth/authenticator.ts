import { timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Principal } from '../../shared/api/auth.js';
import type { Database } from '../db/schema.js';
import { hashSecret } from './secrets.js';
import { TurnBatch } from './turn-batch.js';

/**
 * What the Authorization header of a request turned out to be:
 * - `none`: no Bearer credential at all;
 * - `key`: a live API key or session (256 random bits: cannot be guessed, so it is not throttled);
 * - `operator`: the operator token, which a person chose and which may therefore be guessed;
 * - `unknown`: a Bearer credential that is none of those (a guess, or a revoked or expired one).
 */
export type Credential =
  | { kind: 'none' }
  | { kind: 'key'; principal: Principal }
  | { kind: 'operator'; principal: Principal }
  | { kind: 'unknown' };

const OPERATOR: Principal = { userId: null, apiKeyId: null, role: 'operator', resellerId: null };

/**
 * Resolves credentials with an indexed look-up and no cache: a revocation or sign-out committed by
 * any API process holds for every request that arrives after it was answered, on every process (a
 * cache, even of two seconds, let a revoked key keep paying on another process). API keys asked for
 * in the same event-loop turn share one look-up (auth/turn-batch.ts), which runs after they all
 * arrived, so it is no older than any of them.
 */
export class Authenticator {
  /** The operator token's hash, computed once rather than on every request. */
  private readonly operatorHash: Buffer | null;
  private readonly apiKeys: TurnBatch<Principal>;

  constructor(
    private readonly db: Kysely<Database>,
    operatorToken: string | undefined,
    private readonly now: () => Date,
  ) {
    this.operatorHash = operatorToken ? Buffer.from(hashSecret(operatorToken)) : null;
    this.apiKeys = new TurnBatch((hashes) => this.apiKeysByHash(hashes));
  }

  async resolve(authorization: string | undefined): Promise<Credential> {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    const secret = match?.[1];
    if (!secret) return { kind: 'none' };
    const hash = hashSecret(secret);
    // Equal-length hex digests, compared in constant time.
    if (this.operatorHash && timingSafeEqual(Buffer.from(hash), this.operatorHash)) {
      return { kind: 'operator', principal: OPERATOR };
    }
    const principal = secret.startsWith('rk_')
      ? await this.fromApiKey(hash)
      : secret.startsWith('rs_')
        ? await this.fromSession(hash)
        : null;
    return principal ? { kind: 'key', principal } : { kind: 'unknown' };
  }

  private async fromApiKey(hash: string): Promise<Principal | null> {
    const principal = await this.apiKeys.get(hash);
    // Its own copy: requests of one turn share the look-up, not the object.
    return principal ? { ...principal } : null;
  }

  /** Live keys by hash: one look-up by the unique index on key_hash for the whole turn's keys. */
  private async apiKeysByHash(hashes: string[]): Promise<Map<string, Principal>> {
    const keys = await this.db
      .selectFrom('api_keys')
      .select(['id', 'reseller_id', 'role', 'customer_id', 'key_hash'])
      // One key (the usual case) keeps the statement's text, and so its prepared plan, constant.
      .$if(hashes.length === 1, (q) => q.where('key_hash', '=', hashes[0]!))
      .$if(hashes.length > 1, (q) => q.where('key_hash', 'in', hashes))
      .where('revoked_at', 'is', null)
      .execute();
    return new Map(
      keys.map((key) => [
        key.key_hash,
        {
          userId: null,
          apiKeyId: key.id,
          role: key.role,
          resellerId: key.reseller_id,
          ...(key.customer_id ? { customerId: key.customer_id } : {}),
        },
      ]),
    );
  }

  /** One look-up by the unique index on token_hash, joined to its user by primary key. */
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
