import type { ErrorCode } from '../../shared/api/common.js';
import type { TextKey } from './en.js';
import type { PageText } from './page-text.js';

/**
 * What a payer reads when the API refuses what a hosted page asked (a top-up link's form, its
 * checkout): a sentence per error code, in the page's language (`?lang=` or Accept-Language).
 *
 * The API's own `message` is written for the reseller's developers, in English, and may name
 * settings or gateway replies ("sandbox: HTTP 502", "set CREDENTIALS_KEY"); a payer gets neither.
 * A code not listed here reads as `fallback` ("This top-up could not be started.").
 */
const BY_CODE: Partial<Record<ErrorCode, TextKey>> = {
  top_up_limit: 'error.topUpLimit',
  method_unavailable: 'error.methodUnavailable',
  wallet_closed: 'error.walletClosed',
  wallet_on_hold: 'error.walletOnHold',
  gateway_unavailable: 'error.gatewayUnavailable',
  rate_limited: 'error.rateLimited',
  // createTopUp claims the link: another payment used it, or it expired, since the page was shown.
  conflict: 'error.linkClosed',
  not_found: 'error.notFound',
  validation: 'error.validation',
};

/**
 * Refusals the API explained (their `reason`), worded as the payer's own page words them: a link
 * revoked, used or expired while its form was open reads as the link's page would then say. They come
 * before the field: an amount too small to invoice in coin names `amount`, but the link's amount is
 * not what is wrong, the coin is.
 */
const BY_REASON: Record<string, TextKey> = {
  top_up_link_revoked: 'link.revoked',
  top_up_link_used: 'link.used',
  top_up_link_expired: 'link.expired',
  top_up_link_amount: 'error.fixedAmount',
  coin_amount_too_small: 'error.coinAmountTooSmall',
};

/** Validation refusals the payer can fix on the form, by the field the API named. */
const BY_FIELD: Record<string, TextKey> = {
  amount: 'error.fixedAmount',
  asset: 'error.asset',
};

export interface PayerError {
  code?: string | undefined;
  field?: string | undefined;
  reason?: { key: string } | undefined;
}

/**
 * The sentence for `error` in `text`'s language. `limits` fills the top-up limit sentence ("between
 * $1.00 and $10,000.00"), already formatted for the page.
 */
export function payerErrorMessage(
  text: PageText,
  error: PayerError | undefined,
  fallback: TextKey,
  limits?: { min: string; max: string },
): string {
  const code = error?.code as ErrorCode | undefined;
  if (code === 'top_up_limit' && limits) return text.t('error.topUpLimit', limits);
  if (code === 'top_up_limit') return text.t('error.topUpLimitUnknown');
  const byReason = error?.reason ? BY_REASON[error.reason.key] : undefined;
  const byField = code === 'validation' && error?.field ? BY_FIELD[error.field] : undefined;
  const key = byReason ?? byField ?? (code ? BY_CODE[code] : undefined);
  return text.t(key ?? fallback);
}
