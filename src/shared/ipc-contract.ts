/**
 * The one IPC contract between the renderer and the main process: every channel's input schema and
 * result type, plus the events main pushes. Main validates inputs with these schemas; the preload
 * (Electron) and the WebSocket bridge (browser host) build their named methods from the names alone
 * (ipc-names.ts), which `satisfies` below holds to exactly these channels and events.
 */
import { z } from 'zod';
import { statementProblemSchema } from './statements/statement.js';
import { cacheTables, type Channel, type EventName, type MethodName } from './ipc-names.js';
import {
  createUserBody,
  resetPasswordBody,
  resetPasswordResponse,
  roleSchema,
  updateUserInput,
  userSchema,
} from './api/auth.js';
import {
  currencySchema,
  positiveAmountSchema,
  refusalReasonSchema,
  requiredEmailSchema,
  signedAmountSchema,
  type RefusalReason,
} from './api/common.js';
import { customerSchema } from './api/customers.js';
import { languageSchema, type Language } from './api/language.js';
import { auditListSchema, listAuditQuery } from './api/audit.js';
import {
  appliedLineSchema,
  bankColumnMappingSchema,
  lineMatchSchema,
  matchTargetSchema,
  statementLineSchema,
  walletDriftSchema,
} from './recon.js';
import { closeWalletBody, closeWalletResponse, createRefundBody, refundSchema } from './api/refunds.js';
import { movementLimitSchema, updateMovementLimitsBody } from './api/movement-limits.js';
import {
  alertSettingsBody,
  alertSettingsSchema,
  autoTopUpAttemptSchema,
  autoTopUpBody,
  autoTopUpSchema,
  walletAlertSchema,
} from './api/alerts.js';
import {
  gatewayCredentialsBody,
  heldRefundOutcomeSchema,
  paymentFailureCodeSchema,
  paymentProviderSchema,
  paymentReviewSchema,
  paymentSchema,
  paymentSettingsSchema,
  paymentStatusSchema,
  payerSchema,
  savedMethodSchema,
  topUpLinkSchema,
  topUpOptionsSchema,
  updatePaymentSettingsBody,
} from './api/payments.js';
import { gatewayActivitySchema } from './api/gateway-activity.js';
import { transactionTypeSchema, walletSchema, transactionSchema, holdSchema } from './api/wallets.js';
import { ledgerWordingWireSchema } from './api/ledger-wording.js';
import {
  invoiceLineInput,
  invoiceSchema,
  markInvoicePaidBody,
  invoiceSeriesBody,
  invoiceSeriesSchema,
  invoiceListStatusSchema,
} from './api/invoices.js';
import {
  ticketAssigneeSchema,
  ticketSchema,
  ticketStatusSchema,
  ticketSubjectKindSchema,
} from './api/tickets.js';
import { verifyPaymentResponse } from './api/payment-verify.js';
import { outboxSummarySchema } from './outbox-summary.js';
import {
  noticeSchema,
  batchRefundResponse,
  orderResponse,
  orderSchema,
  createProductBody,
  orderStatusSchema,
  productSchema,
  renewResponse,
  updateProductBody,
  subscriptionSchema,
} from './api/orders.js';
import {
  cryptoRailChoiceSchema,
  customerCreateOperation,
  invoiceCreateOperation,
  ticketOpenOperation,
  ticketReplyOperation,
  orderFulfilOperation,
  paymentCreateOperation,
  subscriptionCancelOperation,
  storedOperationSchema,
  walletAdjustOperation,
  walletCreateOperation,
  walletCreditOperation,
  type OutboxOperation,
} from './outbox-operations.js';

import {
  createWebhookEndpointBody,
  updateWebhookEndpointFields,
  webhookDeliveryListQuery,
  webhookDeliveryListSchema,
  webhookDeliverySchema,
  webhookEndpointSchema,
  webhookEndpointWithSecretSchema,
} from './api/webhooks.js';
import { cryptoAddressesSchema, paymentDerivationSchema } from './api/crypto-addresses.js';
const id = z.string().min(1).max(64);
const text = (max: number) => z.string().trim().min(1, { error: 'must not be empty' }).max(max);
/** An Idempotency-Key the renderer made once per confirmed money-moving action (see orders:place). */
const requestKey = z
  .string()
  .regex(/^[\x21-\x7e]{16,255}$/, { error: 'must be 16-255 printable characters' });
/**
 * Where a newest-first list's last page ended: its last record's creation time and id. The next
 * page holds the records below it (a keyset page: the hundredth costs what the first does).
 */
const olderThan = z.strictObject({
  createdAt: z.iso.datetime({ error: 'must be an ISO 8601 date-time' }),
  id,
});
export type OlderThan = z.infer<typeof olderThan>;
/** As olderThan, for a list in order of latest activity (tickets): the last one's activity then. */
const quieterThan = z.strictObject({
  updatedAt: z.iso.datetime({ error: 'must be an ISO 8601 date-time' }),
  id,
});
export type QuieterThan = z.infer<typeof quieterThan>;
/** As olderThan, for a list in order of renewal, soonest first (subscriptions): the last one's period end. */
const laterThan = z.strictObject({
  currentPeriodEnd: z.iso.datetime({ error: 'must be an ISO 8601 date-time' }),
  id,
});
export type LaterThan = z.infer<typeof laterThan>;

// ---- results ----------------------------------------------------------------------------------

export const sessionSchema = z.object({
  state: z.enum(['starting', 'signed_out', 'signed_in']),
  /** `demo`: the billing API embedded in this app, on 127.0.0.1, with a seeded demo reseller. */
  mode: z.enum(['demo', 'hosted']).nullable(),
  apiUrl: z.string().nullable(),
  role: roleSchema.nullable(),
  resellerName: z.string().nullable(),
  email: z.string().nullable(),
  customerId: z.string().nullable(),
  /** The signed-in user's id ("Assigned to me"); null for an API key. Never a credential. */
  userId: z.string().nullable(),
  /** Whether credentials are kept across restarts (Electron safeStorage), or only in memory. */
  remembered: z.boolean(),
});
export type Session = z.infer<typeof sessionSchema>;

/** The console's display languages; English is the default (the same as the API's own text). */
export { languageSchema, type Language };

export const syncStatusSchema = z.object({
  state: z.enum(['idle', 'online', 'syncing', 'offline']),
  /**
   * Initial sync progress: changes applied so far (fewer than the positions covered: the desktop
   * reads compacted pages, without the wallet states a page supersedes itself), the cache's feed
   * position and the one being caught up to.
   */
  progress: z.object({ applied: z.int(), cursor: z.int(), target: z.int() }).nullable(),
  lastSyncedAt: z.string().nullable(),
  pendingCount: z.int(),
  rejectedCount: z.int(),
  error: z.string().nullable(),
  /**
   * Set when the server had compacted its change feed past this console's position and the local
   * copy was rebuilt from the start (queued changes kept): what to tell the user, until sign-out.
   */
  rebuiltAt: z.string().nullable(),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

/** The sync status before any sync ran: nothing known, nothing queued. */
export const IDLE_SYNC_STATUS: SyncStatus = {
  state: 'idle',
  progress: null,
  lastSyncedAt: null,
  pendingCount: 0,
  rejectedCount: 0,
  error: null,
  rebuiltAt: null,
};

/**
 * Why the server refused a queued write: its code, its English message and, when the server gave
 * one, the reason as data (`reason`), which the renderer words in the console's language.
 */
export const queuedRefusalSchema = z.object({
  code: z.string(),
  message: z.string(),
  reason: refusalReasonSchema.optional(),
});
export type QueuedRefusal = z.infer<typeof queuedRefusalSchema>;

/** Where a queued write stands, and whom it concerns; what it does is its operation. */
const outboxItemBase = z.object({
  id: z.string(),
  state: z.enum(['pending', 'sending', 'rejected']),
  /** The customer or wallet it concerns (a local id until its creation is confirmed). */
  customerId: z.string().nullable(),
  walletId: z.string().nullable(),
  currency: currencySchema.nullable(),
  /** How it reads, as a translation key and values: the renderer words it in the user's language. */
  summary: outboxSummarySchema,
  error: queuedRefusalSchema.nullable(),
  createdAt: z.string(),
});

/** A queued write: its operation (`kind` and `payload`, amounts in minor units) and its state. */
export const outboxItemSchema = z.intersection(storedOperationSchema, outboxItemBase);
export type OutboxItem = z.infer<typeof outboxItemSchema>;
/** An outbox item whose operation is of kind `K`. */
export type QueuedItem<K extends OutboxItem['kind']> = Extract<OutboxItem, { kind: K }>;

/** The item one channel queues: its operation's kind is known. */
const queuedItem = <O extends z.ZodType<OutboxOperation>>(operation: O) =>
  z.intersection(operation, outboxItemBase);

/** Why the server refused a write still in the outbox (shown on what it would have made, until discarded). */
const rejection = queuedRefusalSchema.optional();

export const customerViewSchema = customerSchema.extend({
  /** Still only in the outbox: not yet confirmed by the server. */
  pending: z.boolean(),
  rejection,
});
export type CustomerView = z.infer<typeof customerViewSchema>;

export const walletViewSchema = walletSchema.extend({
  customerName: z.string(),
  pending: z.boolean(),
  /** A wallet still queued: the initial balance (minor units) waiting to be sent, not yet in `balance`. */
  pendingInitialBalance: z.int().optional(),
  rejection,
});
export type WalletView = z.infer<typeof walletViewSchema>;

export const historyPageSchema = z.object({
  items: z.array(transactionSchema),
  /** Rows matching the filter; counted for the first page only (offset 0), null otherwise. */
  total: z.int().nullable(),
});
export type HistoryPage = z.infer<typeof historyPageSchema>;

export const balancePointSchema = z.object({ date: z.string(), balance: z.int() });

/**
 * A top-up as the console follows it: still in the outbox (queued, or refused before the server
 * created a payment), or the payment the server created, as last synced into the cache.
 */
export const topUpTrackSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('queued'), item: queuedItem(paymentCreateOperation) }),
  z.object({ kind: z.literal('payment'), payment: paymentSchema }),
]);
export type TopUpTrack = z.infer<typeof topUpTrackSchema>;

// ---- channels -----------------------------------------------------------------------------------

/** `from` and `to` are UTC calendar days, both inclusive. */
/** An invoice as the screens show it: from the cache, or a draft still queued (`pending`). */
export const invoiceViewSchema = invoiceSchema.extend({
  pending: z.boolean(),
  rejection,
  customerName: z.string(),
});
export type InvoiceView = z.infer<typeof invoiceViewSchema>;

/** A subscription as the renewals list shows it, from the cache. */
export const renewalViewSchema = subscriptionSchema.extend({
  /**
   * The number of the order that started it while that order is still provisioning: the server
   * renews nothing until the order is provisioned (null: provisioned, or the order not cached).
   */
  provisioningOrder: z.string().nullable(),
});
export type RenewalView = z.infer<typeof renewalViewSchema>;

/** One order as its page shows it, from the cache: its renewals, and the ledger rows it wrote. */
export const orderViewSchema = z.object({
  order: orderSchema,
  /** The subscription a periodic product's order started (null: none, or not cached). */
  subscription: subscriptionSchema.nullable(),
  /** The wallet's `payment` row for the order (null: not cached). */
  payment: transactionSchema.nullable(),
  /** Every cached `refund` row of that payment, oldest first: the order's own and any made by hand. */
  refunds: z.array(transactionSchema),
});
export type OrderView = z.infer<typeof orderViewSchema>;

const exportId = z.string().regex(/^exp_[0-9a-f]{24}$/, { error: 'must be an export id' });

/** Where a CSV export stands; sent about every percent, and once when it ends. */
export const exportProgressSchema = z.object({
  exportId: z.string(),
  state: z.enum(['running', 'done', 'cancelled', 'failed']),
  /** Rows written so far, of `total`. */
  written: z.int(),
  total: z.int(),
  /** Electron, when done: the file written. */
  path: z.string().nullable(),
  /** Browser host, when done: where the page fetches the file (once). */
  downloadUrl: z.string().nullable(),
  error: z.string().nullable(),
});
export type ExportProgress = z.infer<typeof exportProgressSchema>;

const historyFilter = z.strictObject({
  walletId: id,
  type: transactionTypeSchema.optional(),
  from: z.iso.date({ error: 'must be a date (YYYY-MM-DD)' }).optional(),
  to: z.iso.date({ error: 'must be a date (YYYY-MM-DD)' }).optional(),
});

/** What the search box finds, grouped in this order (Ctrl/Cmd+K; the local cache's FTS5 index). */
export const searchKinds = ['customer', 'payment', 'invoice', 'order', 'ticket', 'transaction'] as const;
export type SearchKind = (typeof searchKinds)[number];
export const searchHitSchema = z.object({
  kind: z.enum(searchKinds),
  id: z.string(),
  /** A customer's name, a ledger row's description, a payment's provider reference. */
  title: z.string(),
  /** A customer's email; otherwise the customer's name. */
  detail: z.string(),
  /**
   * The identifier people quote: a ledger row's reference, a payment's crypto address, VietQR memo
   * or provider reference, a customer's external reference.
   */
  code: z.string().nullable(),
  /**
   * A ledger row's type, a payment's `provider:status` (`provider:held_for_review` when held), or an
   * invoice's status as it reads (`payment_held` or `processing` from the payment it tracks: payingStatus).
   */
  type: z.string().nullable(),
  amount: z.int().nullable(),
  currency: currencySchema.nullable(),
  at: z.string().nullable(),
  customerId: z.string().nullable(),
  walletId: z.string().nullable(),
  /** A ledger row's link and wording, for the console to word it as its history does. */
  relatedId: z.string().nullable().optional(),
  wording: ledgerWordingWireSchema.optional(),
});
export type SearchHit = z.infer<typeof searchHitSchema>;
/** A payment hit's status while the payment is held for a review: paid, waiting for staff. */
export const HELD_FOR_REVIEW = 'held_for_review';
/**
 * A payment hit's status while a saved method's charge is held for staff unanswered (heldUnanswered):
 * whether it was made is unknown, so it reads neither paid nor open.
 */
export const HELD_UNANSWERED = 'held_unanswered';
export const searchResultsSchema = z.object({
  groups: z.array(z.object({ kind: z.enum(searchKinds), items: z.array(searchHitSchema) })),
  /** Rows the index has not reached yet (an initial sync just brought them): results may lack them. */
  indexing: z.int(),
});
export type SearchResults = z.infer<typeof searchResultsSchema>;

/** A bank statement's text: 10 MB is years of a busy account. */
const statementCsv = z
  .string()
  .min(1, { error: 'the file is empty' })
  .max(10_000_000, { error: 'is larger than a statement can be (10 MB)' });

export const channels = {
  'session:get': { input: z.strictObject({}), result: sessionSchema },
  'session:connect': {
    input: z.discriminatedUnion('method', [
      z.strictObject({
        method: z.literal('password'),
        url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
        email: requiredEmailSchema,
        password: z.string().min(1, { error: 'must not be empty' }).max(200),
      }),
      z.strictObject({
        method: z.literal('api_key'),
        url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
        apiKey: z.string().min(10, { error: 'is too short to be an API key' }).max(200),
      }),
    ]),
    result: sessionSchema,
  },
  'session:use-demo': { input: z.strictObject({}), result: sessionSchema },
  'session:sign-out': { input: z.strictObject({}), result: sessionSchema },
  /** The renderer's first screen is shown: start-up work it did not need (the demo's API) may begin. */
  'session:first-screen-shown': { input: z.strictObject({}), result: z.null() },
  /** The signed-in user's language (null: never chosen); signed out, the last choice on this computer. */
  'preferences:language': {
    input: z.strictObject({}),
    result: z.object({ language: languageSchema.nullable() }),
  },
  'preferences:set-language': {
    input: z.strictObject({ language: languageSchema }),
    result: z.object({ language: languageSchema }),
  },

  'sync:status': { input: z.strictObject({}), result: syncStatusSchema },
  'sync:now': { input: z.strictObject({}), result: syncStatusSchema },

  /**
   * Wallets, by customer name: a customer's (`customerId`), only these (`walletIds`: the wallets a
   * screen's records name, so that it never reads them all), or every one (for tools and tests
   * that check the whole cache; screens page through `wallets:search`).
   */
  /** `customerIds`: the wallets of these customers (the Customers list's balances). */
  'wallets:list': {
    input: z.strictObject({
      customerId: id.optional(),
      walletIds: z.array(id).min(1).max(500).optional(),
      customerIds: z.array(id).min(1).max(500).optional(),
    }),
    result: z.array(walletViewSchema),
  },
  /**
   * A page of wallets by customer name then currency, past `after` (the last wallet the page
   * before showed), and how many match: text in the customer's name, e-mail or reference, or a
   * currency code; `currency` and `active` (money can be applied) narrow it. Wallets still queued
   * in the outbox come first on the first page (no `after`), in addition to `limit` confirmed
   * ones, and count in `total`; `active` leaves them out.
   */
  'wallets:search': {
    input: z.strictObject({
      query: z.string().max(200).default(''),
      currency: currencySchema.optional(),
      active: z.boolean().optional(),
      after: z
        .strictObject({ customerName: z.string().max(1000), customerId: id, currency: currencySchema })
        .optional(),
      limit: z.int().min(1).max(200).default(50),
    }),
    result: z.object({ items: z.array(walletViewSchema), total: z.int() }),
  },
  /** The currencies the cached wallets use, each once. */
  'wallets:currencies': { input: z.strictObject({}), result: z.array(z.string()) },
  'wallets:get': { input: z.strictObject({ walletId: id }), result: walletViewSchema.nullable() },
  'wallets:history': {
    input: historyFilter.extend({
      offset: z.int().min(0).default(0),
      limit: z.int().min(1).max(500).default(100),
    }),
    result: historyPageSchema,
  },
  /**
   * Starts a CSV export of the filtered history, streamed to a file in the background: Electron asks
   * where to save it (a native dialog; `chosen: false` when the user cancelled it), the browser host
   * offers it as a download when written. The renderer gives only the filter, never a path. Progress,
   * the end and the download's address come as `exports:progress` events.
   */
  'wallets:export-csv': {
    input: historyFilter,
    result: z.discriminatedUnion('chosen', [
      z.object({ chosen: z.literal(false) }),
      z.object({ chosen: z.literal(true), exportId, filename: z.string(), total: z.int() }),
    ]),
  },
  /** Stops an export under way (its partial file is removed); false when it had already ended. */
  'exports:cancel': { input: z.strictObject({ exportId }), result: z.object({ cancelled: z.boolean() }) },
  /**
   * A signed statement of the wallet for a period, from the billing API (online only). A PDF is
   * written in `language` (the console's; without it, the customer's); a CSV is data, in no language.
   */
  'statements:download': {
    input: z.strictObject({
      walletId: id,
      from: z.iso.date({ error: 'must be a date (YYYY-MM-DD)' }),
      to: z.iso.date({ error: 'must be a date (YYYY-MM-DD)' }),
      format: z.enum(['pdf', 'csv']),
      language: languageSchema.optional(),
    }),
    result: z.object({ filename: z.string(), contentType: z.string(), base64: z.string() }),
  },
  /** Whether a statement file (PDF, CSV or JSON) is intact and signed by the signed-in API's key. */
  'statements:verify': {
    input: z.strictObject({
      filename: z.string().max(255),
      // 20 MB of file: a year of a busy wallet as PDF, with room to spare.
      base64: z.string().max(28_000_000, { error: 'is larger than a statement can be (20 MB)' }),
    }),
    result: z.object({
      kind: z.enum(['pdf', 'csv', 'json']),
      intact: z.boolean(),
      genuine: z.boolean(),
      problems: z.array(statementProblemSchema),
      walletId: z.string().nullable(),
      /** The statement's period, as its header gives it (null when unreadable). */
      period: z.object({ from: z.string(), to: z.string() }).nullable(),
    }),
  },
  'wallets:balance-history': {
    input: z.strictObject({ walletId: id, days: z.int().min(1).max(366).default(30) }),
    result: z.array(balancePointSchema),
  },
  'wallets:holds': { input: z.strictObject({ walletId: id }), result: z.array(holdSchema) },
  'activity:recent': {
    input: z.strictObject({ limit: z.int().min(1).max(100).default(10) }),
    result: z.array(transactionSchema),
  },

  'customers:search': {
    input: z.strictObject({
      query: z.string().max(200).default(''),
      offset: z.int().min(0).default(0),
      limit: z.int().min(1).max(200).default(50),
    }),
    /**
     * Customers still queued in the outbox come first on the first page (offset 0), in addition to
     * `limit` confirmed ones, and count in `total`.
     */
    result: z.object({ items: z.array(customerViewSchema), total: z.int() }),
  },
  'customers:get': { input: z.strictObject({ customerId: id }), result: customerViewSchema.nullable() },
  /** The cached customers among these ids (the customers a screen's records name), unknown ones left out. */
  'customers:named': {
    input: z.strictObject({ customerIds: z.array(id).min(1).max(500) }),
    result: z.array(customerViewSchema),
  },
  /** Everything cached, by word prefix or by any piece of an id, hash, address, memo or reference. */
  'search:query': {
    input: z.strictObject({
      query: z.string().max(200, { error: 'must be at most 200 characters' }),
      limit: z.int().min(1).max(20).default(6),
    }),
    result: searchResultsSchema,
  },
  'customers:create': {
    input: z.strictObject({
      name: text(200),
      email: requiredEmailSchema.max(254),
      externalRef: text(100).optional(),
      /** What the customer's emails are written in; absent: not chosen (English). */
      language: languageSchema.optional(),
    }),
    result: queuedItem(customerCreateOperation),
  },
  /**
   * The language a customer's emails are written in, as its admin chooses (null: no choice, so its
   * own login's language, else English). Saved online: the server's answer is kept in the cache.
   */
  'customers:set-language': {
    input: z.strictObject({ customerId: id, language: languageSchema.nullable() }),
    result: customerViewSchema,
  },
  /**
   * A wallet queued for creation, with an optional initial balance (minor units: 1000 = 10.00 USD)
   * credited by the server when it creates the wallet. The balance is held to the same limits as a
   * merchant credit (`wallets:credit`): `confirmed: true` above the confirmation amount,
   * `movement_limit` above the maximum per movement; until the server confirms it, the wallet reads 0.
   */
  'wallets:create': {
    input: z.strictObject({
      customerId: id,
      currency: currencySchema,
      initialBalance: positiveAmountSchema.optional(),
      confirmed: z.boolean().optional(),
    }),
    result: queuedItem(walletCreateOperation),
  },
  /**
   * A merchant credit or adjustment, queued at once (even offline). Above the reseller's
   * confirmation amount it needs `confirmed: true` (the console asked); above its maximum per
   * movement it is refused (`movement_limit`), from the limits last fetched when offline.
   */
  'wallets:credit': {
    input: z.strictObject({
      walletId: id,
      amount: positiveAmountSchema,
      description: text(500),
      confirmed: z.boolean().optional(),
    }),
    result: queuedItem(walletCreditOperation),
  },
  'wallets:adjust': {
    input: z.strictObject({
      walletId: id,
      amount: signedAmountSchema,
      reason: text(500),
      confirmed: z.boolean().optional(),
    }),
    result: queuedItem(walletAdjustOperation),
  },
  /**
   * Limits on staff movements, per currency: from the billing API and kept in the cache; offline,
   * the ones last fetched (`offline: true`), or the platform's defaults if none ever were.
   */
  'movement-limits:get': {
    input: z.strictObject({}),
    result: z.object({ items: z.array(movementLimitSchema), offline: z.boolean() }),
  },
  'movement-limits:update': {
    input: updateMovementLimitsBody,
    result: z.object({ items: z.array(movementLimitSchema), offline: z.boolean() }),
  },

  'outbox:list': { input: z.strictObject({}), result: z.array(outboxItemSchema) },
  /** The Outbox screen's list, a page at a time (oldest first), with the queue's size. */
  'outbox:page': {
    input: z.strictObject({
      offset: z.int().min(0).default(0),
      limit: z.int().min(1).max(200).default(50),
    }),
    result: z.object({ items: z.array(outboxItemSchema), total: z.int() }),
  },
  'outbox:discard': { input: z.strictObject({ id }), result: z.array(outboxItemSchema) },
  'outbox:retry': { input: z.strictObject({ id }), result: z.array(outboxItemSchema) },

  /**
   * From the billing API; offline, the last options fetched for this wallet (`offline: true`), so a
   * top-up can still be queued, or a clear `offline` error when there are none.
   */
  'top-ups:options': {
    input: z.strictObject({ walletId: id }),
    result: topUpOptionsSchema.extend({ offline: z.boolean() }),
  },
  /** Queued in the outbox (kind `payment.create`, its own idempotency key) and sent when online. */
  'top-ups:create': {
    input: z.strictObject({
      walletId: id,
      amount: positiveAmountSchema,
      provider: paymentProviderSchema,
      payerId: id.optional(),
      savedMethodId: id.optional(),
      saveMethod: z.boolean().optional(),
      asset: cryptoRailChoiceSchema.optional(),
    }),
    result: queuedItem(paymentCreateOperation),
  },
  'payments:list': {
    input: z.strictObject({
      walletId: id.optional(),
      customerId: id.optional(),
      status: paymentStatusSchema.optional(),
      provider: paymentProviderSchema.optional(),
      /**
       * Only payments not paid yet, in this currency, nor held for staff (what a bank transfer may be
       * applied to).
       */
      unpaidIn: currencySchema.optional(),
      /** Only these payments (the ones a screen's records name, e.g. invoices being paid). */
      paymentIds: z.array(id).min(1).max(500).optional(),
      olderThan: olderThan.optional(),
      limit: z.int().min(1).max(500).default(200),
    }),
    result: z.array(paymentSchema),
  },
  /** A payment id, or the local id `top-ups:create` answered with (followed to the payment it became). */
  'payments:get': { input: z.strictObject({ paymentId: id }), result: topUpTrackSchema.nullable() },
  /**
   * The methods the Payments screen's filter offers: those of the cached payments and those the
   * reseller offered in the top-up options last fetched, in the order of `paymentProviders`.
   */
  'payments:providers': { input: z.strictObject({}), result: z.array(paymentProviderSchema) },
  'payments:cancel': { input: z.strictObject({ paymentId: id }), result: paymentSchema },
  'top-up-links:create': {
    input: z.strictObject({
      customerId: id,
      walletId: id,
      amount: positiveAmountSchema.optional(),
      expiresAt: z.iso.datetime({ error: 'must be an ISO 8601 date-time' }),
    }),
    result: topUpLinkSchema,
  },
  'top-up-links:list': { input: z.strictObject({ customerId: id }), result: z.array(topUpLinkSchema) },
  /** Revokes a link at once on the billing API (online only, like creating one); revoking twice is harmless. */
  'top-up-links:revoke': { input: z.strictObject({ linkId: id }), result: topUpLinkSchema },

  /**
   * Payment settings, payers, saved methods and reviews: online reads and writes straight to the
   * billing API (not cached, not queued), answering a clear `offline` error when it is unreachable.
   */
  'payment-settings:get': { input: z.strictObject({}), result: paymentSettingsSchema },
  'payment-settings:update': { input: updatePaymentSettingsBody, result: paymentSettingsSchema },
  /** Staff: each network's receiving addresses against the wallet's gap limit. */
  'payment-settings:crypto-addresses': { input: z.strictObject({}), result: cryptoAddressesSchema },
  /** Staff: where a crypto payment's address sits (index, path); never part of the payment itself. */
  'payments:crypto-address': { input: z.strictObject({ paymentId: id }), result: paymentDerivationSchema },
  /** Write-only: the answer says only that the provider is configured, never what was stored. */
  'payment-settings:set-credentials': {
    input: gatewayCredentialsBody.extend({ provider: paymentProviderSchema }),
    result: z.strictObject({ provider: paymentProviderSchema, configured: z.literal(true) }),
  },
  'payers:list': { input: z.strictObject({ customerId: id }), result: z.array(payerSchema) },
  'payers:create': {
    input: z.strictObject({
      customerId: id,
      name: text(200),
      email: z.email({ error: 'must be an email address' }).max(320).optional(),
      isDefault: z.boolean().optional(),
    }),
    result: payerSchema,
  },
  'saved-methods:list': {
    input: z.strictObject({ customerId: id, payerId: id.optional() }),
    result: z.array(savedMethodSchema),
  },
  'saved-methods:set-default': { input: z.strictObject({ methodId: id }), result: savedMethodSchema },
  'saved-methods:delete': {
    input: z.strictObject({ methodId: id }),
    result: z.object({ deleted: z.literal(true) }),
  },
  /** From the billing API, newest first, 100 at a time: `cursor` is the page before's `nextCursor`. */
  'payment-reviews:list': {
    input: z.strictObject({
      status: z.enum(['open', 'resolved']).optional(),
      cursor: z.string().max(200).optional(),
    }),
    result: z.object({ items: z.array(paymentReviewSchema), nextCursor: z.string().nullable() }),
  },
  /** `refund`: what staff found at the provider, required on the review of a refund held for staff. */
  'payment-reviews:resolve': {
    input: z.strictObject({ reviewId: id, refund: heldRefundOutcomeSchema.optional() }),
    result: paymentReviewSchema,
  },
  /**
   * Admins: credit an unmatched transfer to a payment (which it pays), to a wallet, or (`invoice`)
   * to the invoice of the review's own payment (which it pays). Online only.
   */
  'payment-reviews:apply': {
    input: z
      .strictObject({
        reviewId: id,
        paymentId: id.optional(),
        walletId: id.optional(),
        invoice: z.literal(true).optional(),
      })
      .refine((b) => [b.paymentId, b.walletId, b.invoice].filter((t) => t !== undefined).length === 1, {
        error: 'choose a payment, a wallet or the invoice',
        path: ['paymentId'],
      }),
    result: paymentReviewSchema,
  },
  /**
   * Admins: refund (part of) a paid top-up to its source, or record a manual payout (crypto, bank
   * transfers). Online only: the provider is asked at once, so the answer is the provider's.
   */
  'payments:refund': {
    input: createRefundBody.extend({ paymentId: id }),
    result: refundSchema,
  },
  /** Staff: a payment's refunds, from the API. */
  'payments:refunds': { input: z.strictObject({ paymentId: id }), result: z.array(refundSchema) },
  /** Admins: pay a wallet's balance out (to its top-ups' sources, or by hand) and close it. Online only. */
  'wallets:close': {
    input: closeWalletBody.extend({ walletId: id }),
    result: closeWalletResponse,
  },

  /**
   * Logins of the reseller (reseller admins only): online reads and writes straight to the billing
   * API, a clear `offline` error when it is unreachable. A password the API made up is in the
   * answer once (`password`) and kept nowhere.
   */
  'users:list': { input: z.strictObject({}), result: z.array(userSchema) },
  'users:create': {
    input: createUserBody,
    result: userSchema.extend({ password: z.string().optional() }),
  },
  'users:update': { input: updateUserInput, result: userSchema },
  'users:reset-password': {
    input: resetPasswordBody.extend({ userId: id }),
    result: resetPasswordResponse,
  },

  /**
   * The catalog, orders and subscriptions. Reads and the writes that need an answer now (placing an
   * order: the wallet pays at once; renewing now; a batch refund's dry run and run) go straight to
   * the billing API, a clear `offline` error when it is unreachable. Writes that can wait are queued
   * in the outbox: a fulfilment report (`order.fulfil`), turning auto-renew off (`subscription.cancel`).
   */
  'products:list': { input: z.strictObject({}), result: z.array(productSchema) },
  /** Staff (reseller admin) keep the catalog: online, the API's answer is shown at once. */
  'products:create': { input: createProductBody, result: productSchema },
  'products:update': {
    input: z.strictObject({ productId: id, changes: updateProductBody }),
    result: productSchema,
  },
  'orders:list': {
    input: z.strictObject({
      customerId: id.optional(),
      status: orderStatusSchema.optional(),
      olderThan: olderThan.optional(),
      limit: z.int().min(1).max(500).default(500),
    }),
    result: z.array(orderSchema),
  },
  /** From the cache; null when it holds no such order (a customer's holds only its own). */
  'orders:get': { input: z.strictObject({ orderId: id }), result: orderViewSchema.nullable() },
  /**
   * Online: the customer's wallet in `currency` pays at once. `requestKey` is the order's
   * Idempotency-Key, made by the form once per order it confirms: a second click, or a retry after
   * the network dropped, sends the same key and the API places one order.
   */
  'orders:place': {
    input: z.strictObject({
      customerId: id,
      productId: id,
      quantity: z.int().min(1, { error: 'must be at least 1' }).max(10_000),
      currency: currencySchema,
      requestKey: requestKey.optional(),
    }),
    result: orderResponse,
  },
  'orders:fulfil': {
    input: z.strictObject({ orderId: id, number: text(64), provisioned: z.int().min(0).max(10_000) }),
    result: queuedItem(orderFulfilOperation),
  },
  'orders:batch-refund': {
    input: z.strictObject({ orderIds: z.array(id).min(1).max(500), reason: text(500), dryRun: z.boolean() }),
    result: batchRefundResponse,
  },
  /**
   * From the cache, soonest renewal first. `live`: only those still renewing or owed (active,
   * past due); `renewingBefore`: live ones whose period ends before then; `laterThan`: the page after.
   */
  'subscriptions:list': {
    input: z.strictObject({
      customerId: id.optional(),
      live: z.boolean().optional(),
      renewingBefore: z.iso.datetime({ error: 'must be an ISO 8601 date-time' }).optional(),
      laterThan: laterThan.optional(),
      limit: z.int().min(1).max(500).default(500),
    }),
    result: z.array(renewalViewSchema),
  },
  /**
   * Online: the next period is paid from the wallet at once. `requestKey` is its Idempotency-Key, made
   * by the console once per renewal it confirms: a retry after the answer was lost pays one period.
   */
  'subscriptions:renew': {
    input: z.strictObject({ subscriptionId: id, requestKey: requestKey.optional() }),
    result: renewResponse,
  },
  /** From the cache: what customers were told before a renewal their wallet could not cover. */
  'subscriptions:notices': {
    input: z.strictObject({ customerId: id.optional() }),
    result: z.array(noticeSchema),
  },
  'subscriptions:cancel': {
    input: z.strictObject({ subscriptionId: id, productName: text(200) }),
    result: queuedItem(subscriptionCancelOperation),
  },
  /**
   * Low-balance alerts and auto top-up. Reads come from the cache (the feed brings settings, state and
   * history); the runway is computed there from cached payments with the API's formula
   * (src/shared/runway.ts). Settings are saved online through the API client (not queued: the server
   * evaluates the wallet against them at once), a clear `offline` error when it is unreachable.
   */
  'alerts:wallet': {
    input: z.strictObject({ walletId: id }),
    result: z.object({
      settings: alertSettingsSchema.nullable(),
      autoTopUp: autoTopUpSchema.nullable(),
      spentLast30Days: z.int(),
      runwayDays: z.number().nullable(),
      formula: z.string(),
      alerts: z.array(walletAlertSchema),
    }),
  },
  /** Wallets in the `low` alert state, for the dashboard and the header. */
  /**
   * The wallets below their alert lines, longest below first, at most `limit`, and how many there
   * are in all: the header counts them, the dashboard names the first.
   */
  'alerts:low-wallets': {
    input: z.strictObject({ limit: z.int().min(1).max(100).default(20) }),
    result: z.object({
      items: z.array(
        z.object({
          walletId: z.string(),
          customerId: z.string(),
          customerName: z.string(),
          currency: currencySchema,
          availableBalance: z.int(),
          since: z.string(),
        }),
      ),
      total: z.int(),
    }),
  },
  'alerts:update-settings': {
    input: z.strictObject({ walletId: id, settings: alertSettingsBody }),
    result: alertSettingsSchema,
  },
  'auto-top-up:update': {
    input: z.strictObject({ walletId: id, settings: autoTopUpBody }),
    result: autoTopUpSchema,
  },
  /**
   * The wallet's latest auto top-up charges, newest first, read from the billing API (the feed does
   * not carry them): a clear `offline` error when it is unreachable. Every role reads them, a
   * customer its own wallets'.
   */
  'auto-top-up:attempts': {
    input: z.strictObject({ walletId: id, limit: z.int().min(1).max(50).default(10) }),
    result: z.array(autoTopUpAttemptSchema),
  },
  /**
   * The event-lag monitor: how far the cache is behind the server's change feed (positions), and for
   * staff, gateway webhook activity from the API (null for customers or offline).
   */
  'sync:lag': {
    input: z.strictObject({}),
    result: z.object({
      cursor: z.int(),
      head: z.int(),
      behind: z.int(),
      lastSyncedAt: z.string().nullable(),
      gateways: gatewayActivitySchema.nullable(),
    }),
  },

  /**
   * Invoices: read from the cache (and drafts still queued in the outbox); drafts are created through
   * the outbox, offline too; finalize, void, payments and the PDF need the billing API.
   */
  'invoices:list': {
    input: z.strictObject({
      customerId: id.optional(),
      status: invoiceListStatusSchema.optional(),
      from: z.iso.date({ error: 'must be a date (YYYY-MM-DD)' }).optional(),
      to: z.iso.date({ error: 'must be a date (YYYY-MM-DD)' }).optional(),
      /** Past the first page: queued drafts come first, on the first page only. */
      olderThan: olderThan.optional(),
      limit: z.int().min(1).max(500).default(200),
    }),
    result: z.array(invoiceViewSchema),
  },
  /**
   * Support tickets: read from the cache (what the feed brought: a customer's own, staff all);
   * opening one and writing on its thread go through the outbox, offline too; assigning and
   * moving a ticket (staff) and verifying a payment need the billing API.
   */
  'tickets:list': {
    input: z.strictObject({
      status: ticketStatusSchema.optional(),
      assignee: z.string().min(1).max(64).optional(),
      about: id.optional(),
      olderThan: quieterThan.optional(),
      limit: z.int().min(1).max(500).default(500),
    }),
    result: z.array(ticketSchema),
  },
  'tickets:get': { input: z.strictObject({ ticketId: id }), result: ticketSchema.nullable() },
  'tickets:open': {
    input: z.strictObject({
      customerId: id.optional(),
      subject: text(200),
      message: text(10_000),
      about: z.strictObject({ kind: ticketSubjectKindSchema, id }).optional(),
    }),
    result: queuedItem(ticketOpenOperation),
  },
  'tickets:reply': {
    input: z.strictObject({ ticketId: id, message: text(10_000) }),
    result: queuedItem(ticketReplyOperation),
  },
  'tickets:update': {
    input: z.strictObject({
      ticketId: id,
      status: ticketStatusSchema.optional(),
      assigneeUserId: id.nullable().optional(),
    }),
    result: ticketSchema,
  },
  /** Staff: who a ticket may be assigned to (the billing API's answer: needs a connection). */
  'tickets:assignees': { input: z.strictObject({}), result: z.array(ticketAssigneeSchema) },
  'payments:verify': {
    input: z.strictObject({
      paymentId: id,
      txHash: z.string().trim().min(1).max(80).optional(),
      bankReference: z.string().trim().min(1).max(64).optional(),
    }),
    result: verifyPaymentResponse,
  },
  'invoices:get': { input: z.strictObject({ invoiceId: id }), result: invoiceViewSchema.nullable() },
  /** The cached invoices among these ids (the invoices a screen's records name), unknown ones left out. */
  'invoices:named': {
    input: z.strictObject({ invoiceIds: z.array(id).min(1).max(500) }),
    result: z.array(invoiceViewSchema),
  },
  'invoices:create-draft': {
    input: z.strictObject({
      customerId: id,
      currency: currencySchema,
      lines: z.array(invoiceLineInput).min(1, { error: 'an invoice needs at least one line' }).max(200),
      dueDate: z.iso.date({ error: 'must be a date (YYYY-MM-DD)' }).optional(),
      memo: z.string().trim().max(2000).optional(),
      autoPay: z.boolean().optional(),
    }),
    result: queuedItem(invoiceCreateOperation),
  },
  'invoices:finalize': { input: z.strictObject({ invoiceId: id }), result: invoiceSchema },
  'invoices:void': { input: z.strictObject({ invoiceId: id }), result: invoiceSchema },
  'invoices:pay-wallet': { input: z.strictObject({ invoiceId: id }), result: invoiceSchema },
  'invoices:pay-checkout': {
    input: z.strictObject({
      invoiceId: id,
      provider: paymentProviderSchema,
      payerId: id.optional(),
      savedMethodId: id.optional(),
      asset: cryptoRailChoiceSchema.optional(),
    }),
    result: paymentSchema,
  },
  /**
   * Staff record a bank transfer that arrived for the invoice (online): how much (minor units, at
   * most the amount due; all of it when left out), the bank's reference and the day it arrived.
   */
  'invoices:mark-paid': {
    input: z.strictObject({ invoiceId: id, ...markInvoicePaidBody.shape }),
    result: invoiceSchema,
  },
  /** The invoice numbering and "Invoice" on Top Up (online): staff read, the admin changes. */
  'invoices:settings': { input: z.strictObject({}), result: invoiceSeriesSchema },
  'invoices:update-settings': { input: invoiceSeriesBody, result: invoiceSeriesSchema },
  /** "Invoice" as a top-up method (online): an open invoice for the amount, paid by bank transfer. */
  'invoices:top-up': {
    input: z.strictObject({ walletId: id, amount: positiveAmountSchema }),
    result: invoiceSchema,
  },
  /** A receipt invoice for a paid top-up (online); the same invoice if it was asked for before. */
  'invoices:request-receipt': {
    input: z.strictObject({ paymentId: id }),
    result: invoiceSchema,
  },
  /** The receipt invoice of a payment, if the cache holds one. */
  'invoices:receipt-of': {
    input: z.strictObject({ paymentId: id }),
    result: invoiceSchema.nullable(),
  },
  /**
   * The invoice's PDF as the API renders it, in `language` (the console's, when a person asks;
   * without it, the API writes it in the customer's).
   */
  'invoices:pdf': {
    input: z.strictObject({ invoiceId: id, language: languageSchema.optional() }),
    result: z.object({ filename: z.string(), base64: z.string() }),
  },
  /** Electron: the invoice's PDF saved where the user chooses (a native dialog); null path: cancelled. */
  'invoices:save-pdf': {
    input: z.strictObject({ invoiceId: id, language: languageSchema.optional() }),
    result: z.object({ path: z.string().nullable() }),
  },
  /** Electron: the invoice's PDF opened with the system's viewer. */
  'invoices:open-pdf': {
    input: z.strictObject({ invoiceId: id, language: languageSchema.optional() }),
    result: z.object({ opened: z.boolean() }),
  },

  'links:open': {
    input: z.strictObject({ url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }) }),
    result: z.object({ opened: z.boolean() }),
  },

  /**
   * Outgoing webhook endpoints (reseller admins only): online, straight to the billing API. A
   * secret is in the answer of create and rotate-secret once, and kept nowhere.
   */
  'webhooks:list': { input: z.strictObject({}), result: z.array(webhookEndpointSchema) },
  'webhooks:create': { input: createWebhookEndpointBody, result: webhookEndpointWithSecretSchema },
  'webhooks:update': {
    input: updateWebhookEndpointFields.extend({ endpointId: id }),
    result: webhookEndpointSchema,
  },
  'webhooks:delete': {
    input: z.strictObject({ endpointId: id }),
    result: z.object({ deleted: z.literal(true) }),
  },
  'webhooks:rotate-secret': {
    input: z.strictObject({ endpointId: id }),
    result: webhookEndpointWithSecretSchema,
  },
  'webhooks:deliveries': {
    input: webhookDeliveryListQuery.omit({ limit: true }).extend({
      endpointId: id,
      limit: z.int().min(1).max(200).optional(),
    }),
    result: webhookDeliveryListSchema,
  },
  'webhooks:redeliver': { input: z.strictObject({ deliveryId: id }), result: webhookDeliverySchema },
  'webhooks:test': { input: z.strictObject({ endpointId: id }), result: webhookDeliverySchema },
  /** The reseller's audit trail (admins), read online from the billing API. */
  'audit:list': {
    input: listAuditQuery.omit({ limit: true }).extend({ limit: z.int().min(1).max(200).optional() }),
    result: auditListSchema,
  },
  /** A bank statement CSV's headers and the mapping remembered for its bank, if any. */
  'recon:inspect': {
    input: z.strictObject({ bank: z.string().trim().min(1).max(100), csv: statementCsv }),
    result: z.object({ headers: z.array(z.string()), mapping: bankColumnMappingSchema.nullable() }),
  },
  /** Parses the statement with the mapping (remembered for the bank) and matches it, offline. */
  'recon:import': {
    input: z.strictObject({
      bank: z.string().trim().min(1).max(100),
      csv: statementCsv,
      mapping: bankColumnMappingSchema,
    }),
    result: z.object({ matches: z.array(lineMatchSchema) }),
  },
  /** Applies confirmed lines through the billing API, each once (its bank reference anchors it). */
  'recon:apply': {
    input: z.strictObject({
      lines: z
        .array(
          z.strictObject({
            line: statementLineSchema,
            target: matchTargetSchema.pick({ kind: true, id: true }),
          }),
        )
        .min(1)
        .max(500),
    }),
    result: z.object({ results: z.array(appliedLineSchema) }),
  },
  /** Compares each cached wallet (or one) with the server's balance. */
  'drift:check': {
    input: z.strictObject({ walletId: id.optional() }),
    result: z.object({ wallets: z.array(walletDriftSchema) }),
  },
  /** Re-syncs one wallet's cached ledger from the server, then checks it again. */
  'drift:resync': {
    input: z.strictObject({ walletId: id }),
    result: z.object({ rebuilt: z.boolean(), wallet: walletDriftSchema }),
  },
} as const satisfies Record<Channel, { input: z.ZodType; result: z.ZodType }>;

export type ChannelInput<C extends Channel> = z.input<(typeof channels)[C]['input']>;
export type ChannelArgs<C extends Channel> = z.output<(typeof channels)[C]['input']>;
export type ChannelResult<C extends Channel> = z.output<(typeof channels)[C]['result']>;

/** What each event carries (its names: ipc-names.ts). */
export const events = {
  'sync:status-changed': syncStatusSchema,
  'cache:tables-changed': z.object({ tables: z.array(z.enum(cacheTables)) }),
  'session:changed': sessionSchema,
  /** A top-up started here (or, for a customer, any of theirs) reached paid, failed, cancelled or expired. */
  'payments:status-changed': z.object({
    paymentId: z.string(),
    walletId: z.string(),
    status: paymentStatusSchema,
    amount: z.int(),
    currency: currencySchema,
    /** The wallet's balance as last synced (minor units), when the cache has the wallet. */
    balance: z.int().nullable(),
    /** The invoice it pays (not a top-up), with its number once the cache has it. */
    invoice: z.object({ id: z.string(), number: z.string().nullable() }).nullable(),
    /**
     * Why it ended without money, as the payment's codes (a console words them in its language;
     * `message` says the server's English reason). Absent: no reason to tell.
     */
    failureCode: paymentFailureCodeSchema.nullable().optional(),
    declineCode: z.string().max(64).nullable().optional(),
    /** One sentence for the notification, e.g. "Top-up of $25.00 paid. New balance: $75.00." */
    message: z.string(),
  }),
  /** A low-balance alert (or a failed auto top-up) arrived live through the feed. */
  'alerts:fired': walletAlertSchema,
  /** A CSV export moved on, or ended. */
  'exports:progress': exportProgressSchema,
  /** The app was opened through `resellerconsole://payments/<id>`: show that payment. */
  'deep-link:opened': z.object({ paymentId: z.string() }),
  /** Queued writes the server confirmed, once per batch of answers. */
  'outbox:confirmed': z.object({ itemIds: z.array(z.string()) }),
} as const satisfies Record<EventName, z.ZodType>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export {
  cacheTables,
  channelNames,
  eventNames,
  methodName,
  type CacheTable,
  type Channel,
  type EventName,
  type MethodName,
} from './ipc-names.js';

/** What every channel answers: a value, or an error that names its code (and field). */
export type IpcResult<T> =
  | { ok: true; value: T }
  | { ok: false; error: { code: string; message: string; field?: string; reason?: RefusalReason } };

/** The renderer-facing API: one named method per channel, one subscription per event. */
export type DesktopApi = {
  [C in Channel as MethodName<C>]: (input: ChannelInput<C>) => Promise<IpcResult<ChannelResult<C>>>;
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};
