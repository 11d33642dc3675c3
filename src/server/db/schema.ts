import type { ColumnType, Generated } from 'kysely';
import type { Language } from '../../shared/api/language.js';
import type { PaymentFailureCode } from '../../shared/api/payments.js';
import type { RefundFailureCode } from '../../shared/api/refunds.js';
import type { Currency } from '../../shared/money.js';

/** Timestamps are ISO 8601 UTC strings in both databases: they sort as text and compare exactly. */
type Timestamp = string;

export interface ResellerTable {
  id: string;
  name: string;
  created_at: Timestamp;
}

export interface UserTable {
  id: string;
  reseller_id: string;
  email: string;
  password_hash: string;
  role: 'reseller_admin' | 'support_agent' | 'customer';
  customer_id: string | null;
  created_at: Timestamp;
  /** Set while an admin has switched the login off: it cannot sign in, its sessions stop working. */
  disabled_at: ColumnType<Timestamp | null, Timestamp | null | undefined, Timestamp | null>;
  /** The console language the person chose (0370): the staff notices they get are written in it. */
  language: ColumnType<Language | null, Language | null | undefined, Language | null>;
}

export interface SessionTable {
  id: string;
  token_hash: string;
  user_id: string;
  reseller_id: string;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  created_at: Timestamp;
}

export interface ApiKeyTable {
  id: string;
  reseller_id: string;
  name: string;
  role: 'reseller_admin' | 'support_agent' | 'customer';
  customer_id: string | null;
  key_hash: string;
  prefix: string;
  created_at: Timestamp;
  revoked_at: Timestamp | null;
}

export interface CustomerTable {
  id: string;
  reseller_id: string;
  name: string;
  email: string;
  external_ref: string | null;
  /** Lower-cased name, email and reference, for search as you type. */
  search_text: string;
  /** What the customer's emails are written in (0370); null: English. */
  language?: Language | null;
  /** Who set `language`: an admin's choice stays when the customer's own login switches language. */
  language_set_by?: 'admin' | 'user' | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface WalletTable {
  id: string;
  reseller_id: string;
  customer_id: string;
  currency: Currency;
  status: 'active' | 'closed';
  /** Minor units. Invariant (CHECK): balance >= pending_charges >= 0. */
  balance: number;
  pending_charges: number;
  /** Bumped by every movement; orders the wallet's ledger rows. */
  version: number;
  /** 1 while a payment reversal left the wallet owing more than it held: no new spending (0130). */
  spending_hold?: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface LedgerEntryTable {
  id: string;
  reseller_id: string;
  customer_id: string;
  wallet_id: string;
  /** The wallet's version this row produced: strictly increasing per wallet, so it orders the history. */
  wallet_version: number;
  type: 'credit' | 'top_up' | 'payment' | 'refund' | 'adjustment';
  /** Signed minor units: positive credit, negative debit. */
  amount: number;
  balance_after: number;
  currency: Currency;
  status: 'completed';
  description: string;
  reference: string | null;
  related_id: string | null;
  /** 1: a test-mode movement (a sandbox top-up), no real money; 0 otherwise. */
  test: number;
  /** JSON LedgerWording of a row the server wrote itself (0360); null on rows a person described. */
  wording?: string | null;
  /**
   * A staff movement's audit action (0450): the row is its own audit record, read into the trail
   * with the actor below (services/audit/list.ts); null on rows audited elsewhere or not at all.
   */
  audit_action?: string | null;
  actor_user_id?: string | null;
  actor_api_key_id?: string | null;
  actor_role?: string | null;
  created_at: Timestamp;
}

export interface HoldTable {
  id: string;
  reseller_id: string;
  customer_id: string;
  wallet_id: string;
  amount: number;
  captured_amount: number;
  currency: Currency;
  status: 'pending' | 'captured' | 'released';
  description: string;
  transaction_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface IdempotencyKeyTable {
  reseller_id: string;
  key: string;
  /** sha256 of method, route and body: a different request under the same key is refused. */
  request_hash: string;
  response_status: number;
  response_body: string;
  created_at: Timestamp;
}

export interface ChangeTable {
  id: Generated<number>;
  /**
   * Feed position, in commit order: given as the row is inserted inside an SQLite group commit
   * (Trx.numberChanges), else by the sequencer after commit; null until then.
   */
  seq: number | null;
  reseller_id: string;
  /** The customer the entity belongs to: what a customer-role caller may see. */
  customer_id: string | null;
  entity:
    | 'customer'
    | 'wallet'
    | 'transaction'
    | 'hold'
    | 'payment'
    | 'payment_review'
    | 'product'
    | 'order'
    | 'subscription'
    | 'subscription_attempt'
    | 'notice'
    | 'webhook_endpoint'
    | 'wallet_alert'
    | 'wallet_alert_settings'
    | 'wallet_auto_top_up'
    | 'refund'
    | 'invoice'
    | 'ticket'
    | 'saved_method';
  entity_id: string;
  op: 'create' | 'update';
  /** JSON of the entity as its GET route returns it. */
  data: string;
  created_at: Timestamp;
}

/** Per reseller: which methods its customers see (JSON MethodSetting[]) and limits (JSON TopUpLimits[]). */
export interface PaymentSettingsTable {
  reseller_id: string;
  methods: string;
  limits: string;
  /** Unused receiving addresses in a row the reseller's wallet scans before it stops (0330). */
  crypto_gap_limit: Generated<number>;
  updated_at: Timestamp;
}

export interface GatewayCredentialsTable {
  reseller_id: string;
  provider: string;
  /** base64(iv | tag | AES-256-GCM ciphertext): never leaves the server, never logged. */
  ciphertext: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** 0 or 1: SQLite has no boolean type. */
type Flag = number;

export interface PayerTable {
  id: string;
  reseller_id: string;
  customer_id: string;
  name: string;
  email: string | null;
  is_default: Flag;
  created_at: Timestamp;
}

export interface SavedMethodTable {
  id: string;
  reseller_id: string;
  customer_id: string;
  payer_id: string;
  provider: string;
  label: string;
  status: 'pending' | 'confirmed' | 'failed';
  token: string | null;
  payment_id: string | null;
  is_default: Flag;
  deleted_at: Timestamp | null;
  checked_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PaymentTable {
  id: string;
  reseller_id: string;
  customer_id: string;
  wallet_id: string;
  payer_id: string | null;
  provider: string;
  /** Minor units of `currency`. */
  amount: number;
  currency: Currency;
  status: 'new' | 'processing' | 'paid' | 'cancelled' | 'expired' | 'failed';
  underpaid: Flag;
  overpaid: Flag;
  fee: number;
  /** Crypto only: JSON {asset, network}. */
  rail: string | null;
  checkout: string | null;
  provider_payment_id: string | null;
  recipient: string | null;
  /** JSON RailAmount (coin amounts as decimal strings of base units). */
  expected: string | null;
  memo: string | null;
  saved_method_id: string | null;
  saves_method_id: string | null;
  transaction_id: string | null;
  top_up_link_id: string | null;
  /** The invoice this payment pays (migration 0110): settling it pays the invoice in the same transaction. */
  invoice_id?: string | null;
  failure_reason: string | null;
  idempotency_key: string;
  expires_at: Timestamp;
  paid_at: Timestamp | null;
  lease_until: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** Minor units refunded or being refunded (pending + succeeded refunds), 0130. */
  refunded_amount?: number;
  /** Minor units the provider took back (disputes, reversals, refunds made at the provider). */
  reversed_amount?: number;
  /** How much of reversed_amount was debited from the wallet; the rest is owed. */
  reversal_debited?: number;
  dispute_status?: 'open' | 'won' | 'lost' | null;
  /** Crypto: JSON array of the chain transactions seen paying it (0220). */
  chain_txids?: string | null;
  /** Crypto: the receiving-address index of the reseller's account key this payment got (0230). */
  address_index?: number | null;
  /** VietQR: JSON array of the bank lines' references seen paying it (0290). */
  bank_references?: string | null;
  /** Why it ended without money, as a code (0350); failure_reason says it in English. */
  failure_code?: PaymentFailureCode | null;
  /** A declined card's reason as its provider coded it (0485: Stripe's decline codes); else null. */
  decline_code?: string | null;
  /**
   * 1: paid at the provider, refused by its wallet, its money carried by a review (0460); settling
   * never credits it, applying that review does.
   */
  held_for_review?: Flag;
  /**
   * Ended (cancelled, expired), paid anyway, and its money applied by staff where it did not pay
   * this payment (0471): the wallet credited, that wallet's customer, when.
   */
  late_money_wallet_id?: string | null;
  late_money_customer_id?: string | null;
  late_money_at?: Timestamp | null;
}

/** A credential identity only one reseller may hold, e.g. a crypto account key (0230). */
export interface ExclusiveCredentialIdTable {
  id: string;
  reseller_id: string;
  provider: string;
  /** The credentials field it came from ("xpubs.bitcoin"). */
  field: string;
  created_at: Timestamp;
}

/** Per reseller and coin network, the last receiving-address index handed out (0230). */
export interface CryptoAddressIndexTable {
  reseller_id: string;
  network: 'bitcoin' | 'ethereum' | 'tron';
  last_index: number;
}

/** Money sent back out of a wallet: to a top-up's source, or paid out by staff (0130). */
export interface RefundTable {
  id: string;
  reseller_id: string;
  customer_id: string;
  wallet_id: string;
  /** The top-up refunded; null for a manual payout of a closed wallet's rest. */
  payment_id: string | null;
  provider: string | null;
  method: 'provider' | 'manual';
  amount: number;
  currency: Currency;
  reason: string;
  status: 'pending' | 'succeeded' | 'failed';
  destination: string | null;
  reference: string | null;
  provider_refund_id: string | null;
  failure_reason: string | null;
  /** `failure_reason` as a code (0478): refused refunds only. */
  failure_code: RefundFailureCode | null;
  /** The `refund` ledger row that debited the wallet. */
  transaction_id: string;
  /** The compensating `adjustment` row that credited it back when the provider refused. */
  compensation_id: string | null;
  /**
   * When it was last re-read while its provider had not settled it (0497): null until then. Shared
   * by every API process, so they re-read it once a quarter of an hour between them.
   */
  checked_at: Timestamp | null;
  /**
   * 1: every ask of it carried our refund id (PayPal's invoice_id), so its provider can be searched
   * for it (findRefund). 0: asked before that could be known (0498), as every earlier refund reads.
   */
  sent_with_id: number;
  /**
   * 1: unanswered past its provider's request-id window and not findable by our id (0498): held
   * for staff with a payment review, never asked of its provider again by any job.
   */
  held_for_review: number;
  idempotency_key: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface GatewayEventTable {
  id: string;
  reseller_id: string;
  provider: string;
  event_id: string;
  event: string;
  raw_body: string | null;
  received_at: Timestamp;
  processed_at: Timestamp | null;
  outcome: string | null;
  lease_until: Timestamp | null;
  attempts: number;
  /** X-Request-Id of the webhook delivery that stored it (null: polled, or stored before 0100). */
  request_id: string | null;
}

export interface PaymentReviewTable {
  id: string;
  reseller_id: string;
  payment_id: string | null;
  provider: string;
  reason:
    | 'payment'
    | 'reference'
    | 'recipient'
    | 'currency'
    | 'amount'
    | 'overpaid'
    | 'unmatched'
    | 'reversal'
    | 'network';
  detail: string;
  status: 'open' | 'resolved';
  resolution: string | null;
  created_at: Timestamp;
  resolved_at: Timestamp | null;
  /** The provider's event (a bank line) this review is about, "provider:event id"; unique per reseller. */
  provider_event: string | null;
  /** What that transfer brought, minor units of `currency`: as the bank reported it, which may be no currency a wallet holds. */
  amount: number | null;
  currency: string | null;
  /** Set once when staff apply the transfer (services/payment-reviews/apply.ts). */
  applied_payment_id: string | null;
  applied_wallet_id: string | null;
  applied_transaction_id: string | null;
  applied_by: string | null;
  applied_at: Timestamp | null;
}

export interface TopUpLinkTable {
  id: string;
  reseller_id: string;
  customer_id: string;
  wallet_id: string;
  amount: number | null;
  currency: Currency;
  /** The /pay/<token> of the shareable URL (not a secret: it only pays into this wallet). */
  token: string;
  status: 'active' | 'used' | 'expired' | 'revoked';
  payment_id: string | null;
  expires_at: Timestamp;
  /** When an admin revoked it (0380): its page then takes no payment. Null: never revoked. */
  revoked_at?: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SandboxCheckoutTable {
  id: string;
  reseller_id: string;
  /** Our payment id, as a real provider keeps the merchant's order reference. */
  reference: string;
  amount: number;
  currency: Currency;
  status: 'pending' | 'processing' | 'paid' | 'failed' | 'cancelled' | 'expired';
  save_method: Flag;
  method_token: string | null;
  card_last4: string | null;
  idempotency_key: string;
  return_url: string;
  expires_at: Timestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** Per reseller: how far its change feed was folded (see services/retention/compact-feed.ts). */
export interface FeedCompactionTable {
  reseller_id: string;
  folded_through: number;
  compacted_at: Timestamp;
}

/** The same, for one customer's own entries: what a customer's feed is judged by (0410). */
export interface CustomerFeedCompactionTable {
  reseller_id: string;
  customer_id: string;
  folded_through: number;
  compacted_at: Timestamp;
}

/** A background job that must run in one process at a time holds its row's lease while it works. */
export interface JobLeaseTable {
  name: string;
  holder: string | null;
  lease_until: Timestamp | null;
}

/** Per reseller and currency: limits on staff movements (merchant credits, adjustments), minor units. */
export interface MovementLimitTable {
  reseller_id: string;
  currency: Currency;
  /** The console asks for confirmation above this amount. */
  confirm_above: number;
  /** The API refuses a movement above this amount. */
  max_amount: number;
  updated_at: Timestamp;
}

/** One fixed window of credential attempts (see services/auth/throttle.ts). */
export interface AuthThrottleTable {
  key: string;
  attempts: number;
  /** Epoch milliseconds. */
  window_started_ms: number;
}

/** A reseller's webhook receiver (see migration 0140). `events`: JSON array of WebhookEventType. */
export interface WebhookEndpointTable {
  id: string;
  reseller_id: string;
  url: string;
  description: string;
  events: string;
  /** Sealed `whsec_…` (AES-256-GCM, see payments/sealing.ts): never leaves the server but once, never logged. */
  secret: string;
  status: 'enabled' | 'disabled';
  disabled_reason: string | null;
  /** Failed attempts since the last success. */
  failure_streak: ColumnType<number, number | undefined, number>;
  last_success_at: Timestamp | null;
  deleted_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** An event, once; its id is the `webhook-id` header of every delivery of it. `data`: JSON. */
export interface WebhookEventTable {
  id: string;
  reseller_id: string;
  type: string;
  data: string;
  created_at: Timestamp;
}

/** One event to one endpoint; `seq` orders an endpoint's deliveries. */
export interface WebhookDeliveryTable {
  seq: Generated<number>;
  id: string;
  reseller_id: string;
  endpoint_id: string;
  event_id: string;
  event_type: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: Timestamp;
  lease_until: Timestamp | null;
  last_status: number | null;
  last_error: string | null;
  delivered_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** One request made to an endpoint. */
export interface WebhookAttemptTable {
  id: string;
  reseller_id: string;
  delivery_id: string;
  endpoint_id: string;
  attempted_at: Timestamp;
  ok: Flag;
  /** HTTP status, null when no answer came (refused, timed out, guard). */
  status: number | null;
  duration_ms: number;
  /** The answer's first bytes. */
  response_excerpt: string | null;
  error: string | null;
}

/** A queued email (see src/server/email/). `to_addresses`: JSON array. */
export interface EmailTable {
  id: string;
  reseller_id: string;
  to_addresses: string;
  subject: string;
  text_body: string;
  html_body: string;
  status: 'queued' | 'sent' | 'failed';
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: Timestamp;
  lease_until: Timestamp | null;
  last_error: string | null;
  sent_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** Per reseller: its invoice number series (migration 0110). */
export interface InvoiceSeriesTable {
  reseller_id: string;
  prefix: string;
  last_number: number;
  bank_details?: string | null;
  /** 1: customers are offered "Invoice" (bank transfer) on Top Up (migration 0160). */
  offer_top_up?: Flag;
  /** The reseller's own counter of test-mode receipts (0400), apart from the real series. */
  test_last_number?: number;
  updated_at: Timestamp;
}

/** Per customer: whether finalizing an invoice pays it at once (wallet first, then the default saved method). */
export interface InvoiceCustomerSettingTable {
  customer_id: string;
  reseller_id: string;
  auto_pay: Flag;
  updated_at: Timestamp;
}

export interface InvoiceTable {
  id: string;
  reseller_id: string;
  customer_id: string;
  /** Null while draft; unique per reseller once finalized. */
  number: string | null;
  sequence: number | null;
  status: 'draft' | 'open' | 'partially_paid' | 'paid' | 'void';
  currency: Currency;
  /** JSON InvoiceLine[]. */
  lines: string;
  /** Minor units, rounded once by the server (services/invoices/totals.ts). */
  subtotal: number;
  tax: number;
  total: number;
  amount_paid: number;
  amount_refunded: number;
  amount_due: number;
  memo: string | null;
  /** YYYY-MM-DD. */
  due_date: string | null;
  /** Null: the customer's setting decides. */
  auto_pay: Flag | null;
  method_last_used: string | null;
  /** JSON InvoiceApplication[]: the money applied to (or refunded from) this invoice, with its ledger rows. */
  applications: string;
  pending_payment_id: string | null;
  /** "Invoice" as a top-up method: the wallet a bank transfer for it credits. */
  top_up_wallet_id: string | null;
  /** A receipt for this paid top-up (migration 0160): at most one invoice per payment. */
  receipt_payment_id?: string | null;
  /** 1: a test-mode receipt (0400), for a sandbox top-up: no real money, numbered TEST-…, not in the series. */
  test?: Flag;
  issued_at: Timestamp | null;
  paid_at: Timestamp | null;
  voided_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface Database {
  resellers: ResellerTable;
  users: UserTable;
  sessions: SessionTable;
  api_keys: ApiKeyTable;
  customers: CustomerTable;
  wallets: WalletTable;
  ledger_entries: LedgerEntryTable;
  holds: HoldTable;
  idempotency_keys: IdempotencyKeyTable;
  changes: ChangeTable;
  payment_settings: PaymentSettingsTable;
  gateway_credentials: GatewayCredentialsTable;
  crypto_address_indexes: CryptoAddressIndexTable;
  exclusive_credential_ids: ExclusiveCredentialIdTable;
  payers: PayerTable;
  saved_methods: SavedMethodTable;
  payments: PaymentTable;
  gateway_events: GatewayEventTable;
  payment_reviews: PaymentReviewTable;
  top_up_links: TopUpLinkTable;
  sandbox_checkouts: SandboxCheckoutTable;
  feed_compactions: FeedCompactionTable;
  customer_feed_compactions: CustomerFeedCompactionTable;
  job_leases: JobLeaseTable;
  movement_limits: MovementLimitTable;
  auth_throttles: AuthThrottleTable;
  products: ProductTable;
  orders: OrderTable;
  subscriptions: SubscriptionTable;
  subscription_attempts: SubscriptionAttemptTable;
  notices: NoticeTable;
  webhook_endpoints: WebhookEndpointTable;
  webhook_events: WebhookEventTable;
  webhook_deliveries: WebhookDeliveryTable;
  webhook_attempts: WebhookAttemptTable;
  emails: EmailTable;
  wallet_alert_settings: WalletAlertSettingsTable;
  wallet_alerts: WalletAlertTable;
  wallet_auto_top_ups: WalletAutoTopUpTable;
  auto_top_up_attempts: AutoTopUpAttemptTable;
  refunds: RefundTable;
  invoice_series: InvoiceSeriesTable;
  invoice_customer_settings: InvoiceCustomerSettingTable;
  invoices: InvoiceTable;
  tickets: TicketTable;
  ticket_messages: TicketMessageTable;
  audit_records: AuditRecordTable;
  bank_line_applications: BankLineApplicationTable;
}

/** One staff action that changed money or settings (migration 0200); before/after are JSON. */
export interface AuditRecordTable {
  id: string;
  reseller_id: string;
  actor_user_id: string | null;
  actor_api_key_id: string | null;
  actor_role: string;
  action: string;
  entity_type: string;
  entity_id: string;
  before: string | null;
  after: string | null;
  reason: string | null;
  created_at: Timestamp;
}

/** A bank-statement line applied by staff, once per (reseller, bank_reference) (migration 0200). */
export interface BankLineApplicationTable {
  id: string;
  reseller_id: string;
  bank_reference: string;
  /** Minor units of currency. */
  amount: number;
  currency: Currency;
  line_date: string;
  description: string;
  target_kind: 'payment' | 'invoice';
  target_id: string;
  wallet_id: string;
  transaction_id: string;
  created_at: Timestamp;
}

/** A wallet's low-balance alert rule and its state (migration 0150); amounts in minor units. */
export interface WalletAlertSettingsTable {
  wallet_id: string;
  reseller_id: string;
  customer_id: string;
  threshold: number | null;
  runway_days: number | null;
  /** JSON array of 'desktop' | 'email' | 'webhook'. */
  channels: string;
  /** JSON array of addresses. */
  emails: string;
  state: 'ok' | 'low';
  state_since: Timestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** One alert that fired (append-only history). */
export interface WalletAlertTable {
  id: string;
  reseller_id: string;
  customer_id: string;
  wallet_id: string;
  type: 'wallet.balance_low' | 'wallet.balance_recovered' | 'wallet.auto_top_up_failed';
  reason: 'threshold' | 'runway' | null;
  message: string;
  available_balance: number;
  currency: string;
  threshold: number | null;
  runway_days: number | null;
  /** Whole days of runway left when it fired; null when nothing was spent in 30 days. */
  days_left: number | null;
  channels: string;
  /** JSON `AutoTopUpFailure` of a `wallet.auto_top_up_failed` alert (0476); null otherwise and before. */
  auto_top_up: string | null;
  created_at: Timestamp;
}

export interface WalletAutoTopUpTable {
  wallet_id: string;
  reseller_id: string;
  customer_id: string;
  enabled: number;
  threshold: number;
  amount: number | null;
  target_balance: number | null;
  payment_method_id: string;
  state: 'idle' | 'due' | 'pending';
  payment_id: string | null;
  consecutive_failures: number;
  /** The UTC day (YYYY-MM-DD) attempts_today counts. */
  attempts_day: string | null;
  attempts_today: number;
  next_attempt_at: Timestamp | null;
  last_error: string | null;
  /** JSON `RefusalReason` of `last_error`, for a reader's language (0477); null when none stood for it. */
  last_error_reason: string | null;
  disabled_reason: string | null;
  lease_until: Timestamp | null;
  /**
   * The pending charge's lookups at its provider that got no answer (0481): how many, the provider,
   * the last one's error code, since when, and when the job asks again; all null while none failed.
   */
  unconfirmed_asks: number | null;
  unconfirmed_provider: string | null;
  unconfirmed_code: string | null;
  unconfirmed_since: Timestamp | null;
  unconfirmed_retry_at: Timestamp | null;
  /** When the reseller was told the charge waits on its provider (0493); null until then. */
  unconfirmed_noticed_at?: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AutoTopUpAttemptTable {
  id: string;
  reseller_id: string;
  wallet_id: string;
  payment_id: string | null;
  amount: number;
  status: 'pending' | 'paid' | 'failed';
  error: string | null;
  /** `error` as data (0487): a JSON RefusalReason {key, values}, as `last_error_reason`; or null. */
  error_reason?: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type BillingPeriod = 'none' | 'month' | 'quarter' | 'year';

/** A reseller's catalog entry; `prices` is JSON {currency: unit price in minor units}. */
export interface ProductTable {
  id: string;
  reseller_id: string;
  name: string;
  description: string;
  prices: string;
  period: BillingPeriod;
  active: Flag;
  provisioning_timeout_minutes: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type OrderStatus = 'provisioning' | 'completed' | 'partial' | 'failed';

/** A customer's order, paid from the wallet in one `payment` row; `refunded` is what came back. */
export interface OrderTable {
  id: string;
  reseller_id: string;
  customer_id: string;
  wallet_id: string;
  product_id: string;
  number: string;
  product_name: string;
  quantity: number;
  unit_price: number;
  total: number;
  refunded: number;
  currency: Currency;
  status: OrderStatus;
  provisioned: number | null;
  failure_reason: string | null;
  payment_transaction_id: string;
  refund_transaction_id: string | null;
  subscription_id: string | null;
  provision_by: Timestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** Times the timeout job's refund was refused (0475); it retries with a backoff, see failStuckOrders. */
  timeout_refusals: number;
  /** The last such refusal, for staff: `code: message`. */
  timeout_refusal: string | null;
  /** Not retried by the timeout job before this. */
  timeout_retry_at: Timestamp | null;
}

export type SubscriptionStatus = 'active' | 'past_due' | 'cancelled' | 'expired';

export interface SubscriptionTable {
  id: string;
  reseller_id: string;
  customer_id: string;
  wallet_id: string;
  product_id: string;
  order_id: string;
  product_name: string;
  quantity: number;
  amount: number;
  currency: Currency;
  period: Exclude<BillingPeriod, 'none'>;
  status: SubscriptionStatus;
  auto_renew: Flag;
  current_period_start: Timestamp;
  current_period_end: Timestamp;
  next_attempt_at: Timestamp | null;
  past_due_since: Timestamp | null;
  notified_period_end: Timestamp | null;
  pending_payment_id: string | null;
  lease_until: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SubscriptionAttemptTable {
  id: string;
  reseller_id: string;
  customer_id: string;
  subscription_id: string;
  period_end: Timestamp;
  trigger: 'schedule' | 'manual';
  outcome: 'paid' | 'insufficient_funds' | 'top_up_started' | 'top_up_failed' | 'expired' | 'ended';
  amount: number;
  transaction_id: string | null;
  payment_id: string | null;
  detail: string;
  created_at: Timestamp;
}

export interface NoticeTable {
  id: string;
  reseller_id: string;
  customer_id: string;
  kind: 'renewal_not_covered';
  subject_id: string;
  message: string;
  created_at: Timestamp;
}

export type TicketStatus = 'open' | 'waiting_on_customer' | 'resolved';

/** A support ticket (migration 0190): one customer's, maybe about one payment, invoice or order. */
export interface TicketTable {
  id: string;
  reseller_id: string;
  customer_id: string;
  subject: string;
  status: TicketStatus;
  subject_kind: 'payment' | 'invoice' | 'order' | null;
  subject_id: string | null;
  assignee_user_id: string | null;
  /** Who opened it, as actorName names them (an email, or an API key's label). */
  opened_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** One message of a ticket's thread; never changed once written. */
export interface TicketMessageTable {
  id: string;
  ticket_id: string;
  author_side: 'customer' | 'staff';
  author_name: string;
  body: string;
  created_at: Timestamp;
}
