import { z } from 'zod';
import { MAX_AMOUNT } from '../money.js';
import {
  currencySchema,
  idSchema,
  positiveAmountSchema,
  refusalReasonSchema,
  timestampSchema,
} from './common.js';
import { paymentProviderSchema } from './payments.js';

/** Where an alert goes: the console's notification (through the change feed), email, webhook. */
export const alertChannels = ['desktop', 'email', 'webhook'] as const;
export const alertChannelSchema = z.enum(alertChannels);
export type AlertChannel = z.infer<typeof alertChannelSchema>;

const thresholdAmount = z
  .int({ error: 'must be an integer count of minor units' })
  .min(0, { error: 'must not be negative' })
  .max(MAX_AMOUNT, { error: `must be at most ${MAX_AMOUNT} minor units` });
const email = z.email({ error: 'must be an email address' }).max(254).toLowerCase();

/**
 * PUT /v1/wallets/:id/alert-settings. `threshold` (minor units of the wallet's currency) and/or
 * `runwayDays`: an alert fires when available balance < threshold, or runway < runwayDays.
 */
export const alertSettingsBody = z
  .strictObject({
    threshold: thresholdAmount.nullish(),
    runwayDays: z
      .int({ error: 'must be a whole number of days' })
      .min(1, { error: 'must be at least 1 day' })
      .max(365, { error: 'must be at most 365 days' })
      .nullish(),
    channels: z
      .array(alertChannelSchema)
      .max(alertChannels.length)
      .refine((c) => new Set(c).size === c.length, { error: 'must not repeat a channel' }),
    emails: z.array(email).max(10, { error: 'must list at most 10 addresses' }).optional(),
  })
  .superRefine((body, ctx) => {
    if (body.threshold == null && body.runwayDays == null) {
      ctx.addIssue({
        code: 'custom',
        path: ['threshold'],
        message: 'set a threshold, a runway in days, or both',
      });
    }
    if (body.channels.includes('email') && !body.emails?.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['emails'],
        message: 'the email channel needs at least one address',
      });
    }
  });
export type AlertSettingsBody = z.output<typeof alertSettingsBody>;

export const alertSettingsSchema = z.object({
  walletId: idSchema,
  customerId: idSchema,
  threshold: z.int().nullable(),
  runwayDays: z.int().nullable(),
  channels: z.array(alertChannelSchema),
  emails: z.array(z.string()),
  /** `low` from the alert that fired until the wallet recovers above every line. */
  state: z.enum(['ok', 'low']),
  stateSince: timestampSchema,
  updatedAt: timestampSchema,
});
export type AlertSettings = z.infer<typeof alertSettingsSchema>;

export const walletAlertTypes = [
  'wallet.balance_low',
  'wallet.balance_recovered',
  'wallet.auto_top_up_failed',
] as const;
/** A failed auto top-up's particulars, for the console to word (minor units of the alert's currency). */
export const autoTopUpFailureSchema = z.object({
  /** The fixed amount, or the target balance when `upTo`. */
  amount: z.int(),
  upTo: z.boolean(),
  /** The charge's error: the gateway's or the server's own words (English). */
  error: z.string(),
  /** The same error as data (`chargeErrorReason`), for a reader's language; absent from older servers. */
  errorReason: refusalReasonSchema.nullable().optional(),
  /** When the next charge is tried; null when these failures switched auto top-up off. */
  nextAttemptAt: timestampSchema.nullable(),
  /** Failed charges in a row; MAX_FAILURES of them switch it off. */
  failures: z.int(),
  switchedOff: z.boolean(),
});
export type AutoTopUpFailure = z.infer<typeof autoTopUpFailureSchema>;

export const walletAlertSchema = z.object({
  id: idSchema,
  walletId: idSchema,
  customerId: idSchema,
  type: z.enum(walletAlertTypes),
  /** What crossed for a low-balance alert. */
  reason: z.enum(['threshold', 'runway']).nullable(),
  message: z.string(),
  availableBalance: z.int(),
  currency: currencySchema,
  threshold: z.int().nullable(),
  runwayDays: z.int().nullable(),
  /** Whole days of runway when it fired; null when nothing was spent in 30 days. */
  daysLeft: z.int().nullable(),
  channels: z.array(alertChannelSchema),
  /** A failed auto top-up's particulars; null for the balance alerts (absent from older servers). */
  autoTopUp: autoTopUpFailureSchema.nullable().optional(),
  createdAt: timestampSchema,
});
export type WalletAlert = z.infer<typeof walletAlertSchema>;
export const walletAlertListSchema = z.object({ items: z.array(walletAlertSchema) });

/** GET /v1/wallets/:id/runway: the forecast and its inputs (see src/shared/runway.ts). */
export const runwaySchema = z.object({
  walletId: idSchema,
  currency: currencySchema,
  availableBalance: z.int(),
  /** Σ |amount| of payment rows in the last 30 days, minor units. */
  spentLast30Days: z.int(),
  /** Fractional days; null when nothing was spent in 30 days. */
  daysLeft: z.number().nullable(),
  formula: z.string(),
});
export type Runway = z.infer<typeof runwaySchema>;

/** PUT /v1/wallets/:id/auto-top-up: refill by `amount`, or up to `targetBalance`. */
export const autoTopUpBody = z
  .strictObject({
    enabled: z.boolean(),
    threshold: thresholdAmount,
    amount: positiveAmountSchema.optional(),
    targetBalance: positiveAmountSchema.optional(),
    paymentMethodId: idSchema,
  })
  .superRefine((body, ctx) => {
    if ((body.amount === undefined) === (body.targetBalance === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['amount'],
        message: 'give either amount or targetBalance, not both',
      });
    } else if (body.targetBalance !== undefined && body.targetBalance <= body.threshold) {
      ctx.addIssue({
        code: 'custom',
        path: ['targetBalance'],
        message: 'must be above the threshold',
      });
    }
  });
export type AutoTopUpBody = z.output<typeof autoTopUpBody>;

/** The most auto top-up charges a wallet tries in one UTC day, paid or not (the server's policy). */
export const AUTO_TOP_UP_DAILY_CAP = 3;

export const autoTopUpSchema = z.object({
  walletId: idSchema,
  customerId: idSchema,
  enabled: z.boolean(),
  threshold: z.int(),
  amount: z.int().nullable(),
  targetBalance: z.int().nullable(),
  /** Null until auto top-up was set up for this wallet. */
  paymentMethodId: idSchema.nullable(),
  /** idle: nothing to do; due: below the threshold, a charge will start; pending: a charge is open. */
  state: z.enum(['idle', 'due', 'pending']),
  paymentId: z.string().nullable(),
  consecutiveFailures: z.int(),
  attemptsToday: z.int(),
  nextAttemptAt: timestampSchema.nullable(),
  /** The last failed charge's error, in English: the gateway's or the server's own words. */
  lastError: z.string().nullable(),
  /**
   * `lastError` as data, for the console to word in its language: `payment_failed` (`values.code`, a
   * payment failure code), `payment_ended` (`values.status`), `saved_method_removed`, or the top-up
   * refusal's own reason (`top_up_limit`, …). Null when it has none (an error from before 0477 that
   * no code stood for): `lastError` then. Absent from older servers.
   */
  lastErrorReason: refusalReasonSchema.nullable().optional(),
  /** Why it was switched off by the server (repeated failures); null when the user set it. */
  disabledReason: z.string().nullable(),
  /**
   * The kind of `disabledReason` (its English is for API callers; the console words the kind in its
   * language): repeated failures, the wallet being closed, its card removed. Absent from older servers.
   */
  disabledWhy: z.enum(['failures', 'closing', 'method_removed']).nullable().optional(),
  /**
   * A pending charge still unanswered when its payment expired, which its provider could not be
   * asked about (unreachable): it may have been charged, so it is neither expired nor made again
   * until the provider answers. Which provider, the last failed lookup's error code (e.g.
   * `gateway_unavailable`), how many lookups failed, since when, and when the job asks again. Null
   * otherwise, and once the provider answered (the charge then settled: credited if made, expired if
   * not). Absent from older servers.
   */
  chargeUnconfirmed: z
    .object({
      provider: paymentProviderSchema,
      code: z.string(),
      asks: z.int(),
      since: timestampSchema,
      retryAt: timestampSchema,
    })
    .nullable()
    .optional(),
  updatedAt: timestampSchema,
});
export type AutoTopUp = z.infer<typeof autoTopUpSchema>;

/**
 * GET /v1/wallets/:id/auto-top-up/attempts: the wallet's auto top-up charges, newest first. Each is
 * one charge of the saved card (a top-up payment) and how it ended: `pending` while its payment is
 * open, `paid` once credited, `failed` with the error as English and as data (`errorReason`, worded
 * as the auto top-up's `lastErrorReason` is). A try refused before any payment existed (the top-up
 * limits, the card gone, or the daily cap: `errorReason.key` `auto_top_up_daily_cap`, with `cap` and
 * `nextAttemptAt`) is `failed` with `paymentId` null: nothing was charged; `amount` is what it
 * would have charged. Amounts are minor units of `currency`, the fee apart.
 */
export const autoTopUpAttemptSchema = z.object({
  id: idSchema,
  walletId: idSchema,
  paymentId: idSchema.nullable(),
  amount: z.int(),
  currency: currencySchema,
  status: z.enum(['pending', 'paid', 'failed']),
  error: z.string().nullable(),
  errorReason: refusalReasonSchema.nullable(),
  /**
   * A pending charge its provider could not be asked about (the auto top-up's chargeUnconfirmed):
   * which provider, and since when. Null otherwise.
   */
  waitingOn: z.object({ provider: paymentProviderSchema, since: timestampSchema }).nullable(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type AutoTopUpAttempt = z.infer<typeof autoTopUpAttemptSchema>;
export const autoTopUpAttemptListSchema = z.object({ items: z.array(autoTopUpAttemptSchema) });
