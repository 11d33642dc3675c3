import { z } from 'zod';
import type { OutboundFetch } from '../outbound/guarded-fetch.js';
import type { RefundFailureCode } from '../../shared/api/refunds.js';
import type { Currency, MinorUnits } from '../../shared/money.js';
import type { BaseUnits } from './crypto/amounts.js';
import type { CoinAsset, CoinNetwork, CryptoRail } from './crypto/assets.js';
import type { ChainEndpoints } from './crypto/chain-sources/by-network.js';
import type { RateSource } from './crypto/provider.js';

/**
 * The one interface every payment gateway implements, and the rules every caller of it keeps.
 *
 * Invariants (the later payment service relies on each; breaking one credits money twice or wrongly):
 *
 * 1. RAW BODY. A webhook is authenticated over the exact bytes received. Parsing and re-serialising
 *    JSON changes them (key order, spacing, escapes), so `verifyWebhook` gets `rawBody` untouched
 *    and parses only after the signature holds.
 * 2. DE-DUPLICATE BY THE PROVIDER'S EVENT ID. Providers retry and reorder deliveries. The event is
 *    stored under a unique (reseller, provider, eventId) before anything else happens, and a repeat is
 *    answered 2xx and dropped. Our ids never stand in for theirs. Per reseller: an id such as a bank
 *    transaction number can be pushed by any reseller, so it must never shadow another's event.
 * 3. CREDIT ONLY AFTER RE-QUERY. A verified webhook is a hint that something changed. Before
 *    crediting, the server asks the provider's own status API (`fetchStatus`) and acts on that
 *    answer. A browser coming back to a return URL proves nothing and never credits.
 * 4. AMOUNT, CURRENCY AND RECIPIENT MUST MATCH. The status snapshot must name our payment, the
 *    recipient we configured, and the expected currency and amount; `decideCredit` encodes the rule.
 *    A mismatch never credits: it goes to the reseller's review list.
 * 5. CREDIT ONCE, IN THE SAME TRANSACTION THAT MARKS THE PAYMENT PAID. (Enforced by the ledger
 *    service; nothing here moves money.)
 * 6. MONEY OUT: DEBIT FIRST, ASK AFTER, UNDO BY A NEW ROW. A refund debits the wallet in the same
 *    transaction that records it pending, and only then asks the provider (`refund`, outside any
 *    transaction, under the refund's own id as the provider's idempotency key, so asking again never
 *    refunds twice). A refusal credits the wallet back with a compensating row; a fault (no answer)
 *    leaves the refund pending, to be asked again.
 * 7. REVERSALS ARE RECONCILED, NOT COUNTED. An event about money taken back (a dispute, a reversal)
 *    is a hint like any other: the server asks `fetchReversal` for the provider's totals and moves the
 *    wallet by the difference from what it recorded, so a repeated, reordered or won dispute never
 *    debits or restores twice.
 */

export const PROVIDER_IDS = [
  'sandbox',
  'crypto',
  'vietqr',
  'stripe',
  'paypal',
  'cryptomus',
  'tazapay',
] as const;
export type ProviderId = (typeof PROVIDER_IDS)[number];

/** What a top-up asks a provider for. */
export interface CheckoutRequest {
  /** Our payment id. Sent as the provider's order reference, so its events lead back to it. */
  reference: string;
  /** Fiat minor units (1000 = 10.00 USD). Crypto and bank rails convert from this. */
  amount: MinorUnits;
  currency: Currency;
  description: string;
  /** Where the payer's browser is sent afterwards: it brings the user back, it confirms nothing. */
  returnUrl: string;
  cancelUrl: string;
  /** The provider's checkout must not outlive the payment. */
  expiresAt: Date;
  /** Passed as the provider's own idempotency key: a retried create never opens a second checkout. */
  idempotencyKey: string;
  /** Ask the provider to keep the payment method for later charges (a saved method, `pending`). */
  saveMethod: boolean;
  /** Crypto only: the coin and network to invoice in (a rail is never the asset alone). */
  rail?: CryptoRail;
  /** The customer topping up, for providers that must name the payer (Tazapay's customer_details). */
  payer?: { name: string; email: string };
  /**
   * Crypto only: which receiving address of the reseller's account key this payment gets
   * (<account>/0/<addressIndex>), allocated once per payment and never to another on the same network.
   */
  addressIndex?: number;
}

/** What a provider needs to say, before any payment exists, whether it would refuse a checkout. */
export type CheckoutQuote = Pick<CheckoutRequest, 'amount' | 'currency' | 'expiresAt' | 'rail'>;

const isoInstant = z.iso.datetime({ offset: true });
/** https anywhere; http only on loopback, where the provider emulators of the tests listen. */
const checkoutUrl = z.url().refine((text) => {
  const url = new URL(text);
  return (
    url.protocol === 'https:' ||
    (url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname))
  );
}, 'checkout URLs must be https (http only on loopback)');

/**
 * What the desktop shows once a checkout exists. It crosses to the desktop, so it is a schema: the
 * main process validates what the API sends, like every other response it reads.
 */
export const checkoutPresentationSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('redirect'),
    providerPaymentId: z.string().min(1),
    url: checkoutUrl,
    expiresAt: isoInstant,
  }),
  z.strictObject({
    kind: z.literal('crypto_qr'),
    providerPaymentId: z.string().min(1),
    /** BIP-21 / EIP-681 URI, or a bare address where the network has no agreed URI (TRC-20). */
    qrPayload: z.string().min(1),
    asset: z.enum(['BTC', 'ETH', 'USDT']),
    network: z.enum(['bitcoin', 'ethereum', 'tron']),
    /** A test network (Bitcoin testnet, an Ethereum test chain): the payer is told its coins are worthless. */
    testnet: z.literal(true).optional(),
    address: z.string().min(1),
    /** Whole coins as an exact decimal string ("0.00150000"): what the payer must send. */
    amount: z.string().regex(/^\d+\.\d+$/),
    requiredConfirmations: z.int().min(0),
    expiresAt: isoInstant,
  }),
  z.strictObject({
    kind: z.literal('bank_qr'),
    providerPaymentId: z.string().min(1),
    /** The VietQR payload. */
    qrPayload: z.string().min(1),
    bankBin: z.string().regex(/^\d{6}$/),
    accountNumber: z.string().min(1),
    accountName: z.string(),
    /** VND, whole dong. */
    amount: z.int().positive(),
    currency: z.literal('VND'),
    /** The transfer content the payer must keep: how the bank feed finds this payment. */
    memo: z.string().min(1),
    expiresAt: isoInstant,
  }),
]);
export type CheckoutPresentation = z.infer<typeof checkoutPresentationSchema>;

/** Headers as Node gives them: lower-cased names, an array where a header was repeated. */
export type WebhookHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

export interface IncomingWebhook {
  /** The exact request body bytes (invariant 1). */
  rawBody: Uint8Array;
  headers: WebhookHeaders;
  /** The server clock at receipt: timestamp tolerances are measured against it. */
  receivedAt: Date;
}

/** An amount in the unit the rail settles in: fiat minor units, or a coin's base units. */
export type RailAmount =
  | { kind: 'fiat'; currency: Currency; amount: MinorUnits }
  | { kind: 'coin'; asset: CoinAsset; network: CoinNetwork; amount: BaseUnits };

/** A verified webhook, in terms every provider shares. `eventId` is the provider's own id. */
export type ProviderEvent =
  | {
      /** Something about a payment changed: re-query its status before acting (invariant 3). */
      kind: 'payment_changed';
      provider: ProviderId;
      eventId: string;
      eventType: string;
      providerPaymentId: string | null;
      reference: string | null;
      /** Another provider object the event names (a dispute's PaymentIntent): see `referenceOf`. */
      providerObjectId?: string;
      /**
       * The provider's refund the event is about (PayPal's PAYMENT.CAPTURE.REFUNDED carries the
       * refund): one of ours is re-read (`fetchRefund`) and settled; another is the payment's event.
       */
      providerRefundId?: string;
      /**
       * Our refund id, as that refund says it (PayPal's invoice_id): finds a refund of ours still
       * without the provider's id (its answer lost). A hint only: the re-read must confirm it.
       */
      refundId?: string;
    }
  | {
      /** Money arrived on a bank account we watch (bank-feed push); matched by memo and amount. */
      kind: 'bank_credit';
      provider: ProviderId;
      eventId: string;
      accountNumber: string;
      amount: RailAmount & { kind: 'fiat' };
      content: string;
      bookedAt: string;
    }
  | {
      /**
       * A refund the provider accepted changed (it failed later at the card's bank): re-read it
       * (`fetchRefund`) before acting, never the event's own word (invariant 3).
       */
      kind: 'refund_changed';
      provider: ProviderId;
      eventId: string;
      eventType: string;
      /** The refund's id at the provider. */
      providerRefundId: string;
      /** Our refund id, as the event's body says it (a hint: the provider's answer is what counts). */
      refundId: string | null;
    }
  | {
      /** Authentic, but nothing a top-up acts on (e.g. a dispute notice, an outgoing transfer). */
      kind: 'ignored';
      provider: ProviderId;
      eventId: string;
      eventType: string;
    };

export type WebhookRejection =
  | 'missing_signature'
  | 'malformed_signature'
  | 'bad_signature'
  | 'stale'
  | 'from_the_future'
  | 'untrusted_certificate'
  | 'malformed_body';

export type WebhookVerification =
  { ok: true; event: ProviderEvent } | { ok: false; reason: WebhookRejection; detail: string };

/**
 * A verified delivery as the webhook route handles it: one push may carry several events (a bank
 * feed batches statement lines), and some providers want a particular answer before they stop
 * retrying (Pay2s: 200 with {"success": true}).
 */
export type WebhookDelivery =
  | { ok: true; events: readonly ProviderEvent[]; acknowledgement?: { status: number; body: unknown } }
  | Extract<WebhookVerification, { ok: false }>;

/** A refused delivery, with the reason it is logged under. */
export const rejectWebhook = (reason: WebhookRejection, detail: string): WebhookVerification => ({
  ok: false,
  reason,
  detail,
});

/** A verification that carries one event, as the delivery the webhook route handles. */
export const deliveryOf = (verified: WebhookVerification): WebhookDelivery =>
  verified.ok ? { ok: true, events: [verified.event] } : verified;

export const PROVIDER_STATUSES = ['pending', 'processing', 'paid', 'cancelled', 'expired', 'failed'] as const;
export type ProviderStatus = (typeof PROVIDER_STATUSES)[number];

/**
 * A payment method a checkout kept for later charges, as the provider reports it once the payment is
 * paid. The payment service stores it on the `pending` saved method (which becomes `confirmed`), and
 * `chargeSavedMethod` later gets `token` back as `methodToken`.
 */
export interface SavedMethodReport {
  /** The provider's handle to charge it again (Stripe "cus_…/pm_…", a PayPal vault id, …). Opaque to us. */
  token: string;
  /** What the payer recognises it by ("Visa •••• 4242", "PayPal ann@example.com"); never a full number. */
  label: string;
}

/** The provider's own answer about one payment, from its status API (invariant 3). */
export interface ProviderPaymentSnapshot {
  providerPaymentId: string;
  /** Our reference as the provider recorded it. */
  reference: string | null;
  status: ProviderStatus;
  /** What the provider says arrived so far. */
  received: RailAmount;
  /** The merchant account, wallet address or bank account the money went to. */
  recipient: string;
  /**
   * Set by providers that keep payment methods, on a paid answer for a checkout that asked to save
   * one (CheckoutRequest.saveMethod) or for a charge of a saved method. Without it a saved method
   * is confirmed with no token and can never be charged.
   */
  savedMethod?: SavedMethodReport;
  /** Crypto: the hashes of the chain transactions seen paying it, confirmed or not. */
  chainTxids?: string[];
  /**
   * Crypto, while a transfer at the address is still short of its confirmations: the fewest any
   * such transfer has (0 while in the mempool), and how many crediting needs. Absent otherwise.
   */
  confirmations?: { count: number; required: number };
  /**
   * Crypto: the coin sent to this payment's account on another network than the one it asked for
   * (USDT on Tron for a USDT-on-Ethereum invoice), confirmed there. Never credited: a person looks.
   */
  misdirected?: MisdirectedTransfer[];
  /** Bank transfers (VietQR): the references of the feed's lines carrying the payment's code. */
  bankReferences?: string[];
  /**
   * A failed card payment: the provider's reason for the decline, as its own short code (Stripe's
   * decline codes: insufficient_funds, expired_card, …; PayPal's issues: INSTRUMENT_DECLINED, …).
   * Absent when it gave none. On a payment still pending, what it waits on its payer for (PayPal's
   * PAYER_ACTION_REQUIRED: the payer must go back to PayPal's page), kept on the open payment so the
   * payer is told while the provider says only pending; cleared once the payment moves on.
   */
  declineCode?: string;
}

/** A transfer of the invoiced coin that arrived on the wrong network (see ProviderPaymentSnapshot). */
export interface MisdirectedTransfer {
  asset: string;
  /** Where it arrived, and where the invoice asked for it. */
  network: string;
  expectedNetwork: string;
  address: string;
  txid: string;
  /** Whole coins, exact decimal text. */
  amount: string;
}

export interface SavedMethodCharge {
  reference: string;
  amount: MinorUnits;
  currency: Currency;
  /** The provider's token for the saved method. */
  methodToken: string;
  idempotencyKey: string;
}

export interface PaymentProvider {
  readonly id: ProviderId;
  /**
   * The merchant account, wallet or bank account every payment of this provider must reach, for
   * providers that know it up front (a Stripe account id, a PayPal or Cryptomus merchant id, the
   * sandbox's merchant, a VietQR bank account). A redirect checkout has no address of its own to
   * show, so the payment service stores this as the payment's expected recipient and decideCredit
   * compares each snapshot's `recipient` with it (invariant 4). Unset where the recipient is per
   * payment and named by the presentation instead (crypto: a derived address per invoice).
   */
  readonly recipient?: string;
  /** Throws IdempotencyKeyInUse while another request under the same key is still being answered. */
  createCheckout(request: CheckoutRequest, signal?: AbortSignal): Promise<CheckoutPresentation>;
  /**
   * Closes a checkout createCheckout opened, so its payer can no longer pay it (Stripe: the Checkout
   * Session expired). Asked when the payment it was opened for ended meanwhile (another opening of
   * it failed): a page left payable would take money for a payment that no longer takes it.
   * Providers whose checkouts cannot be closed leave it out (their page then lapses on its own).
   */
  expireCheckout?(providerPaymentId: string, signal?: AbortSignal): Promise<void>;
  /**
   * Throws the Failure createCheckout would throw for this checkout (a coin without a rate, an
   * amount too small to invoice), asked before the payment is created: a refusal then leaves no
   * payment behind. Only providers that can tell without opening anything implement it.
   */
  checkCheckout?(request: CheckoutQuote, signal?: AbortSignal): Promise<void>;
  /**
   * Authenticates first, parses after. A bad request is answered with its reason, never thrown;
   * it throws only for faults worth a retry by the provider (missing configuration, an unreachable
   * certificate URL), which the route turns into a 5xx.
   */
  verifyWebhook(webhook: IncomingWebhook): Promise<WebhookDelivery>;
  fetchStatus(
    payment: { providerPaymentId: string; reference: string },
    signal?: AbortSignal,
  ): Promise<ProviderPaymentSnapshot>;
  /**
   * Charges a saved method without a redirect; only providers that keep methods implement it.
   * Throws IdempotencyKeyInUse while another request under the same key is still being answered.
   */
  chargeSavedMethod?(charge: SavedMethodCharge, signal?: AbortSignal): Promise<ProviderPaymentSnapshot>;
  /**
   * The charge of a saved method made for `reference` (at or after `since`), looked up without
   * making one: null when none reached the provider. Asked about a charge whose answer was lost,
   * once its payment has expired and making it then would be too late (payments/checkout.ts).
   * Providers that cannot look a charge up without making it leave it out.
   */
  findSavedMethodCharge?(
    charge: Pick<SavedMethodCharge, 'reference' | 'methodToken'> & { since: Date },
    signal?: AbortSignal,
  ): Promise<ProviderPaymentSnapshot | null>;
  /**
   * How long the provider keeps a saved-method charge's idempotency key, in ms, when it has no
   * findSavedMethodCharge: after that, sending the charge again under its key makes a second charge.
   * Left out when the provider keeps keys longer than any payment is asked about.
   */
  readonly savedChargeKeyMs?: number;
  /**
   * Refunds (part of) a paid payment to where it came from (invariant 6). Providers without it
   * (crypto, bank transfers) are refunded by a manual payout staff make and record. Resolves with the
   * provider's answer, refusals included; throws only when there is no answer (a fault worth asking
   * again under the same idempotency key).
   */
  refund?(request: RefundRequest, signal?: AbortSignal): Promise<RefundAnswer>;
  /**
   * The provider's own current answer about a refund it accepted, read from its API: accepted while
   * it stands, refused (with the code of its failure) once it failed later. Throws when the provider
   * holds no such refund of ours (`refundId`, our id, must be the one it was made under).
   */
  fetchRefund?(
    refund: { providerRefundId: string; refundId: string },
    signal?: AbortSignal,
  ): Promise<RefundAnswer>;
  /**
   * The refund made under our refund id (`refundId`), looked up without making one: null when none
   * reached the provider. Asked before asking again for a refund whose answer was lost, once the
   * provider may have forgotten its idempotency key (Stripe keeps one 24 hours): asked again then,
   * it would make a second refund.
   */
  findRefund?(
    refund: { providerPaymentId: string; refundId: string },
    signal?: AbortSignal,
  ): Promise<RefundAnswer | null>;
  /** The provider's totals of money taken back from one payment (invariant 7). */
  fetchReversal?(
    payment: { providerPaymentId: string; reference: string },
    signal?: AbortSignal,
  ): Promise<ReversalSnapshot>;
  /**
   * Our reference for a provider object an event names (a Stripe dispute names the PaymentIntent,
   * not the Checkout Session our payment holds), from the provider's own API.
   */
  referenceOf?(providerObjectId: string, signal?: AbortSignal): Promise<string | null>;
}

export interface RefundRequest {
  /** The payment's id at the provider (a checkout session, an order). */
  providerPaymentId: string;
  /** Our payment id. */
  reference: string;
  /** Our refund id: also the provider's idempotency key (invariant 6). */
  refundId: string;
  /** Minor units of `currency`. */
  amount: MinorUnits;
  currency: Currency;
  reason: string;
}

export type RefundAnswer =
  /**
   * Accepted: `pending` where the provider settles refunds later. One accepted may still fail later
   * (a closed card): the provider's event about it is re-read through `fetchRefund`.
   */
  | { outcome: 'accepted'; providerRefundId: string; settled: boolean }
  /**
   * Refused, nothing refunded: the wallet gets the amount back. `reason` in English (the provider's
   * own words where it gave some); `code` says it for a console to word (none: `refused`).
   */
  | { outcome: 'refused'; reason: string; code?: RefundFailureCode };

/** Money a provider took back from a payment, as totals (minor units of the payment's currency). */
export interface ReversalSnapshot {
  /** Everything refunded at the provider, ours included. */
  refunded: number;
  /** Withdrawn by disputes and reversals still standing (a won dispute no longer counts). */
  reversed: number;
  /** The newest dispute's state, if any. */
  dispute: 'open' | 'won' | 'lost' | null;
}

/**
 * The provider refused a request because another one under the same idempotency key is still being
 * processed (Stripe: HTTP 409 `idempotency_key_in_use`): a replay racing the job that takes the
 * charge up, or the other way round; two openings of one payment's checkout at once. No answer
 * about the payment either way: the other request's answer settles it (the charge may well be
 * made, the checkout it opens is the one the payer gets), so the caller must not fail the payment.
 */
export class IdempotencyKeyInUse extends Error {
  override readonly name = 'IdempotencyKeyInUse';
}

/**
 * One header's value, by case-insensitive name. A header sent twice with different values is
 * treated as absent: which copy a proxy keeps is not something to authenticate on.
 */
export function headerValue(headers: WebhookHeaders, name: string): string | undefined {
  const wanted = name.toLowerCase();
  const values: string[] = [];
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    if (typeof value === 'string') values.push(value);
    else values.push(...value);
  }
  const distinct = new Set(values);
  return distinct.size === 1 ? values[0] : undefined;
}

/** What we expect the provider to confirm for one payment. */
export interface CreditExpectation {
  providerPaymentId: string;
  reference: string;
  recipient: string;
  amount: RailAmount;
}

export type CreditMismatch = 'payment' | 'reference' | 'recipient' | 'currency' | 'amount';

export type CreditDecision =
  /** Credit the expected amount. `overpaid`: more arrived; the excess goes to review, not the wallet. */
  | { action: 'credit'; overpaid: boolean }
  /** Not final yet. `underpaid`: part has arrived and the payer may still send the rest. */
  | { action: 'wait'; status: ProviderStatus; underpaid: boolean }
  /** Final without payment: mark the payment so and credit nothing. */
  | { action: 'close'; status: 'cancelled' | 'expired' | 'failed' }
  /** The provider's answer does not describe our payment as we created it: credit nothing. */
  | { action: 'review'; mismatch: CreditMismatch };

function sameUnit(a: RailAmount, b: RailAmount): boolean {
  return a.kind === 'fiat' && b.kind === 'fiat'
    ? a.currency === b.currency
    : a.kind === 'coin' && b.kind === 'coin' && a.asset === b.asset && a.network === b.network;
}

const asBigInt = (amount: RailAmount) => (amount.kind === 'fiat' ? BigInt(amount.amount) : amount.amount);

/**
 * Invariant 4 as a function: identity first (whose payment, to whom, in what unit), then status,
 * then amount. Only an exact or larger amount, confirmed paid, credits, and it credits what was
 * expected, never more. A partial amount on a payment that is still open waits for the rest.
 */
export function decideCredit(expected: CreditExpectation, snapshot: ProviderPaymentSnapshot): CreditDecision {
  if (snapshot.providerPaymentId !== expected.providerPaymentId)
    return { action: 'review', mismatch: 'payment' };
  if (snapshot.reference !== null && snapshot.reference !== expected.reference) {
    return { action: 'review', mismatch: 'reference' };
  }
  if (snapshot.recipient !== expected.recipient) return { action: 'review', mismatch: 'recipient' };
  if (!sameUnit(snapshot.received, expected.amount)) return { action: 'review', mismatch: 'currency' };

  const received = asBigInt(snapshot.received);
  const due = asBigInt(expected.amount);
  switch (snapshot.status) {
    case 'paid':
      // "Paid" with less than was asked is a provider settling short: a person looks at it.
      return received >= due
        ? { action: 'credit', overpaid: received > due }
        : { action: 'review', mismatch: 'amount' };
    case 'pending':
    case 'processing':
      return { action: 'wait', status: snapshot.status, underpaid: received > 0n && received < due };
    case 'cancelled':
    case 'expired':
    case 'failed':
      return { action: 'close', status: snapshot.status };
  }
}

/** What the payment service gives a provider when it builds one for a reseller. */
export interface GatewayEnvironment {
  /** The server clock (controllable in tests): expiries and timestamp tolerances use it. */
  now(): Date;
  /** Where this reseller's webhooks for this provider arrive: `<publicBaseUrl>/v1/webhooks/<provider>/<resellerId>`. */
  webhookUrl: string;
  /** The billing API's own public base URL (hosted pages such as the sandbox checkout live there). */
  publicBaseUrl: string;
  /**
   * Overrides the provider's API base URL: a loopback emulator in tests and in the demo. Unset in
   * production, where each provider uses its documented live/sandbox host.
   */
  apiBaseUrl?: string;
  /**
   * How a provider reaches a URL the reseller set in its credentials (the outbound guard: https,
   * no private or link-local targets unless the operator allows them). Absent, such URLs are
   * reached under the default rules. The operator's apiBaseUrl is not the reseller's and uses fetch.
   */
  resellerFetch?: OutboundFetch;
  /**
   * The operator's live coin prices (RATES_API_BASE_URL), for resellers who turned live rates on; a
   * source too old or unreachable refuses new quotes. Absent when the operator configured none.
   */
  liveRates?: RateSource;
  /** The operator's chain APIs (CHAIN_* settings), per network; unset networks use the simulated chain. */
  chainEndpoints?: ChainEndpoints;
}

/**
 * A provider as the registry knows it: the schema of the credentials a reseller stores for it (kept
 * encrypted server-side, never sent to a client) and how to build it from them.
 */
export interface GatewayDefinition<Credentials = unknown> {
  readonly id: ProviderId;
  readonly credentialsSchema: z.ZodType<Credentials>;
  create(credentials: Credentials, env: GatewayEnvironment): PaymentProvider;
  /**
   * The URLs in these credentials that this server will request (by field name): each is checked
   * by the outbound guard when the reseller saves it, and the save refused naming the field.
   */
  resellerUrls?(credentials: Credentials): Record<string, string | undefined>;
  /**
   * Identities in these credentials that only one reseller may hold (by field name), e.g. a crypto
   * account key: two resellers on one key would be shown each other's addresses, and one payment on
   * the chain would credit both. Storing one that another reseller holds is refused naming the field.
   */
  exclusiveIds?(credentials: Credentials): Record<string, string | undefined>;
  /**
   * Fields of these credentials this server could not serve (by field name, with the reason), e.g. a
   * crypto network no chain source observes: storing them is refused naming the field.
   */
  unservedFields?(
    credentials: Credentials,
    env: Pick<GatewayEnvironment, 'apiBaseUrl' | 'chainEndpoints'>,
  ): Record<string, string>;
}

/**
 * Providers that are not told about payments by webhooks alone (a chain to watch, a bank history to
 * poll) also implement this: a job calls it on its schedule, and each event goes through the same
 * path as a verified webhook (stored, de-duplicated by `eventId`, then processed).
 */
export interface PollingProvider {
  pollEvents(since: Date, signal?: AbortSignal): Promise<ProviderEvent[]>;
}
