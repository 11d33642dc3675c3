import {
  DEFAULT_CRYPTO_GAP_LIMIT,
  defaultTopUpLimits,
  paymentProviders,
  type MethodSetting,
  type PaymentProviderId,
  type PaymentSettings,
  type TopUpLimits,
} from '../../shared/api/payments.js';
import { DEFAULT_METHOD_WORDS } from '../../shared/api/payment-method-defaults.js';
import { formatMoney, type Currency } from '../../shared/money.js';
import type { Trx } from '../db/database.js';
import type { GatewayRegistry } from '../gateways/registry.js';
import { Failure } from '../services/failure.js';

type Reader = Pick<Trx, 'selectFrom'>;

/** What each method looks like before a reseller changes anything (its words: shared with the console). */
const DEFAULT_METHODS: Record<PaymentProviderId, Omit<MethodSetting, 'provider'>> = {
  // The sandbox is test mode (any card number "pays"): off until a reseller's admin turns it on.
  sandbox: { enabled: false, ...DEFAULT_METHOD_WORDS.sandbox, feeBasisPoints: 0 },
  stripe: { enabled: false, ...DEFAULT_METHOD_WORDS.stripe, feeBasisPoints: 290 },
  paypal: { enabled: false, ...DEFAULT_METHOD_WORDS.paypal, feeBasisPoints: 349 },
  crypto: { enabled: false, ...DEFAULT_METHOD_WORDS.crypto, feeBasisPoints: 100 },
  vietqr: { enabled: false, ...DEFAULT_METHOD_WORDS.vietqr, feeBasisPoints: 0 },
  cryptomus: { enabled: false, ...DEFAULT_METHOD_WORDS.cryptomus, feeBasisPoints: 200 },
  tazapay: { enabled: false, ...DEFAULT_METHOD_WORDS.tazapay, feeBasisPoints: 290 },
};

export interface StoredSettings {
  /** What the reseller chose (enabled = its intent, before credentials are considered). */
  methods: MethodSetting[];
  limits: TopUpLimits[];
  credentialsConfigured: PaymentProviderId[];
  /** Unused crypto addresses in a row the reseller's wallet scans (0330). */
  cryptoGapLimit: number;
}

export async function readStoredSettings(db: Reader, resellerId: string): Promise<StoredSettings> {
  const row = await db
    .selectFrom('payment_settings')
    .select(['methods', 'limits', 'crypto_gap_limit'])
    .where('reseller_id', '=', resellerId)
    .executeTakeFirst();
  const stored = new Map(
    (row ? (JSON.parse(row.methods) as MethodSetting[]) : []).map((m) => [m.provider, m] as const),
  );
  const configured = await db
    .selectFrom('gateway_credentials')
    .select('provider')
    .where('reseller_id', '=', resellerId)
    .execute();
  return {
    methods: paymentProviders.map(
      (provider) => stored.get(provider) ?? { provider, ...DEFAULT_METHODS[provider] },
    ),
    limits: row ? (JSON.parse(row.limits) as TopUpLimits[]) : [],
    credentialsConfigured: paymentProviders.filter((p) => configured.some((c) => c.provider === p)),
    cryptoGapLimit: row?.crypto_gap_limit ?? DEFAULT_CRYPTO_GAP_LIMIT,
  };
}

/**
 * The settings as callers see them: a method is available to customers only when the reseller
 * enabled it, this server has the provider, and (except for the sandbox, which provisions its own)
 * credentials exist. `enabled` stays the reseller's own choice, so that enabling a method before its
 * credentials are stored is remembered.
 */
export function effectiveSettings(stored: StoredSettings, registry: GatewayRegistry): PaymentSettings {
  return {
    methods: stored.methods.map((m) => ({
      ...m,
      available:
        m.enabled &&
        registry[m.provider] !== undefined &&
        (m.provider === 'sandbox' || stored.credentialsConfigured.includes(m.provider)),
    })),
    limits: stored.limits,
    credentialsConfigured: stored.credentialsConfigured,
    testModeAllowed: registry.sandbox !== undefined,
    cryptoGapLimit: stored.cryptoGapLimit,
  };
}

export function limitsFor(settings: Pick<PaymentSettings, 'limits'>, currency: Currency): TopUpLimits {
  return settings.limits.find((l) => l.currency === currency) ?? defaultTopUpLimits(currency);
}

/**
 * Refuses a top-up (or a link's fixed amount, or what an auto top-up would charge) outside the
 * reseller's limits for its currency; `field` names the input the amount came from.
 */
export function enforceTopUpLimits(limits: TopUpLimits, amount: number, field = 'amount'): void {
  if (amount < limits.minAmount || amount > limits.maxAmount) {
    throw new Failure(
      'top_up_limit',
      `a top-up must be between ${formatMoney(limits.minAmount, limits.currency)} and ${formatMoney(limits.maxAmount, limits.currency)}`,
      field,
      {
        key: 'top_up_limit',
        values: { min: limits.minAmount, max: limits.maxAmount, currency: limits.currency },
      },
    );
  }
}

/** Merges a PATCH: methods replace their provider's entry, limits their currency's entry. */
export async function writeSettings(
  trx: Trx,
  resellerId: string,
  current: StoredSettings,
  patch: {
    methods?: MethodSetting[] | undefined;
    limits?: TopUpLimits[] | undefined;
    cryptoGapLimit?: number | undefined;
  },
  now: string,
): Promise<void> {
  const methods = current.methods.map((m) => patch.methods?.find((p) => p.provider === m.provider) ?? m);
  const limits = [
    ...current.limits.filter((l) => !patch.limits?.some((p) => p.currency === l.currency)),
    ...(patch.limits ?? []),
  ];
  const values = {
    methods: JSON.stringify(methods),
    limits: JSON.stringify(limits),
    crypto_gap_limit: patch.cryptoGapLimit ?? current.cryptoGapLimit,
    updated_at: now,
  };
  await trx
    .insertInto('payment_settings')
    .values({ reseller_id: resellerId, ...values })
    .onConflict((oc) => oc.column('reseller_id').doUpdateSet(values))
    .execute();
}
