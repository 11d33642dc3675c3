import { createHash, createHmac, createPrivateKey, createPublicKey, sign, type KeyObject } from 'node:crypto';
import type { StatementKey } from '../../../shared/statements/statement.js';

/** PKCS#8 DER prefix of an Ed25519 private key: followed by its 32-byte seed. */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/**
 * The billing API's statement signing key (Ed25519). Its seed is STATEMENT_SIGNING_KEY when the
 * operator sets one, otherwise derived from the credentials key: every API process sharing that key
 * signs with the same statement key, and no second secret needs keeping.
 */
export class StatementSigner {
  private readonly privateKey: KeyObject;
  readonly key: StatementKey;

  constructor(seed: Buffer) {
    if (seed.length !== 32) throw new Error('a statement signing key is 32 bytes');
    this.privateKey = createPrivateKey({
      key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]),
      format: 'der',
      type: 'pkcs8',
    });
    // The SPKI DER of an Ed25519 key is a 12-byte prefix and the 32-byte raw key.
    const raw = createPublicKey(this.privateKey).export({ format: 'der', type: 'spki' }).subarray(12);
    this.key = {
      keyId: `ed25519-${createHash('sha256').update(raw).digest('hex').slice(0, 16)}`,
      publicKey: raw.toString('base64url'),
    };
  }

  static fromCredentialsKey(credentialsKey: Buffer): StatementSigner {
    return new StatementSigner(
      createHmac('sha256', credentialsKey).update('reseller-console statement signing v1').digest(),
    );
  }

  /** Ed25519 over the UTF-8 bytes of the final hash, base64url. */
  sign(finalHash: string): string {
    return sign(null, Buffer.from(finalHash, 'utf8'), this.privateKey).toString('base64url');
  }
}
