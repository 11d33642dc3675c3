import type { RefusalReason } from '../../shared/api/common';
import { paymentStatuses, savedMethodStatusSchema } from '../../shared/api/payments';
import type { QueuedRefusal } from '../../shared/ipc-contract';
import { parseAmount } from '../../shared/money';
import { amountWithCode } from '../../shared/movement-limits';
import { i18n } from '../i18n';
import { knownNetworkName, RAIL_CHOICES } from '../top-up/crypto-rails';
import { asCurrency, displayLocale, formatAmount } from './format';

/**
 * What the screen showing a refusal knows that the refusal may not say: the currency of the amount
 * its form asked for (main's check of an amount's range gives the bound in minor units only).
 */
export type RefusalContext = { currency?: string | undefined };

/**
 * A refusal the server explained as data (its `reason`), in the console's language: "Available
 * balance is 12,00 €; 15,00 € is needed" rather than the server's English. Null when the console
 * does not know the reason, or its values are not what that reason carries (the English then shows).
 */
export function refusalWords(reason: RefusalReason, context: RefusalContext = {}): string | null {
  const { values } = reason;
  const text = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : null);
  const money = (name: string) => {
    const amount = values[name];
    const currency = text('currency');
    return typeof amount === 'number' && Number.isSafeInteger(amount) && currency
      ? formatAmount(amount, currency)
      : null;
  };
  switch (reason.key) {
    case 'insufficient_funds': {
      const available = money('available');
      const needed = money('needed');
      return available && needed ? i18n.t('common:refusal.insufficientFunds', { available, needed }) : null;
    }
    case 'balance_limit': {
      const limit = money('limit');
      return limit ? i18n.t('common:refusal.balanceLimit', { limit }) : null;
    }
    case 'order_provisioning': {
      const order = text('order');
      return order ? i18n.t('common:refusal.orderProvisioning', { order }) : null;
    }
    case 'no_wallet_in_currency': {
      const currency = text('currency');
      return currency ? i18n.t('common:refusal.noWalletInCurrency', { currency }) : null;
    }
    case 'wallet_closed': {
      const currency = text('currency');
      return currency ? i18n.t('common:refusal.walletClosed', { currency }) : null;
    }
    case 'not_sold_in_currency': {
      const currency = text('currency');
      return currency ? i18n.t('common:refusal.notSoldInCurrency', { currency }) : null;
    }
    case 'wallet_on_hold': {
      const currency = text('currency');
      return currency ? i18n.t('common:refusal.walletOnHold', { currency }) : null;
    }
    case 'wallet_on_hold_close': {
      const currency = text('currency');
      return currency ? i18n.t('common:refusal.walletOnHoldClose', { currency }) : null;
    }
    case 'no_available_balance': {
      const currency = text('currency');
      return currency ? i18n.t('common:refusal.noAvailableBalance', { currency }) : null;
    }
    case 'invoice_processing': {
      const invoice = text('invoice');
      return invoice ? i18n.t('common:refusal.invoiceProcessing', { invoice }) : null;
    }
    case 'invoice_payment_held': {
      const invoice = text('invoice');
      return invoice ? i18n.t('common:refusal.invoicePaymentHeld', { invoice }) : null;
    }
    // A void refused while a payment of the invoice is under way, or arrived and waits for staff.
    case 'invoice_void_processing': {
      const invoice = text('invoice');
      const payment = text('payment');
      return invoice && payment ? i18n.t('common:refusal.invoiceVoidProcessing', { invoice, payment }) : null;
    }
    case 'invoice_void_payment_held': {
      const invoice = text('invoice');
      const payment = text('payment');
      return invoice && payment
        ? i18n.t('common:refusal.invoiceVoidPaymentHeld', { invoice, payment })
        : null;
    }
    case 'email_taken':
      return i18n.t('common:refusal.emailTaken');
    case 'url_too_long': {
      const max = values.max;
      return typeof max === 'number' ? i18n.t('common:refusal.urlTooLong', { max }) : null;
    }
    // A schema's refusal of a field, by main's check of an input or the API's (shared/api/validation-reason.ts).
    case 'field_empty':
      return i18n.t('common:refusal.fieldEmpty');
    case 'field_too_short':
      return typeof values.min === 'number'
        ? i18n.t('common:refusal.fieldTooShort', { min: values.min })
        : null;
    case 'field_too_long':
      return typeof values.max === 'number'
        ? i18n.t('common:refusal.fieldTooLong', { max: values.max })
        : null;
    case 'field_not_email':
      return i18n.t('common:refusal.fieldNotEmail');
    case 'field_required':
      return i18n.t('common:refusal.fieldRequired');
    case 'field_wrong_type': {
      const expected = text('expected');
      return expected === 'string' || expected === 'number' || expected === 'boolean' || expected === 'array'
        ? i18n.t(`common:refusal.fieldWrongType.${expected}`)
        : null;
    }
    // Something created here the server has not confirmed yet (main/ipc/not-synced.ts).
    case 'not_synced': {
      const what = text('what');
      return what === 'customer' || what === 'wallet' || what === 'payment'
        ? i18n.t(`common:refusal.notSynced.${what}`)
        : null;
    }
    case 'number_not_positive':
      return i18n.t('common:refusal.numberNotPositive');
    case 'number_negative':
      return i18n.t('common:refusal.numberNegative');
    // A whole number with a fraction; the days or minutes a field counts, when it says.
    case 'number_not_whole':
      return values.unit === 'days'
        ? i18n.t('common:refusal.numberNotWholeDays')
        : values.unit === 'minutes'
          ? i18n.t('common:refusal.numberNotWholeMinutes')
          : values.unit === undefined
            ? i18n.t('common:refusal.numberNotWhole')
            : null;
    case 'number_too_small':
    case 'number_too_big':
    case 'amount_too_small':
    case 'amount_too_big':
      return boundWords(reason.key, values, context.currency);
    // Main's own refusals of something the console does not hold, or not yet (main/ipc/*-handlers.ts).
    case 'wallet_not_found':
      return i18n.t('common:refusal.walletNotFound');
    case 'customer_not_found':
      return i18n.t('common:refusal.customerNotFound');
    case 'queued_change_gone':
      return i18n.t('common:refusal.queuedChangeGone');
    case 'queued_change_sending':
      return i18n.t('common:refusal.queuedChangeSending');
    case 'draft_not_sent':
      return i18n.t('common:refusal.draftNotSent');
    case 'pdf_needs_download':
      return i18n.t('common:refusal.pdfNeedsDownload');
    // A bank statement main cannot read (main/recon/statement-csv.ts), by row and column.
    case 'statement_unreadable':
      return i18n.t('common:refusal.statementUnreadable');
    case 'statement_no_rows':
      return i18n.t('common:refusal.statementNoRows');
    case 'statement_not_amount':
    case 'statement_not_date':
    case 'statement_reference_empty':
    case 'statement_column_missing':
      return statementWords(reason.key, values);
    case 'url_invalid':
      return i18n.t('common:refusal.urlInvalid');
    case 'url_not_https':
      return i18n.t('common:refusal.urlNotHttps');
    case 'url_has_credentials':
      return i18n.t('common:refusal.urlHasCredentials');
    case 'url_unreachable_host': {
      const host = text('host');
      return host ? i18n.t('common:refusal.urlUnreachableHost', { host }) : null;
    }
    case 'payment_not_cancellable': {
      const status = paymentStatus(values.status);
      return status ? i18n.t('common:refusal.paymentNotCancellable', { status }) : null;
    }
    case 'payment_held_for_review':
      return i18n.t('common:refusal.paymentHeldForReview');
    // A saved method's charge held because its answer was lost: not known to be paid.
    case 'payment_held_unanswered':
      return i18n.t('common:refusal.paymentHeldUnanswered');
    case 'payment_never_opened':
      return i18n.t('common:refusal.paymentNeverOpened');
    // A staff movement past the reseller's limits (the console asks or refuses before it is queued;
    // main and the API check again), in the words the movement form uses (customers/movement-confirmation.ts).
    case 'movement_over_max': {
      const max = amountAndCode(values.max, text('currency'));
      return max ? i18n.t('customers:movement.overMax', { max }) : null;
    }
    case 'movement_needs_confirmation': {
      const amount = amountAndCode(values.confirmAbove, text('currency'));
      return amount ? i18n.t('customers:movement.why', { amount }) : null;
    }
    case 'top_up_limit': {
      const min = money('min');
      const max = money('max');
      return min && max ? i18n.t('common:refusal.topUpLimit', { min, max }) : null;
    }
    case 'payment_not_refundable': {
      const status = paymentStatus(values.status);
      return status ? i18n.t('common:refusal.paymentNotRefundable', { status }) : null;
    }
    case 'refund_nothing_left':
      return i18n.t('common:refusal.refundNothingLeft');
    case 'refund_at_most': {
      const amount = money('amount');
      return amount ? i18n.t('common:refusal.refundAtMost', { amount }) : null;
    }
    case 'refund_came_first':
      return i18n.t('common:refusal.refundCameFirst');
    // The provider refused a refund it was asked for: why, from its failure code. `_review`: it
    // failed after its wallet was closed, so its money waits in a payment review instead.
    case 'refund_refused':
    case 'refund_refused_review': {
      const code = text('code');
      const why = code && /^[a-z_]+$/.test(code) ? `wallet:refundFailure.${code}` : null;
      const words = reason.key === 'refund_refused' ? 'refundRefused' : 'refundRefusedReview';
      return why && i18n.exists(why) ? i18n.t(`common:refusal.${words}`, { why: i18n.t(why) }) : null;
    }
    case 'verify_unreachable': {
      const source = text('source');
      return source === 'chain' || source === 'bank'
        ? i18n.t(`common:refusal.verifyUnreachable.${source}`)
        : null;
    }
    case 'verify_not_crypto':
      return i18n.t('common:refusal.verifyNotCrypto');
    case 'verify_not_bank':
      return i18n.t('common:refusal.verifyNotBank');
    case 'review_without_transfer':
      return i18n.t('common:refusal.reviewWithoutTransfer');
    case 'review_already_applied':
      return i18n.t('common:refusal.reviewAlreadyApplied');
    case 'review_already_resolved':
      return i18n.t('common:refusal.reviewAlreadyResolved');
    case 'review_payment_already_paid':
      return i18n.t('common:refusal.reviewPaymentAlreadyPaid');
    case 'review_payment_held':
      return i18n.t('common:refusal.reviewPaymentHeld');
    case 'review_other_currency': {
      const transfer = text('transfer');
      const target = text('target');
      return transfer && target ? i18n.t('common:refusal.reviewOtherCurrency', { transfer, target }) : null;
    }
    case 'review_without_invoice':
      return i18n.t('common:refusal.reviewWithoutInvoice');
    case 'review_invoice_not_payable': {
      const invoice = text('invoice');
      if (!invoice) return null;
      return text('status') === 'paid'
        ? i18n.t('common:refusal.reviewInvoicePaid', { invoice })
        : i18n.t('common:refusal.reviewInvoiceNotOpen', { invoice });
    }
    case 'payer_not_found':
      return i18n.t('common:refusal.payerNotFound');
    case 'save_method_needs_payer':
      return i18n.t('common:refusal.saveMethodNeedsPayer');
    case 'saved_method_not_found':
      return i18n.t('common:refusal.savedMethodNotFound');
    case 'saved_method_not_confirmed': {
      const status = text('status');
      return status && SAVED_METHOD_STATUSES.has(status)
        ? i18n.t('common:refusal.savedMethodNotConfirmed', {
            status: i18n.t(`payers:methodStatus.${status}`),
          })
        : null;
    }
    case 'saved_method_other_provider': {
      const provider = text('provider');
      const key = `payments:provider.${provider}`;
      return provider && i18n.exists(key)
        ? i18n.t('common:refusal.savedMethodOtherProvider', { provider: i18n.t(key) })
        : null;
    }
    case 'saved_method_other_payer':
      return i18n.t('common:refusal.savedMethodOtherPayer');
    case 'coin_not_chosen':
      return i18n.t('common:refusal.coinNotChosen');
    case 'coin_not_offered': {
      const asset = text('asset');
      const currency = text('currency');
      return asset && currency ? i18n.t('common:refusal.coinNotOffered', { asset, currency }) : null;
    }
    case 'coin_amount_too_small': {
      const amount = money('amount');
      const asset = text('asset');
      return amount && asset ? i18n.t('common:refusal.coinAmountTooSmall', { amount, asset }) : null;
    }
    case 'coin_network_unwatched': {
      const rail = railName(values);
      return rail ? i18n.t('common:refusal.coinNetworkUnwatched', { rail }) : null;
    }
    case 'coin_no_account_key': {
      const rail = railName(values);
      return rail ? i18n.t('common:refusal.coinNoAccountKey', { rail }) : null;
    }
    case 'coin_addresses_used_up': {
      const network = text('network');
      const name = network ? knownNetworkName(network) : null;
      return name ? i18n.t('common:refusal.coinAddressesUsedUp', { network: name }) : null;
    }
    case 'coin_gap_limit_reached': {
      const network = text('network');
      const name = network ? knownNetworkName(network) : null;
      const limit = values.limit;
      return name && typeof limit === 'number'
        ? i18n.t('common:refusal.coinGapLimitReached', { network: name, limit: String(limit) })
        : null;
    }
    case 'coin_test_chain_no_usdt': {
      const rail = railName(values);
      const chainId = values.chainId;
      return rail && typeof chainId === 'number'
        ? i18n.t('common:refusal.coinTestChainNoUsdt', { rail, chainId: String(chainId) })
        : null;
    }
    case 'coin_rate_unavailable': {
      const asset = text('asset');
      const currency = text('currency');
      return asset && currency ? i18n.t('common:refusal.coinRateUnavailable', { asset, currency }) : null;
    }
    case 'coin_rate_stale': {
      const asset = text('asset');
      const currency = text('currency');
      const minutes = values.minutes;
      return asset && currency && typeof minutes === 'number'
        ? i18n.t('common:refusal.coinRateStale', { asset, currency, minutes })
        : null;
    }
    case 'coin_rates_no_source':
      return i18n.t('common:refusal.coinRatesNoSource');
    case 'payment_already_expired':
      return i18n.t('common:refusal.paymentAlreadyExpired');
    case 'top_up_link_nothing_to_revoke':
      return i18n.t('common:refusal.topUpLinkNothingToRevoke');
    case 'product_not_on_sale':
      return i18n.t('common:refusal.productNotOnSale');
    case 'order_too_large': {
      const max = money('max');
      return max ? i18n.t('common:refusal.orderTooLarge', { max }) : null;
    }
    case 'provisioned_too_many': {
      const quantity = values.quantity;
      return typeof quantity === 'number' ? i18n.t('common:refusal.provisionedTooMany', { quantity }) : null;
    }
    case 'order_already_settled': {
      const order = text('order');
      const status = orderStatus(values.status);
      return order && status ? i18n.t('common:refusal.orderAlreadySettled', { order, status }) : null;
    }
    case 'subscription_already_ended': {
      const status = subscriptionStatus(values.status);
      return status ? i18n.t('common:refusal.subscriptionAlreadyEnded', { status }) : null;
    }
    case 'subscription_ended_order_again': {
      const status = subscriptionStatus(values.status);
      return status ? i18n.t('common:refusal.subscriptionEndedOrderAgain', { status }) : null;
    }
    case 'subscription_changed_meanwhile':
      return i18n.t('common:refusal.subscriptionChangedMeanwhile');
    case 'wallet_exists': {
      const currency = text('currency');
      return currency ? i18n.t('common:refusal.walletExists', { currency }) : null;
    }
    case 'wallet_in_use': {
      const currency = text('currency');
      const uses = walletUses(values);
      return currency && uses ? i18n.t('common:refusal.walletInUse', { currency, uses }) : null;
    }
    case 'refund_required': {
      const amount = money('amount');
      return amount ? i18n.t('common:refusal.refundRequired', { amount }) : null;
    }
    case 'refund_left_over': {
      const amount = money('amount');
      return amount ? i18n.t('common:refusal.refundLeftOver', { amount }) : null;
    }
    case 'payout_needs_reference':
      return i18n.t('common:refusal.payoutNeedsReference');
    case 'wallet_changed_while_closing':
      return i18n.t('common:refusal.walletChangedWhileClosing');
    case 'held_refund_outcome_required':
      return i18n.t('common:refusal.heldRefundOutcomeRequired');
    case 'refund_outcome_not_asked':
      return i18n.t('common:refusal.refundOutcomeNotAsked');
    case 'held_refund_settled': {
      // What the refund ended as when its review was first resolved (the API's payment-refunds/held.ts).
      const status = text('status');
      if (status === 'succeeded') return i18n.t('common:refusal.heldRefundSettled.succeeded');
      return status === 'failed' ? i18n.t('common:refusal.heldRefundSettled.failed') : null;
    }
    default:
      return null;
  }
}

/**
 * What still uses a wallet the server refused to close, from the counts its reason carries, only
 * the non-zero ones ("2 pending holds, 1 order being provisioned"); pending charges when every count
 * is zero (reserved money with no hold counted). Null when a count is missing or not a count.
 */
function walletUses(values: RefusalReason['values']): string | null {
  const count = (name: string) => {
    const n = values[name];
    return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 ? n : null;
  };
  const holds = count('holds');
  const subscriptions = count('subscriptions');
  const provisioningOrders = count('provisioningOrders');
  const autoTopUpCharging = count('autoTopUpCharging');
  if (holds === null || subscriptions === null || provisioningOrders === null || autoTopUpCharging === null)
    return null;
  const parts: string[] = [];
  if (holds > 0) parts.push(i18n.t('common:refusal.walletInUse.holds', { count: holds }));
  if (subscriptions > 0)
    parts.push(i18n.t('common:refusal.walletInUse.subscriptions', { count: subscriptions }));
  if (provisioningOrders > 0)
    parts.push(i18n.t('common:refusal.walletInUse.provisioningOrders', { count: provisioningOrders }));
  if (autoTopUpCharging > 0) parts.push(i18n.t('common:refusal.walletInUse.autoTopUpCharging'));
  if (parts.length === 0) parts.push(i18n.t('common:refusal.walletInUse.pendingCharges'));
  return parts.join(', ');
}

/** A coin on its network as Top Up names it ("USDT on Tron (TRC-20)"); null if the console knows no such rail. */
function railName(values: RefusalReason['values']): string | null {
  return RAIL_CHOICES.find((r) => r.asset === values.asset && r.network === values.network)?.label ?? null;
}

/** The saved method statuses the console labels (`payers:methodStatus.*`). */
const SAVED_METHOD_STATUSES: ReadonlySet<string> = new Set(savedMethodStatusSchema.options);

/** A payment status a refusal names, as the console labels it ("Processing"); null if unknown. */
function paymentStatus(status: unknown): string | null {
  return typeof status === 'string' && (paymentStatuses as readonly string[]).includes(status)
    ? i18n.t(`payments:paymentStatus.${status}`)
    : null;
}

/** An order status a refusal names, as the Orders page labels it ("Failed"); null if unknown. */
function orderStatus(status: unknown): string | null {
  switch (status) {
    case 'provisioning':
      return i18n.t('orders:orderStatus.provisioning');
    case 'completed':
      return i18n.t('orders:orderStatus.completed');
    case 'partial':
      return i18n.t('orders:orderStatus.partial');
    case 'failed':
      return i18n.t('orders:orderStatus.failed');
    default:
      return null;
  }
}

/** A subscription status a refusal names, as the Subscriptions page labels it ("Ended"); null if unknown. */
function subscriptionStatus(status: unknown): string | null {
  switch (status) {
    case 'active':
      return i18n.t('subscriptions:subscriptionStatus.active');
    case 'past_due':
      return i18n.t('subscriptions:subscriptionStatus.past_due');
    case 'cancelled':
      return i18n.t('subscriptions:subscriptionStatus.cancelled');
    case 'expired':
      return i18n.t('subscriptions:subscriptionStatus.expired');
    default:
      return null;
  }
}

/**
 * The API words amounts in its refusals as "4119.16 USD" (a plain decimal and a code, the same for
 * every client); the console shows them as it shows every amount ("$4,119.16"). Parsed from the
 * decimal string, never through a float; anything not an amount of a known currency stays as is.
 */
export function withFormattedAmounts(text: string): string {
  return text.replace(/(-?\d+(?:\.\d+)?) ([A-Z]{3})\b/g, (whole, decimal: string, code: string) => {
    const currency = asCurrency(code);
    if (!currency) return whole;
    const parsed = parseAmount(decimal, currency);
    return parsed.ok ? formatAmount(parsed.value, currency) : whole;
  });
}

/**
 * A refused queued write's reason as the console words it: from its `reason` when the console
 * knows it, otherwise the server's English with its amounts formatted.
 */
export function refusalText(refusal: Pick<QueuedRefusal, 'message' | 'reason'>): string {
  return (refusal.reason && refusalWords(refusal.reason)) || withFormattedAmounts(refusal.message);
}

/** Minor units of a known currency as the movement limits show them ("10.000.000,00 USD"). */
function amountAndCode(amount: unknown, code: string | null): string | null {
  const currency = asCurrency(code);
  return currency && typeof amount === 'number' && Number.isSafeInteger(amount)
    ? amountWithCode(amount, currency, displayLocale())
    : null;
}

/**
 * A number past its bound ("Must be at most 10,000"); an amount's bound formatted in the currency its
 * form knows ("Must be at most $1,000,000,000,000.00"), else only that the amount is too large or
 * small: a bound in minor units means nothing to a person.
 */
function boundWords(
  key: string,
  values: RefusalReason['values'],
  currency: string | undefined,
): string | null {
  const side = key.endsWith('_too_big') ? 'max' : 'min';
  const bound = values[side];
  if (typeof bound !== 'number' || !Number.isSafeInteger(bound)) return null;
  const sentence = side === 'max' ? 'common:refusal.atMost' : 'common:refusal.atLeast';
  if (key.startsWith('number_'))
    return i18n.t(sentence, { [side]: new Intl.NumberFormat(displayLocale()).format(bound) });
  const known = asCurrency(currency);
  if (known) return i18n.t(sentence, { [side]: formatAmount(bound, known) });
  return i18n.t(side === 'max' ? 'common:amount.tooLarge' : 'common:refusal.amountTooSmall');
}

/** The statement's columns as the mapping names them; the figures and names as the file holds them. */
const STATEMENT_FIELDS = ['date', 'amount', 'description', 'reference'];

function statementWords(key: string, values: RefusalReason['values']): string | null {
  const { row, column, value, currency, format, field, columns } = values;
  if (typeof column !== 'string') return null;
  switch (key) {
    case 'statement_not_amount':
      return typeof row === 'number' && typeof value === 'string' && typeof currency === 'string'
        ? i18n.t('common:refusal.statementNotAmount', { row, column, value, currency })
        : null;
    case 'statement_not_date':
      return typeof row === 'number' && typeof value === 'string' && typeof format === 'string'
        ? i18n.t('common:refusal.statementNotDate', { row, column, value, format })
        : null;
    case 'statement_reference_empty':
      return typeof row === 'number'
        ? i18n.t('common:refusal.statementReferenceEmpty', { row, column })
        : null;
    default:
      return typeof field === 'string' && STATEMENT_FIELDS.includes(field) && typeof columns === 'string'
        ? i18n.t('common:refusal.statementColumnMissing', {
            column,
            columns,
            field: i18n.t(`common:refusal.statementField.${field}`),
          })
        : null;
  }
}
