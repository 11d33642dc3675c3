import { z } from 'zod';
import { CURRENCY_DIGITS, type Currency } from '../money.js';
import {
  currencySchema,
  cursorSchema,
  idSchema,
  limitSchema,
  positiveAmountSchema,
  timestampSchema,
} from './common.js';
import { boundedJsonObject, type JsonDocumentLimits } from './json-document.js';

/**
 * Top-ups through payment gateways: the wire contract between the billing API and the desktop.
 * Amounts are fiat minor units of the wallet's currency (1000 = 10.00 USD); crypto amounts travel as
 * exact decimal strings inside a checkout's presentation only.
 */

export const paymentProviders = [
  'sandbox',
  'crypto',
  'vietqr',
  'stripe',
  'paypal',
  'cryptomus',
  'tazapay',
] as const;
export const paymentProviderSchema = z.enum(paymentProviders);
export type PaymentProviderId = z.infer<typeof paymentProviderSchema>;

/** Providers that take some currencies only: VietQR moves dong between Vietnamese banks. */
const ONLY_IN: Partial<Record<PaymentProviderId, readonly Currency[]>> = { vietqr: ['VND'] };

/** Whether `provider` can be offered for a payment in `currency` (the others take any we list). */
export function providerTakes(provider: PaymentProviderId, currency: string): boolean {
  const only = ONLY_IN[provider];
  return only === undefined || (only as readonly string[]).includes(currency);
}

export const paymentStatuses = ['new', 'processing', 'paid', 'cancelled', 'expired', 'failed'] as const;
export const paymentStatusSchema = z.enum(paymentStatuses);
export type PaymentStatus = z.infer<typeof paymentStatusSchema>;
export const FINAL_PAYMENT_STATUSES: readonly PaymentStatus[] = ['paid', 'cancelled', 'expired', 'failed'];

/**
 * Why a payment ended without money, as a code a console words in its own language (`failureReason`
 * says the same in English, for API callers): the provider declined it or the payer cancelled at the
 * payment page, it was cancelled before anything was paid, it expired unpaid, the gateway could
 * not be reached to open it, staff closed the review that held its money (its wallet had refused
 * it) without crediting it, or staff applied that held money to another payment.
 */
export const paymentFailureCodes = [
  'declined',
  'cancelled_at_checkout',
  'cancelled_before_paid',
  'expired',
  'gateway_unavailable',
  'closed_by_staff',
  'applied_to_other_payment',
] as const;
export const paymentFailureCodeSchema = z.enum(paymentFailureCodes);
export type PaymentFailureCode = z.infer<typeof paymentFailureCodeSchema>;

/** Default limits and presets: $0.50 to $15,000, presets $100/$200/$500/$1000, scaled per currency. */
export function defaultTopUpLimits(currency: Currency): TopUpLimits {
  // VND and other zero-digit currencies get amounts people actually type (10,000 ₫ to 400,000,000 ₫).
  if (currency === 'VND') {
    return {
      currency,
      minAmount: 10_000,
      maxAmount: 400_000_000,
      presets: [500_000, 1_000_000, 2_000_000, 5_000_000],
    };
  }
  const scale = 10 ** CURRENCY_DIGITS[currency];
  if (CURRENCY_DIGITS[currency] === 0) {
    return { currency, minAmount: 100, maxAmount: 2_000_000, presets: [10_000, 20_000, 50_000, 100_000] };
  }
  return {
    currency,
    minAmount: scale / 2,
    maxAmount: 15_000 * scale,
    presets: [100 * scale, 200 * scale, 500 * scale, 1000 * scale],
  };
}

export const topUpLimitsSchema = z
  .strictObject({
    currency: currencySchema,
    /** Minor units. */
    minAmount: positiveAmountSchema,
    maxAmount: positiveAmountSchema,
    presets: z.array(positiveAmountSchema).max(8),
  })
  .refine((l) => l.minAmount <= l.maxAmount, { error: 'must not exceed maxAmount', path: ['minAmount'] })
  .refine((l) => l.presets.every((p) => p >= l.minAmount && p <= l.maxAmount), {
    error: 'every preset must lie between minAmount and maxAmount',
    path: ['presets'],
  });
export type TopUpLimits = z.infer<typeof topUpLimitsSchema>;

/** What wallets scan by default (BIP-44): 20 unused addresses in a row, then they stop looking. */
export const DEFAULT_CRYPTO_GAP_LIMIT = 20;
/** A wallet may be set to scan further; past 1000 restoring it becomes impractically slow. */
export const cryptoGapLimitSchema = z.int().min(1).max(1000);

/** One method as a reseller configures it and as its customers see it. */
export const methodSettingSchema = z.strictObject({
  provider: paymentProviderSchema,
  enabled: z.boolean(),
  /** What the customer reads, e.g. "Card (Visa, Mastercard)". */
  label: z.string().trim().min(1).max(80),
  /** Fee shown to the customer, in basis points of the amount (290 = 2.9%). */
  feeBasisPoints: z.int().min(0).max(5000),
  /** Typical processing time shown to the customer, e.g. "Instant" or "10-30 minutes". */
  processingTime: z.string().trim().min(1).max(80),
});
export type MethodSetting = z.infer<typeof methodSettingSchema>;

/**
 * A stored credentials document this server can no longer use. `legacy_address_secret`: crypto
 * credentials from before account keys, whose addresses were derived from a secret the server held.
 */
export const credentialProblemSchema = z.object({
  provider: paymentProviderSchema,
  problem: z.enum(['legacy_address_secret']),
  message: z.string(),
});
export type CredentialProblem = z.infer<typeof credentialProblemSchema>;

export const paymentSettingsSchema = z.object({
  /**
   * `enabled` is the reseller's choice; `available` says whether customers are offered the method
   * now (enabled, and its gateway credentials stored: the sandbox needs none).
   */
  methods: z.array(methodSettingSchema.extend({ available: z.boolean() })),
  /** Per-currency limits; a currency not listed uses defaultTopUpLimits. */
  limits: z.array(topUpLimitsSchema),
  /** Which providers have gateway credentials stored. The credentials themselves never leave the server. */
  credentialsConfigured: z.array(paymentProviderSchema),
  /**
   * Stored credentials that cannot be used until stored again (a new checkout with that provider is
   * refused 422). Absent from an API older than the check: none known.
   */
  credentialProblems: z.array(credentialProblemSchema).optional(),
  /**
   * Whether this server lets a reseller turn on the sandbox test gateway (test mode): false when its
   * operator forbids it (SANDBOX_GATEWAY=forbidden). Test mode is off for a reseller until its admin
   * enables the sandbox method.
   */
  testModeAllowed: z.boolean(),
  /**
   * Unused crypto receiving addresses in a row that the reseller's wallet scans before it stops
   * (BIP-44's gap limit). Absent from an API older than the setting: the wallets' default.
   */
  cryptoGapLimit: cryptoGapLimitSchema.default(DEFAULT_CRYPTO_GAP_LIMIT),
});
export type PaymentSettings = z.infer<typeof paymentSettingsSchema>;

export const updatePaymentSettingsBody = z.strictObject({
  methods: z.array(methodSettingSchema).max(paymentProviders.length).optional(),
  limits: z.array(topUpLimitsSchema).max(20).optional(),
  /** The gap limit the reseller's crypto wallet scans (set it to what the wallet is set to). */
  cryptoGapLimit: cryptoGapLimitSchema.optional(),
});

/**
 * Bounds on any provider's credentials document: far above what a provider needs (crypto's rate
 * table is the largest: a few currencies × three coins), far below what would burden the store.
 */
export const GATEWAY_CREDENTIALS_LIMITS: JsonDocumentLimits = {
  maxEntries: 256,
  maxDepth: 5,
  maxKeyLength: 64,
  maxStringLength: 4096,
  maxBytes: 16 * 1024,
};

/** Write-only: stored encrypted at rest, answered with `{provider, configured: true}` and nothing else. */
export const gatewayCredentialsBody = z.strictObject({
  /**
   * Provider-specific JSON (API keys, webhook secrets, account numbers, crypto's nested `rates`).
   * Only bounded here: the provider's own credentials schema checks it on the server.
   */
  credentials: boundedJsonObject(GATEWAY_CREDENTIALS_LIMITS),
});

export const payerSchema = z.object({
  id: idSchema,
  customerId: idSchema,
  name: z.string(),
  email: z.string().nullable(),
  isDefault: z.boolean(),
  createdAt: timestampSchema,
});
export type Payer = z.infer<typeof payerSchema>;
export const createPayerBody = z.strictObject({
  name: z.string().trim().min(1, { error: 'must not be empty' }).max(200),
  email: z.email({ error: 'must be an email address' }).max(320).optional(),
  isDefault: z.boolean().optional(),
});
export const payerListSchema = z.object({ items: z.array(payerSchema) });

export const savedMethodStatusSchema = z.enum(['pending', 'confirmed', 'failed']);
export const savedMethodSchema = z.object({
  id: idSchema,
  customerId: idSchema,
  payerId: idSchema,
  provider: paymentProviderSchema,
  /** What the customer recognises, e.g. "Visa •••• 4242". */
  label: z.string(),
  status: savedMethodStatusSchema,
  isDefault: z.boolean(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
  /** When it was removed (it then charges nothing and no list shows it); null while it is there. */
  removedAt: timestampSchema.nullish(),
});
export type SavedMethod = z.infer<typeof savedMethodSchema>;
export const savedMethodListSchema = z.object({ items: z.array(savedMethodSchema) });

export const cryptoAssetSchema = z.enum(['BTC', 'ETH', 'USDT']);
export const cryptoNetworkSchema = z.enum(['bitcoin', 'ethereum', 'tron']);
/** A coin on one network: what a crypto payer chooses (USDT exists on two networks). */
export const cryptoRailSchema = z.object({ asset: cryptoAssetSchema, network: cryptoNetworkSchema });
export type CryptoRailOffer = z.infer<typeof cryptoRailSchema>;
/**
 * A rail as offered to payers: `testnet` when it is on a test network (Bitcoin testnet, an Ethereum
 * test chain such as Sepolia), whose coins are worth nothing. Absent from an API older than the field, and on every mainnet rail.
 */
export const offeredCryptoRailSchema = cryptoRailSchema.extend({ testnet: z.boolean().optional() });
export type OfferedCryptoRail = z.infer<typeof offeredCryptoRailSchema>;

/** What the desktop shows once a checkout exists (mirrors the server's provider presentation). */
export const checkoutSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('redirect'), url: z.string(), expiresAt: timestampSchema }),
  z.object({
    kind: z.literal('crypto_qr'),
    qrPayload: z.string(),
    asset: cryptoAssetSchema,
    network: cryptoNetworkSchema,
    /**
     * On a test network (Bitcoin testnet, an Ethereum test chain): its coins are worth nothing.
     * Absent: mainnet (and older APIs).
     */
    testnet: z.boolean().optional(),
    address: z.string(),
    /** Whole coins as an exact decimal string: what the payer must (still) send. */
    amount: z.string(),
    /** Whole coins received so far, as an exact decimal string. */
    received: z.string().optional(),
    requiredConfirmations: z.int(),
    /**
     * While a transfer to the address awaits its confirmations: the fewest any such transfer has so
     * far (of `requiredConfirmations`), as the chain last told the server. Absent otherwise.
     */
    confirmations: z.int().nonnegative().optional(),
    expiresAt: timestampSchema,
  }),
  z.object({
    kind: z.literal('bank_qr'),
    qrPayload: z.string(),
    bankBin: z.string(),
    accountNumber: z.string(),
    accountName: z.string(),
    /** VND, whole dong: what the payer must (still) transfer. */
    amount: z.int(),
    /** VND, whole dong, that arrived so far with this payment's transfer content (partly paid). */
    received: z.int().optional(),
    currency: z.literal('VND'),
    memo: z.string(),
    expiresAt: timestampSchema,
  }),
  /** A saved method was charged: nothing for the payer to do. */
  z.object({ kind: z.literal('none') }),
]);
export type Checkout = z.infer<typeof checkoutSchema>;

export const paymentSchema = z.object({
  id: idSchema,
  walletId: idSchema,
  customerId: idSchema,
  payerId: idSchema.nullable(),
  provider: paymentProviderSchema,
  /** Minor units of `currency`: what the wallet is credited when paid. */
  amount: z.int(),
  currency: currencySchema,
  status: paymentStatusSchema,
  underpaid: z.boolean(),
  overpaid: z.boolean(),
  /**
   * The fee, minor units, charged ON TOP of `amount`: the payer pays `totalAmount` = amount + fee
   * and the wallet is credited `amount`. Computed once by the server when the payment is created
   * (src/shared/top-up-fee.ts: basis points of the amount, rounded up).
   */
  fee: z.int(),
  /** What the payer pays (and each provider is asked for): amount + fee, minor units. */
  totalAmount: z.int(),
  checkout: checkoutSchema.nullable(),
  savedMethodId: idSchema.nullable(),
  /** The method this payment asked to save, if any. */
  savesMethodId: idSchema.nullable(),
  /** The ledger row that credited the wallet, once paid. */
  transactionId: idSchema.nullable(),
  /**
   * The provider's own id of this payment (a checkout session, an order, an invoice): what staff
   * search for in the provider's dashboard. Null until a checkout was opened; absent from answers
   * of an API older than this field (hence the default).
   */
  providerReference: z.string().nullable().default(null),
  topUpLinkId: idSchema.nullable(),
  /**
   * The invoice this payment pays, when it pays one (its money reaches the invoice through the
   * wallet, in the same transaction); null for a top-up. Absent before this field: null.
   */
  invoiceId: idSchema.nullable().default(null),
  /** Why it failed or was cancelled, in English words for the payer. */
  failureReason: z.string().nullable(),
  /**
   * The same as a code (null while open or paid; absent before the code existed, hence the default).
   * A code this release does not know (from a newer server) reads as none: `failureReason` says it.
   */
  failureCode: paymentFailureCodeSchema.nullable().default(null).catch(null),
  /**
   * A declined card (`failureCode` declined): why, as the provider coded it (Stripe's decline codes:
   * insufficient_funds, expired_card, incorrect_cvc, …; PayPal's issues: INSTRUMENT_DECLINED,
   * PAYER_ACTION_REQUIRED, TRANSACTION_REFUSED), for a console to word. Null when it gave none;
   * absent from answers of an API older than this field.
   */
  declineCode: z.string().max(64).nullable().optional(),
  /**
   * Paid at its provider, but its wallet refused the money (closed, or at its balance limit): the
   * money waits in a payment review for staff, and only applying that review credits it. Still
   * `new`/`processing` meanwhile, yet nothing is left for the payer to pay or cancel. False once it
   * is paid (the review applied), and in answers of an API older than this field.
   */
  heldForReview: z.boolean().default(false),
  /**
   * True for a payment through the sandbox test gateway (test mode): no real money moves, whatever
   * its status says. Feed entries written before the flag existed carry none and read as false.
   */
  test: z.boolean().default(false),
  expiresAt: timestampSchema,
  paidAt: timestampSchema.nullable(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
  /** Minor units refunded to the source or being refunded (pending refunds count). Absent before refunds existed: 0. */
  refundedAmount: z.int().optional(),
  /** `paid` stays the status of a refunded payment; this says how much of it went back. */
  refundStatus: z.enum(['none', 'partially_refunded', 'refunded']).optional(),
  /** Minor units the provider took back later (a dispute, a reversal, a refund made at the provider). */
  reversedAmount: z.int().optional(),
  disputeStatus: z.enum(['open', 'won', 'lost']).nullable().optional(),
  /** Crypto: the chain transactions seen paying it, by hash (what a payer quotes). Absent before 0220. */
  chainTxids: z.array(z.string()).optional(),
  /** VietQR: the bank lines seen paying it, by the bank's reference (FT…). Absent before 0290. */
  bankReferences: z.array(z.string()).optional(),
  /**
   * Ended (cancelled, expired), paid at its provider anyway, and its money applied by staff from
   * its review where it did not pay this payment: another wallet, another customer's, or its own
   * wallet for a payment opened for an invoice (the status stays; this says where the money went).
   * `walletId`/`customerId` name where it went only to whoever may see that wallet: null in what the
   * payment's customer reads when it went to another customer (`otherCustomer`). Null while nothing
   * of the kind happened; absent from answers of an API older than this field.
   */
  lateMoney: z
    .object({
      otherCustomer: z.boolean(),
      walletId: idSchema.nullable(),
      customerId: idSchema.nullable(),
      at: timestampSchema,
    })
    .nullable()
    .optional(),
});
export type Payment = z.infer<typeof paymentSchema>;

/**
 * Held for staff not because its money arrived (its wallet refused it) but because its saved-method
 * charge was never answered and its provider may have forgotten the charge's key (the server's
 * lapsed-charge.ts): whether the charge was made is what staff look up, so nothing may say it was
 * paid. Such a charge was never opened, so it has no checkout; one answered paid always has one.
 */
export function heldUnanswered(
  payment: Pick<Payment, 'heldForReview'> & Partial<Pick<Payment, 'savedMethodId' | 'checkout'>>,
): boolean {
  return payment.heldForReview && payment.savedMethodId != null && payment.checkout === null;
}

/**
 * A payment as an older release recorded it (in the change feed, or in a desktop's cache): before
 * fees were charged it had no `totalAmount`, and its `fee` was shown but never asked for, so the
 * payer paid `amount`. Anything else is returned as it is.
 */
export function withLegacyFeeTotals<T>(data: T): T {
  if (typeof data !== 'object' || data === null || 'totalAmount' in data) return data;
  const amount = (data as { amount?: unknown }).amount;
  return { ...data, fee: 0, totalAmount: amount };
}

/** A review as an older release recorded it: no transfer, nothing applied. */
export function withLegacyReviewFields<T>(data: T): T {
  if (typeof data !== 'object' || data === null || 'applied' in data) return data;
  return { amount: null, currency: null, resolution: null, resolvedAt: null, applied: null, ...data };
}

export const createTopUpBody = z.strictObject({
  amount: positiveAmountSchema,
  provider: paymentProviderSchema,
  payerId: idSchema.optional(),
  /** Charge this saved method without a redirect (its provider must match). */
  savedMethodId: idSchema.optional(),
  /** Ask the gateway to keep this method for later (created `pending`). */
  saveMethod: z.boolean().optional(),
  /** For crypto: which coin and network. */
  asset: z.strictObject(cryptoRailSchema.shape).optional(),
  topUpLinkToken: z.string().min(1).max(200).optional(),
});

/** What a customer is offered for one wallet: limits, presets, methods, payers and saved methods. */
export const topUpOptionsSchema = z.object({
  walletId: idSchema,
  limits: topUpLimitsSchema,
  methods: z.array(methodSettingSchema.omit({ enabled: true })),
  payers: z.array(payerSchema),
  savedMethods: z.array(savedMethodSchema),
  /**
   * "Invoice" as a top-up method, when the reseller offers it: an open invoice for the amount, paid
   * by bank transfer to these details (POST /v1/wallets/:id/invoice-top-ups). Null: not offered.
   */
  invoiceMethod: z.object({ bankDetails: z.string().nullable() }).nullable().optional(),
  /**
   * The coins and networks the crypto method takes in this wallet's currency: those the reseller has
   * an account key and a rate for. Empty when crypto is not offered (it is then not among `methods`).
   * Absent from an API older than this field: not known (that API refuses an unoffered one on Pay).
   */
  cryptoRails: z.array(offeredCryptoRailSchema).optional(),
});
export type TopUpOptions = z.infer<typeof topUpOptionsSchema>;

export const listPaymentsQuery = z.strictObject({
  walletId: idSchema.optional(),
  customerId: idSchema.optional(),
  status: paymentStatusSchema.optional(),
  provider: paymentProviderSchema.optional(),
  cursor: cursorSchema,
  limit: limitSchema,
});
export const paymentListSchema = z.object({
  items: z.array(paymentSchema),
  nextCursor: z.string().nullable(),
});

export const reviewReasonSchema = z.enum([
  'payment',
  'reference',
  'recipient',
  'currency',
  'amount',
  'overpaid',
  'unmatched',
  /** The provider took money back after it was credited (a dispute, a reversal): see the payment. */
  'reversal',
  /** Crypto sent to the payment's address on another network than it asked for: nothing credited. */
  'network',
]);
export const paymentReviewSchema = z.object({
  id: idSchema,
  paymentId: idSchema.nullable(),
  provider: paymentProviderSchema,
  reason: reviewReasonSchema,
  /** What arrived, in words (e.g. "0.00100000 BTC of 0.00150000"). */
  detail: z.string(),
  status: z.enum(['open', 'resolved']),
  /**
   * The transfer this review is about, when one arrived and matched no payment: minor units of
   * `currency`. Only such a review can be applied (POST /v1/payment-reviews/:id/apply).
   */
  amount: z.int().nullable(),
  currency: currencySchema.nullable(),
  /** How it was resolved, in words (a note, or what applying it did). */
  resolution: z.string().nullable(),
  resolvedAt: timestampSchema.nullable(),
  /** Set once the transfer was applied: where it went, the ledger row, who applied it and when. */
  applied: z
    .object({
      paymentId: idSchema.nullable(),
      walletId: idSchema,
      transactionId: idSchema.nullable(),
      by: z.string(),
      at: timestampSchema,
    })
    .nullable(),
  createdAt: timestampSchema,
});
export type PaymentReview = z.infer<typeof paymentReviewSchema>;
export const listPaymentReviewsQuery = z.strictObject({
  status: z.enum(['open', 'resolved']).optional(),
  cursor: cursorSchema,
  limit: limitSchema,
});
/** Newest first, a page at a time (`nextCursor`: where the next page starts; null: the last page). */
export const paymentReviewListSchema = z.object({
  items: z.array(paymentReviewSchema),
  nextCursor: z.string().nullable(),
});

/**
 * Apply a review's money: to a payment (which it then pays), to a wallet, or (`invoice: true`) to the
 * invoice of the review's own payment, a checkout cancelled then paid anyway (which it then pays, up
 * to its amount due). One of the three.
 */
export const applyPaymentReviewBody = z
  .strictObject({
    paymentId: idSchema.optional(),
    walletId: idSchema.optional(),
    invoice: z.literal(true).optional(),
  })
  .refine((b) => [b.paymentId, b.walletId, b.invoice].filter((t) => t !== undefined).length === 1, {
    error: 'give one of paymentId, walletId or invoice',
    path: ['paymentId'],
  });
export type ApplyPaymentReviewBody = z.infer<typeof applyPaymentReviewBody>;

/**
 * What staff found at the provider about a refund held for them (its provider never answered, and
 * it could be neither looked up nor asked again): `made` there (it ends succeeded), or never `made`
 * (`not_made`: it ends failed and its wallet is credited back).
 */
export const heldRefundOutcomeSchema = z.enum(['made', 'not_made']);
export type HeldRefundOutcome = z.infer<typeof heldRefundOutcomeSchema>;

/**
 * Resolving a review: an optional note; `refund` is required on the review of a refund held for
 * staff, and refused on any other.
 */
export const resolvePaymentReviewBody = z
  .strictObject({
    note: z.string().trim().max(1000).optional(),
    refund: heldRefundOutcomeSchema.optional(),
  })
  .nullish();
export type ResolvePaymentReviewBody = z.infer<typeof resolvePaymentReviewBody>;

export const topUpLinkSchema = z.object({
  id: idSchema,
  customerId: idSchema,
  walletId: idSchema,
  /** Minor units, or null: the payer chooses. */
  amount: z.int().nullable(),
  currency: currencySchema,
  /** The link to share (and to render as a QR code). */
  url: z.string(),
  /** `revoked`: an admin revoked it; its page takes no payment (one already started stays as it is). */
  status: z.enum(['active', 'used', 'expired', 'revoked']),
  expiresAt: timestampSchema,
  createdAt: timestampSchema,
  /** When it was revoked; null while it is not. Absent from an API older than revoking: null. */
  revokedAt: timestampSchema.nullable().default(null),
});
export type TopUpLink = z.infer<typeof topUpLinkSchema>;
export const createTopUpLinkBody = z.strictObject({
  walletId: idSchema,
  amount: positiveAmountSchema.optional(),
  expiresAt: z.iso.datetime({ error: 'must be an ISO 8601 date-time' }),
});
export const topUpLinkListSchema = z.object({ items: z.array(topUpLinkSchema) });
