import { randomBytes } from 'node:crypto';
import type { CredentialProblem, PaymentProviderId } from '../../shared/api/payments.js';
import type { Currency } from '../../shared/money.js';
import type { Store, Trx } from '../db/database.js';
import type { GatewayRegistry } from '../gateways/registry.js';
import type { SandboxEnvironment } from '../gateways/sandbox/index.js';
import type { GatewayEnvironment, PaymentProvider } from '../gateways/provider.js';
import type { ChainEndpoints } from '../gateways/crypto/chain-sources/by-network.js';
import { cryptoCredentialsSchema } from '../gateways/crypto/credentials.js';
import { offeredRails, type OfferedRail } from '../gateways/crypto/offered-rails.js';
import type { RateSource } from '../gateways/crypto/provider.js';
import type { OutboundGuard } from '../outbound/guarded-fetch.js';
import { recordAudit } from '../services/audit/record.js';
import { Failure } from '../services/failure.js';
import type { Scope } from '../services/scope.js';
import { CREDENTIALS_KEY_SETTING } from './credentials-key.js';
import { claimExclusiveIds } from './exclusive-ids.js';
import { seal, unseal } from './sealing.js';
import { readStoredSettings } from './settings.js';
import { DEFAULT_CRYPTO_GAP_POLICY, type CryptoGapPolicy } from '../services/payments/address-gap.js';

/**
 * What a checkout needs to know of this server's gateways before any provider is asked: which are
 * offered, and the operator's crypto gap policy. Every path that opens a checkout (top-up, link,
 * invoice payment, auto top-up, renewal, invoice autopay) gets both from here, so none of them can
 * forget the policy.
 */
export interface OfferedGateways {
  readonly registry: GatewayRegistry;
  readonly cryptoGapPolicy: CryptoGapPolicy;
  /** Why this reseller's stored credentials for `provider` cannot open a checkout, if they cannot. */
  credentialProblem(
    trx: Trx,
    resellerId: string,
    provider: PaymentProviderId,
  ): Promise<CredentialProblem | null>;
}

export const LEGACY_ADDRESS_SECRET_MESSAGE =
  'these addresses were derived from a secret the server held; give an extended public key per network instead';

/**
 * Crypto credentials from before account keys (commit 282c3b0): an `addressSecret`, no `xpubs`.
 * Only the keys are looked at: the secret's value is never read, returned or logged.
 */
function problemOf(provider: PaymentProviderId, document: unknown): CredentialProblem | null {
  if (provider !== 'crypto' || typeof document !== 'object' || document === null) return null;
  if (!('addressSecret' in document) || 'xpubs' in document) return null;
  return { provider, problem: 'legacy_address_secret', message: LEGACY_ADDRESS_SECRET_MESSAGE };
}

/** SANDBOX_GATEWAY: whether resellers may turn the sandbox test gateway on, on this server. */
export type SandboxGatewayPolicy = 'allowed' | 'forbidden';

export interface ProviderFactoryOptions {
  store: Store;
  registry: GatewayRegistry;
  /** Null on PostgreSQL without CREDENTIALS_KEY: credentials can then not be stored. */
  credentialsKey: Buffer | null;
  clock: () => Date;
  publicBaseUrl: () => string;
  /** Per provider, a loopback emulator's base URL (GATEWAY_<ID>_API_BASE_URL). */
  apiBaseUrls: Partial<Record<PaymentProviderId, string>>;
  /** "forbidden": the sandbox is not offered here at all, whatever a reseller stored. */
  sandboxGateway: SandboxGatewayPolicy;
  /** Checks the URLs a reseller stores, and is how providers reach them. */
  outbound: OutboundGuard;
  /** The operator's live coin prices, when RATES_API_BASE_URL is set. */
  liveRates?: RateSource | undefined;
  /** The operator's chain APIs (CHAIN_*), for the crypto gateway. */
  chainEndpoints?: ChainEndpoints | undefined;
  /** CRYPTO_GAP_POLICY: a checkout past the reseller's address gap limit is refused or only warned of. */
  cryptoGapPolicy?: CryptoGapPolicy | undefined;
}

const notOffered = (provider: PaymentProviderId) =>
  provider === 'sandbox'
    ? 'the sandbox test gateway is forbidden on this server by its operator (SANDBOX_GATEWAY=forbidden)'
    : `this server does not offer ${provider}`;

export const sealContext = (resellerId: string, provider: string) =>
  `gateway-credentials:${resellerId}:${provider}`;

/**
 * Builds a reseller's provider from its stored (sealed) credentials. Credentials are opened only
 * here, handed to the provider and never returned, logged or put in the change feed.
 */
export class ProviderFactory implements OfferedGateways {
  private readonly offered: GatewayRegistry;

  constructor(private readonly o: ProviderFactoryOptions) {
    // A forbidden sandbox is simply not offered: no method is available, no provider is built.
    const { sandbox: _, ...withoutSandbox } = o.registry;
    this.offered = o.sandboxGateway === 'forbidden' ? withoutSandbox : o.registry;
  }

  /** The providers this server offers (without the sandbox when its operator forbids it). */
  get registry(): GatewayRegistry {
    return this.offered;
  }

  get cryptoGapPolicy(): CryptoGapPolicy {
    return this.o.cryptoGapPolicy ?? DEFAULT_CRYPTO_GAP_POLICY;
  }

  /** Whether the sandbox test gateway is offered here, for a reseller's admin to turn on. */
  get testModeAllowed(): boolean {
    return this.offered.sandbox !== undefined;
  }

  /**
   * Whether this reseller is in test mode now: the server offers the sandbox and the reseller's admin
   * turned it on. Only then is a sandbox checkout payable and a sandbox webhook accepted.
   */
  async sandboxOn(resellerId: string): Promise<boolean> {
    if (!this.testModeAllowed) return false;
    const stored = await readStoredSettings(this.o.store.db, resellerId);
    return stored.methods.some((m) => m.provider === 'sandbox' && m.enabled);
  }

  webhookUrl(provider: PaymentProviderId, resellerId: string): string {
    return `${this.o.publicBaseUrl()}/v1/webhooks/${provider}/${resellerId}`;
  }

  /** Validates with the provider's own schema and stores sealed; the caller learns only that it worked. */
  /** Seals and stores a reseller's credentials; a staff change (`by`) is recorded in the audit trail. */
  async storeCredentials(
    resellerId: string,
    provider: PaymentProviderId,
    input: unknown,
    now: string,
    by?: Scope,
  ) {
    const definition = this.offered[provider];
    if (!definition) throw new Failure('not_found', notOffered(provider), 'provider');
    const key = this.requireKey();
    const parsed = definition.credentialsSchema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      // An unknown key is reported on its object: name the key itself (e.g. credentials.rates.USD.DOGE).
      const unknownKey = issue?.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
      const path = [...(issue?.path ?? []), ...(unknownKey === undefined ? [] : [unknownKey])];
      const field = ['credentials', ...path.map(String)].join('.');
      // The message names the field and the rule, never the value (it may be half a secret).
      throw new Failure('validation', `${field}: ${issue?.message ?? 'is invalid'}`, field);
    }
    for (const [name, url] of Object.entries(definition.resellerUrls?.(parsed.data) ?? {})) {
      if (url === undefined) continue;
      const verdict = this.o.outbound.check(url);
      const field = `credentials.${name}`;
      if (!verdict.ok) throw new Failure('validation', `${field}: ${verdict.reason}`, field, verdict.refusal);
    }
    const unserved = definition.unservedFields?.(parsed.data, this.observingEnv(provider)) ?? {};
    for (const [name, reason] of Object.entries(unserved)) {
      const field = `credentials.${name}`;
      throw new Failure('validation', `${field}: ${reason}`, field);
    }
    const ciphertext = seal(key, JSON.stringify(parsed.data), sealContext(resellerId, provider));
    await this.o.store.write(async (trx) => {
      await trx
        .insertInto('gateway_credentials')
        .values({ reseller_id: resellerId, provider, ciphertext, created_at: now, updated_at: now })
        .onConflict((oc) =>
          oc.columns(['reseller_id', 'provider']).doUpdateSet({ ciphertext, updated_at: now }),
        )
        .execute();
      const exclusive = definition.exclusiveIds?.(parsed.data) ?? {};
      await claimExclusiveIds(trx, resellerId, provider, exclusive, now);
      // Which fields were stored, never their values: the audit trail is read by admins, not vaults.
      if (by) {
        await recordAudit(
          trx,
          by,
          {
            action: 'gateway_credentials.updated',
            entityType: 'gateway_credentials',
            entityId: provider,
            after: { provider, fields: Object.keys(parsed.data as object).sort() },
          },
          now,
        );
      }
    });
  }

  /** Stored credentials of this reseller that no checkout can use (GET /v1/payment-settings). */
  async credentialProblems(resellerId: string): Promise<CredentialProblem[]> {
    const problems: CredentialProblem[] = [];
    // Only crypto has had a credentials format the server no longer reads.
    if (this.offered.crypto) {
      const problem = problemOf('crypto', await this.credentialsOf(resellerId, 'crypto'));
      if (problem) problems.push(problem);
    }
    return problems;
  }

  /** Read in the checkout's transaction: on SQLite its one connection is held by that transaction. */
  async credentialProblem(
    trx: Trx,
    resellerId: string,
    provider: PaymentProviderId,
  ): Promise<CredentialProblem | null> {
    if (provider !== 'crypto') return null;
    return problemOf(provider, await this.credentialsOf(resellerId, provider, trx));
  }

  /**
   * The coins and networks this reseller's customers may pay `currency` in (offered-rails.ts says
   * which): none when this server does not offer crypto or the stored credentials cannot be read.
   * Only the rails leave here, never the credentials they were read from.
   */
  async cryptoRails(resellerId: string, currency: Currency): Promise<OfferedRail[]> {
    if (!this.offered.crypto) return [];
    const parsed = cryptoCredentialsSchema.safeParse(await this.credentialsOf(resellerId, 'crypto'));
    if (!parsed.success) return [];
    // A network nothing here observes (keys stored before that was refused, or CHAIN_* removed since)
    // is not offered: its checkout is refused too, so offered stays exactly what a checkout accepts.
    const unobserved = this.offered.crypto.unservedFields?.(parsed.data, this.observingEnv('crypto')) ?? {};
    return offeredRails(parsed.data, currency, { liveSource: this.o.liveRates !== undefined }).filter(
      (rail) => unobserved[`xpubs.${rail.network}`] === undefined,
    );
  }

  /** What a gateway's unservedFields needs to know of this server: its emulator URL and chain APIs. */
  private observingEnv(
    provider: PaymentProviderId,
  ): Pick<GatewayEnvironment, 'apiBaseUrl' | 'chainEndpoints'> {
    const apiBaseUrl = this.o.apiBaseUrls[provider];
    return {
      ...(apiBaseUrl ? { apiBaseUrl } : {}),
      ...(this.o.chainEndpoints ? { chainEndpoints: this.o.chainEndpoints } : {}),
    };
  }

  /**
   * The provider for this reseller, or null when it is not offered or has no credentials. With
   * `provision: false` (a question asked before anything is decided, such as checkoutRefusal's),
   * a sandbox never used yet stays unprovisioned: null, and nothing is written.
   */
  async providerFor(
    resellerId: string,
    provider: PaymentProviderId,
    options: { provision?: boolean } = {},
  ): Promise<PaymentProvider | null> {
    const definition = this.offered[provider];
    if (!definition) return null;
    // Test mode off (never turned on, turned off, or forbidden): no sandbox checkout is opened,
    // re-queried or paid, and its webhooks are refused.
    if (provider === 'sandbox' && !(await this.sandboxOn(resellerId))) return null;
    const credentials = await this.credentialsOf(resellerId, provider, this.o.store.db, options.provision);
    if (credentials === null) return null;
    const parsed = definition.credentialsSchema.safeParse(credentials);
    if (!parsed.success) return null;
    const apiBaseUrl = this.o.apiBaseUrls[provider];
    const env: GatewayEnvironment | SandboxEnvironment = {
      now: this.o.clock,
      webhookUrl: this.webhookUrl(provider, resellerId),
      publicBaseUrl: this.o.publicBaseUrl(),
      ...(apiBaseUrl ? { apiBaseUrl } : {}),
      resellerFetch: this.o.outbound.fetch,
      ...(this.o.liveRates ? { liveRates: this.o.liveRates } : {}),
      ...(provider === 'crypto' && this.o.chainEndpoints ? { chainEndpoints: this.o.chainEndpoints } : {}),
      ...(provider === 'sandbox' ? { sandbox: { store: this.o.store, resellerId } } : {}),
    };
    return definition.create(parsed.data, env);
  }

  /** The sandbox's webhook secret, provisioned on first use so the demo works with no setup. */
  async sandboxSecret(resellerId: string): Promise<string> {
    const credentials = await this.credentialsOf(resellerId, 'sandbox');
    return (credentials as { webhookSecret: string } | null)?.webhookSecret ?? '';
  }

  private async credentialsOf(
    resellerId: string,
    provider: PaymentProviderId,
    db: Store['db'] | Trx = this.o.store.db,
    provision = true,
  ): Promise<unknown> {
    let row = await db
      .selectFrom('gateway_credentials')
      .select('ciphertext')
      .where('reseller_id', '=', resellerId)
      .where('provider', '=', provider)
      .executeTakeFirst();
    if (!row && provision && provider === 'sandbox' && this.o.credentialsKey) {
      await this.provisionSandbox(resellerId);
      row = await this.o.store.db
        .selectFrom('gateway_credentials')
        .select('ciphertext')
        .where('reseller_id', '=', resellerId)
        .where('provider', '=', provider)
        .executeTakeFirst();
    }
    if (!row || !this.o.credentialsKey) return null;
    try {
      return JSON.parse(unseal(this.o.credentialsKey, row.ciphertext, sealContext(resellerId, provider)));
    } catch {
      // Sealed under another key (CREDENTIALS_KEY changed): as if not configured, until stored again.
      return null;
    }
  }

  private async provisionSandbox(resellerId: string): Promise<void> {
    const key = this.requireKey();
    const now = this.o.clock().toISOString();
    const secret = { webhookSecret: `sbwhsec_${randomBytes(24).toString('base64url')}` };
    const ciphertext = seal(key, JSON.stringify(secret), sealContext(resellerId, 'sandbox'));
    await this.o.store.write((trx) =>
      trx
        .insertInto('gateway_credentials')
        .values({
          reseller_id: resellerId,
          provider: 'sandbox',
          ciphertext,
          created_at: now,
          updated_at: now,
        })
        // Two first uses at once: the first secret stored wins, the other is dropped.
        .onConflict((oc) => oc.columns(['reseller_id', 'provider']).doNothing())
        .execute(),
    );
  }

  private requireKey(): Buffer {
    if (this.o.credentialsKey) return this.o.credentialsKey;
    throw new Failure(
      'credentials_key_missing',
      `gateway credentials cannot be stored: set ${CREDENTIALS_KEY_SETTING} (32 bytes, base64) on every API process`,
      CREDENTIALS_KEY_SETTING,
    );
  }
}
