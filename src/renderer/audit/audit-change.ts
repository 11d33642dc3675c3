import { autoTopUpSchema } from '../../shared/api/alerts';
import type { AuditRecord } from '../../shared/api/audit';
import { refusalReasonSchema } from '../../shared/api/common';
import { chargeUnconfirmedText, lastErrorText, switchedOffText } from '../alerts/alert-words';
import { ledgerWordingSchema } from '../../shared/api/ledger-wording';
import { i18n } from '../i18n';
import { displayLocale, formatDateTime, formatDay } from '../lib/format';
import { wordingText } from '../wallet/entry-words';
import { isCurrency, type Currency } from '../../shared/money';

/**
 * A stored text value as people read it: moments and days as the console writes them elsewhere
 * (not "2026-12-06T03:00:00.000Z"), a status, a role or a customer's email language in words where
 * the console knows the code; anything else as it is.
 */
export function valueWords(field: string, value: string): string {
  if (/^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(value)) return formatDateTime(value);
  if (/^\d{4}-\d\d-\d\d$/.test(value)) return formatDay(value, displayLocale(), true);
  if (field === 'status' || field === 'role') return i18n.t(`audit:value.${value}`, { defaultValue: value });
  if (field === 'language') return i18n.t(`customers:emailLanguage.${value}`, { defaultValue: value });
  return value;
}

/** One field a staff action changed: its value before (undefined for a new record) and after. */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/**
 * Fields holding an amount in minor units: shown as money in the record's currency. Movements
 * store the wallet's balance and the amount moved; holds, refunds and voids the amounts they moved;
 * invoices what was paid; alert and auto top-up settings their thresholds and targets.
 */
const MONEY_FIELDS = new Set([
  'balance',
  'amount',
  'charged',
  'refunded',
  'amountPaid',
  'threshold',
  'targetBalance',
]);

/**
 * Said by the amounts themselves ("$12.00"), the entity column (an invoice's number), or the reason
 * in the console's language (a ledger row's wording, see auditReason), so not a field of its own.
 */
const IMPLIED_FIELDS = new Set(['currency', 'wording', 'number', 'lastErrorReason', 'disabledWhy']);

export const isMoneyField = (field: string) => MONEY_FIELDS.has(field);

/** Actions whose `amount` moved a wallet: shown with its sign, as a credit or a debit. */
const MOVEMENT_ACTIONS = new Set<string>([
  'wallet.credited',
  'wallet.debited',
  'wallet.adjusted',
  'wallet.paid_out',
  'transaction.refunded',
  'payment.refunded',
  'payment_review.applied',
  'bank_line.applied',
]);

/**
 * Movements whose record states the amount as given back or paid out (positive), though it left
 * the wallet: a refund of a payment, a payout of the balance.
 */
const OUTGOING_ACTIONS = new Set<string>(['payment.refunded', 'wallet.paid_out']);

/**
 * An amount as it moved the wallet: signed for a movement (a refund's amount is money leaving the
 * wallet, so negative whatever sign the record stored it with); anything else as stated, unsigned
 * (a hold, a top-up link's amount, what an invoice was paid).
 */
export function shownAmount(
  action: string,
  field: string,
  amount: number,
): { amount: number; signed: boolean } {
  if (field !== 'amount' || !MOVEMENT_ACTIONS.has(action)) return { amount, signed: false };
  return { amount: OUTGOING_ACTIONS.has(action) ? -Math.abs(amount) : amount, signed: true };
}

const asObject = (value: unknown): Record<string, unknown> | null =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;

/**
 * The top-level fields whose value the action changed, in the order the record states them (after,
 * then what only `before` had). A new record (no before) lists every field it was created with; a
 * value that is not an object is one field, `value`. Unchanged fields are left out: the audit trail
 * says what changed, not the whole record again.
 */
/**
 * The customers a record's change names by id (a login's `customerId`, before or after): the
 * trail shows them by name, as the entity column does.
 */
export function changedCustomerIds(before: unknown, after: unknown): string[] {
  return [asObject(before)?.customerId, asObject(after)?.customerId].filter(
    (id): id is string => typeof id === 'string',
  );
}

export function changedFields(before: unknown, after: unknown): FieldChange[] {
  const b = asObject(before);
  const a = asObject(after);
  if ((before !== null && !b) || (after !== null && !a)) {
    return [{ field: 'value', before: before ?? undefined, after: after ?? undefined }];
  }
  const fields = [...new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})])];
  return fields
    .filter((field) => !IMPLIED_FIELDS.has(field))
    .map((field) => ({ field, before: b?.[field], after: a?.[field] }))
    .filter((change) => JSON.stringify(change.before) !== JSON.stringify(change.after))
    .map((change) => ({
      field: change.field,
      before: autoTopUpWords(change.field, b, change.before),
      after: autoTopUpWords(change.field, a, change.after),
    }));
}

/**
 * An auto top-up's last error and why it was switched off, in the console's language from the kinds
 * the record carries beside them (`lastErrorReason`, `disabledWhy`: implied, not listed apart); a
 * record without them (from before they were kept) keeps the server's English. A charge waiting on
 * its provider (`chargeUnconfirmed`) reads as the auto top-up panel says it.
 */
function autoTopUpWords(field: string, record: Record<string, unknown> | null, value: unknown): unknown {
  if (field === 'chargeUnconfirmed' && value) {
    const waiting = autoTopUpSchema.shape.chargeUnconfirmed.safeParse(value);
    return (waiting.success && chargeUnconfirmedText({ chargeUnconfirmed: waiting.data })) || value;
  }
  if (!record || typeof value !== 'string') return value;
  const reason = refusalReasonSchema.nullable().safeParse(record.lastErrorReason ?? null);
  const lastErrorReason = reason.success ? reason.data : null;
  const lastError = typeof record.lastError === 'string' ? record.lastError : null;
  if (field === 'lastError' && 'lastErrorReason' in record)
    return lastErrorText({ lastError, lastErrorReason });
  if (field === 'disabledReason' && 'disabledWhy' in record) {
    const why = autoTopUpSchema.shape.disabledWhy.safeParse(record.disabledWhy);
    const count = record.consecutiveFailures;
    if (!why.success) return value;
    return (
      switchedOffText({
        disabledWhy: why.data,
        consecutiveFailures: typeof count === 'number' ? count : 0,
        lastError,
        lastErrorReason,
        disabledReason: value,
      }) ?? value
    );
  }
  return value;
}

/**
 * Why, in the console's language: a movement the server worded itself (an order's refund) is worded
 * like its ledger row; a reason a person gave is shown as they wrote it.
 */
export function auditReason(record: AuditRecord): string | null {
  const wording = asObject(record.after)?.wording;
  const parsed = wording === undefined ? null : ledgerWordingSchema.safeParse(wording);
  return parsed?.success ? wordingText(parsed.data) : record.reason;
}

/** The wallet a record is about: itself, or the one its hold or refund moved. */
export function walletOf(record: AuditRecord): string | undefined {
  if (record.entityType === 'wallet') return record.entityId;
  const walletId = asObject(record.after)?.walletId ?? asObject(record.before)?.walletId;
  return typeof walletId === 'string' ? walletId : undefined;
}

/**
 * The currency a record's amounts are in: as it states it, else its wallet's, else (a record about
 * an invoice, which older records did not state the currency of) the invoice's, when known.
 */
export function currencyOf(
  record: AuditRecord,
  walletCurrency: (walletId: string) => string | undefined,
  invoiceCurrency: (invoiceId: string) => string | undefined = () => undefined,
): Currency | undefined {
  const stated = asObject(record.after)?.currency ?? asObject(record.before)?.currency;
  const walletId = walletOf(record);
  const currency =
    typeof stated === 'string'
      ? stated
      : walletId
        ? walletCurrency(walletId)
        : record.entityType === 'invoice'
          ? invoiceCurrency(record.entityId)
          : undefined;
  return currency && isCurrency(currency) ? currency : undefined;
}

/** An invoice's number ("INV-2026-000012") as the record states it, for a record about an invoice. */
export function statedInvoiceNumber(record: AuditRecord): string | undefined {
  if (record.entityType !== 'invoice') return undefined;
  const number = asObject(record.after)?.number ?? asObject(record.before)?.number;
  return typeof number === 'string' ? number : undefined;
}
