import type { HeldRefundOutcome, PaymentReview } from '../../shared/api/payments';
import { paymentStatuses } from '../../shared/api/payments';
import { i18n } from '../i18n';
import { formatAmount, formatDateTime } from '../lib/format';
import { knownNetworkName } from '../top-up/crypto-rails';
import { PAYMENT_STATUS_LABELS, providerLabel } from './payment-labels';

/** `amount` and `currency`: the money the review carries, which the Needs review list shows apart. */
type Review = Pick<PaymentReview, 'reason' | 'detail'> & Partial<Pick<PaymentReview, 'amount' | 'currency'>>;

/**
 * A review's detail in the console's language ("The provider reports 80,00 US$ received, but
 * 100,00 US$ was due"), read back from the English sentences the server writes for each reason
 * (src/server/payments: settle.ts, service.ts, late-watch.ts, reversals.ts; review-words.test.ts
 * holds them). The server's own words when the console does not know the sentence: a newer server,
 * or one whose particulars it cannot word (crypto base units). A sentence about the very money the
 * review carries leaves that amount out: the list shows it in its Amount column, once.
 */
export function reviewDetailText(review: Review): string {
  return reviewDetailWords(review) ?? review.detail;
}

/** "1234 USD minor units" (fiat only: crypto base units need the asset's decimals). */
const MINOR = String.raw`(\d+) ([A-Z]{3}) minor units`;

const money = (amount: string, currency: string) => formatAmount(Number(amount), currency);

/** A payment's or the provider's status; the provider's `pending` is what the console calls `new`. */
const statusLabel = (status: string) => {
  const ours = status === 'pending' ? 'new' : status;
  return (paymentStatuses as readonly string[]).includes(ours)
    ? PAYMENT_STATUS_LABELS[ours as (typeof paymentStatuses)[number]]
    : null;
};

/** Whether `amount` minor units of `currency`, as a sentence names them, are the money the review carries. */
const carried = (review: Review, amount: string, currency: string) =>
  review.amount === Number(amount) && review.currency === currency;

const readers: Record<PaymentReview['reason'], ((detail: string, review: Review) => string | null)[]> = {
  amount: [mismatch, expiredUnderpaid],
  currency: [mismatch],
  recipient: [
    (d) => {
      const m = /^the provider reports the money went to (.+), not to this merchant$/.exec(d);
      return m ? i18n.t('payments:reviewDetail.recipient', { recipient: m[1] }) : null;
    },
  ],
  reference: [names],
  payment: [names, eventNamesOther, coinsAfterExpiry, lapsedCharge, heldRefund],
  overpaid: [
    (d) => {
      const m = new RegExp(
        String.raw`^the provider reports ${MINOR} of (\d+) ([A-Z]{3}) minor units due; (\d+) were credited, the excess needs a decision$`,
      ).exec(d);
      if (!m) return null;
      const [, received, currency, due, dueCurrency, credited] = m as unknown as string[];
      return i18n.t('payments:reviewDetail.overpaid', {
        received: money(received!, currency!),
        due: money(due!, dueCurrency!),
        credited: money(credited!, dueCurrency!),
      });
    },
  ],
  unmatched: [bankLine, heldForReview, paidAfterClosed, paidAfterApplied, refundFailedClosed],
  reversal: [
    (d) => {
      const m =
        /^(\w+) took back (\d+) of the (\d+) ([A-Z]{3}) minor units credited(?:; the wallet could cover only (\d+): it owes (\d+) and is on hold for new spending)?$/.exec(
          d,
        );
      if (!m) return null;
      const [, provider, taken, credited, currency, covered, owes] = m as unknown as (string | undefined)[];
      const values = {
        provider: provider!,
        taken: money(taken!, currency!),
        credited: money(credited!, currency!),
      };
      return covered && owes
        ? i18n.t('payments:reviewDetail.reversalOwing', {
            ...values,
            covered: money(covered, currency!),
            owes: money(owes, currency!),
          })
        : i18n.t('payments:reviewDetail.reversal', values);
    },
  ],
  network: [wrongNetwork],
};

/** A refund that failed after its wallet was closed (services/payment-refunds/finish.ts). */
function refundFailedClosed(d: string, review: Review): string | null {
  const m = new RegExp(
    String.raw`^refund \S+ of ${MINOR} failed at (\w+) after wallet \S+ was closed \(.*\): the money reached neither the customer nor the wallet$`,
  ).exec(d);
  if (!m) return null;
  const [, amount, currency, id] = m as unknown as string[];
  const provider = providerLabel(id!);
  return carried(review, amount!, currency!)
    ? i18n.t('payments:reviewDetail.refundFailedClosedCarried', { provider })
    : i18n.t('payments:reviewDetail.refundFailedClosed', { amount: money(amount!, currency!), provider });
}

/**
 * A saved method's charge never answered, held rather than sent again once its provider may have
 * forgotten the key (src/server/payments/lapsed-charge.ts). The amount is what the payer was
 * charged, fee included, not the money the review carries: it is said.
 */
function lapsedCharge(d: string): string | null {
  const m = new RegExp(
    String.raw`^(\w+) never answered the saved-method charge of ${MINOR} sent at (\S+), and forgets its key after (\d+) hours: it was not sent again; look for it at \w+ by this payment's id, apply this review if it was made, close it if not$`,
  ).exec(d);
  if (!m) return null;
  const [, id, amount, currency, sent, hours] = m as unknown as string[];
  return i18n.t('payments:reviewDetail.lapsedCharge', {
    provider: providerLabel(id!),
    amount: money(amount!, currency!),
    sent: formatDateTime(sent!),
    hours: Number(hours),
  });
}

/** The sentence of a refund held unanswered, not findable by its id past its provider's window (server payments/refunds.ts). */
const HELD_REFUND = new RegExp(
  String.raw`^(\w+) never answered refund \S+ of ${MINOR} asked at (\S+), and forgets its request id after (\d+) hours; it cannot be looked up by this refund's id: it was not asked again and is not confirmed; look for it among the payment's refunds at \w+, and credit the wallet back if it was never made$`,
);

function heldRefund(d: string): string | null {
  const m = HELD_REFUND.exec(d);
  if (!m) return null;
  const [, id, amount, currency, asked, hours] = m as unknown as string[];
  return i18n.t('payments:reviewDetail.heldRefund', {
    provider: providerLabel(id!),
    amount: money(amount!, currency!),
    asked: formatDateTime(asked!),
    hours: Number(hours),
  });
}

/** What staff say they found at the provider about a held refund (the API's `refund` on resolve). */
export type HeldRefundChoice = {
  outcome: HeldRefundOutcome;
  label: string;
};

/**
 * The choice resolving a held refund's review asks for (the API refuses to resolve it without one:
 * `refund_outcome_required`), in the console's language: the question, and what each answer does.
 * Null for any other review, or an open one from a server whose sentence this release cannot read
 * (it is then resolved as any review, and the server's refusal says why).
 */
export function heldRefundChoices(
  review: Pick<PaymentReview, 'reason' | 'detail' | 'amount'>,
): { question: string; choices: [HeldRefundChoice, HeldRefundChoice] } | null {
  if (review.reason !== 'payment' || review.amount !== null) return null;
  const m = HELD_REFUND.exec(review.detail);
  if (!m) return null;
  const [, id, amount, currency] = m as unknown as string[];
  const words = {
    provider: providerLabel(id!),
    amount: money(amount!, currency!),
  };
  return {
    question: i18n.t('payments:resolveHeldRefund.question', words),
    choices: [
      { outcome: 'made', label: i18n.t('payments:resolveHeldRefund.made', words) },
      { outcome: 'not_made', label: i18n.t('payments:resolveHeldRefund.notMade', words) },
    ],
  };
}

function reviewDetailWords(review: Review): string | null {
  for (const read of readers[review.reason] ?? []) {
    const words = read(review.detail, review);
    if (words !== null) return words;
  }
  return null;
}

function mismatch(d: string): string | null {
  const m = new RegExp(
    String.raw`^the provider reports ${MINOR} (\w+); expected (\d+) ([A-Z]{3}) minor units$`,
  ).exec(d);
  if (!m) return null;
  const [, received, currency, status, expected, expectedCurrency] = m as unknown as string[];
  const state = statusLabel(status!);
  if (!state) return null;
  return i18n.t('payments:reviewDetail.mismatch', {
    received: money(received!, currency!),
    status: state,
    expected: money(expected!, expectedCurrency!),
  });
}

function expiredUnderpaid(d: string): string | null {
  const m =
    /^part of the (\d+) ([A-Z]{3}) minor units due arrived before the payment expired; nothing was credited$/.exec(
      d,
    );
  return m ? i18n.t('payments:reviewDetail.expiredUnderpaid', { due: money(m[1]!, m[2]!) }) : null;
}

function names(d: string): string | null {
  const m = /^the provider's answer names (reference|payment) (.*), not this payment$/.exec(d);
  if (!m) return null;
  return m[1] === 'reference'
    ? i18n.t('payments:reviewDetail.namesReference', { reference: m[2] })
    : i18n.t('payments:reviewDetail.namesPayment', { payment: m[2] });
}

function eventNamesOther(d: string): string | null {
  const m = /^event (\S+) names (\S+), but this payment is (.+) at the provider$/.exec(d);
  if (!m) return null;
  const [, event, named, ours] = m as unknown as string[];
  return ours === 'not yet opened'
    ? i18n.t('payments:reviewDetail.eventNamesNotOpened', { event, named })
    : i18n.t('payments:reviewDetail.eventNamesOther', { event, named, ours });
}

function coinsAfterExpiry(d: string): string | null {
  const m = /^coins arrived at this payment's address after it expired \((.+)\); nothing was credited$/.exec(
    d,
  );
  return m ? i18n.t('payments:reviewDetail.coinsAfterExpiry', { transactions: m[1] }) : null;
}

function bankLine(d: string, review: Review): string | null {
  const m =
    /^(\d+) ([A-Z]{3}) to (\S+) with content "(.*)" matches (no open payment|several open payments)$/.exec(d);
  if (!m) return null;
  const [, amount, currency, account, content, matches] = m as unknown as string[];
  const values = { amount: money(amount!, currency!), account, content };
  const none = matches === 'no open payment';
  if (carried(review, amount!, currency!)) {
    return none
      ? i18n.t('payments:reviewDetail.bankLineNoMatchInColumn', values)
      : i18n.t('payments:reviewDetail.bankLineSeveralInColumn', values);
  }
  return none
    ? i18n.t('payments:reviewDetail.bankLineNoMatch', values)
    : i18n.t('payments:reviewDetail.bankLineSeveral', values);
}

function heldForReview(d: string): string | null {
  const m =
    /^paid at the provider, but the wallet could not be credited: (.+); the payment is held for this review, apply it once the wallet takes it$/.exec(
      d,
    );
  if (!m) return null;
  if (m[1] === 'this wallet is closed and accepts no movement') {
    return i18n.t('payments:reviewDetail.heldWalletClosed');
  }
  const limit = /^the balance would exceed (\S+ [A-Z]{3})$/.exec(m[1]!);
  return limit ? i18n.t('payments:reviewDetail.heldBalanceLimit', { limit: limit[1] }) : null;
}

function paidAfterClosed(d: string, review: Review): string | null {
  const m = new RegExp(
    String.raw`^the provider reports ${MINOR} paid after this payment was (\w+); nothing was credited$`,
  ).exec(d);
  if (!m) return null;
  const state = statusLabel(m[3]!);
  if (!state) return null;
  return carried(review, m[1]!, m[2]!)
    ? i18n.t('payments:reviewDetail.paidAfterClosedInColumn', { status: state })
    : i18n.t('payments:reviewDetail.paidAfterClosed', { received: money(m[1]!, m[2]!), status: state });
}

function paidAfterApplied(d: string, review: Review): string | null {
  const m = new RegExp(
    String.raw`^the provider reports ${MINOR} paid, but staff had already paid this payment with a transfer from review (\S+); nothing was credited$`,
  ).exec(d);
  if (!m) return null;
  return carried(review, m[1]!, m[2]!)
    ? i18n.t('payments:reviewDetail.paidAfterAppliedInColumn', { review: m[3] })
    : i18n.t('payments:reviewDetail.paidAfterApplied', { received: money(m[1]!, m[2]!), review: m[3] });
}

/** Coins sent on another network than the payment asked for; amounts are whole coins, exact text. */
function wrongNetwork(d: string): string | null {
  const m =
    /^(\w+) arrived on (\w+) instead of (\w+): (.+)\. Nothing was credited; the same key holds that address, so the coins can be recovered\.$/.exec(
      d,
    );
  if (!m) return null;
  const [, asset, arrivedOn, askedOn, where] = m as unknown as string[];
  const network = knownNetworkName(arrivedOn!.toLowerCase());
  const expected = knownNetworkName(askedOn!.toLowerCase());
  const transfers = where!.split('; ').map((one) => {
    const t = /^(\d+(?:\.\d+)?) (\w+) in transaction (\S+) to (\S+)$/.exec(one);
    return t
      ? i18n.t('payments:reviewDetail.networkTransfer', {
          amount: t[1],
          asset: t[2],
          transaction: t[3],
          address: t[4],
        })
      : null;
  });
  if (!network || !expected || transfers.includes(null)) return null;
  return i18n.t('payments:reviewDetail.network', {
    asset,
    network,
    expected,
    transfers: transfers.join('; '),
  });
}

/**
 * What "Mark resolved" does to a review that holds money, said before staff confirm it: nothing
 * credits that money afterwards (a resolved review cannot be applied), and a payment held for the
 * review is closed with it, cancelled (the API's resolve.ts). A `payment` review holding a payment
 * is a saved-method charge held unanswered (lapsed-charge.ts): no money arrived that anyone knows
 * of, and resolving it says the charge was never made, so the payment ends expired.
 */
export function resolveWithoutCreditingText(
  review: { amount: number; currency: string; reason?: PaymentReview['reason'] },
  closesPayment: boolean,
): string {
  const amount = formatAmount(review.amount, review.currency);
  if (closesPayment && review.reason === 'payment') return i18n.t('payments:resolveMoney.lapsed', { amount });
  return closesPayment
    ? i18n.t('payments:resolveMoney.held', { amount })
    : i18n.t('payments:resolveMoney.transfer', { amount });
}
