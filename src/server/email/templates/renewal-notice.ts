import type { Currency } from '../../../shared/money.js';
import { escapeHtml } from '../../lib/html.js';
import type { Text } from '../../i18n/text.js';
import { detailRows } from './rows.js';

interface RenewalFacts {
  resellerName: string;
  customerName: string;
  subscriptionId: string;
  productName: string;
  quantity: number;
  amount: number;
  currency: Currency;
  /** Available balance of the paying wallet now. */
  available: number;
}

/** Before the period end: the wallet cannot cover the renewal yet. */
export function renewalNotCoveredEmail(text: Text, input: RenewalFacts & { renewsAt: string }) {
  const values = {
    product: input.productName,
    day: text.day(input.renewsAt),
    amount: text.money(input.amount, input.currency),
  };
  return message(
    text,
    input,
    text.t('email.renewal.notCoveredSubject', values),
    text.t('email.renewal.notCovered', values),
    [[text.t('email.renewal.renewsOn'), values.day]],
  );
}

/**
 * The renewal was attempted and could not be paid: the subscription is past due until
 * `nextAttemptAt`. `reason`: the ledger's refusal (its English message, which an English email
 * quotes, and its code, which other languages word), if it said one.
 */
export function renewalFailedEmail(
  text: Text,
  input: RenewalFacts & { reason?: { code: string; message: string } | undefined; nextAttemptAt: string },
) {
  const values = {
    product: input.productName,
    amount: text.money(input.amount, input.currency),
    day: text.day(input.nextAttemptAt),
  };
  return message(
    text,
    input,
    text.t('email.renewal.failedSubject', values),
    text.t('email.renewal.failed', values),
    [
      [text.t('email.renewal.reason'), reasonText(text, input.reason)],
      [text.t('email.renewal.nextAttempt'), text.moment(input.nextAttemptAt)],
    ],
  );
}

function reasonText(text: Text, reason: { code: string; message: string } | undefined): string {
  if (reason && text.lang === 'en') return reason.message;
  if (reason?.code === 'insufficient_funds') return text.t('email.renewal.why.insufficient_funds');
  if (reason?.code === 'wallet_closed') return text.t('email.renewal.why.wallet_closed');
  if (reason?.code === 'wallet_on_hold') return text.t('email.renewal.why.wallet_on_hold');
  return text.t('email.renewal.why');
}

function message(
  text: Text,
  input: RenewalFacts,
  subject: string,
  lead: string,
  extra: Array<[string, string]>,
) {
  const hello = text.t('email.hello', { name: input.customerName });
  const signOff = text.t('email.signOff', { reseller: input.resellerName });
  const details = detailRows([
    [text.t('email.renewal.subscription'), input.subscriptionId],
    [text.t('email.renewal.product'), `${input.quantity} × ${input.productName}`],
    [text.t('email.renewal.amount'), text.money(input.amount, input.currency)],
    [text.t('email.renewal.available'), text.money(input.available, input.currency)],
    ...extra,
  ]);
  return {
    subject,
    text: [hello, '', lead, '', details.text, '', signOff].join('\n'),
    html: `<p>${escapeHtml(hello)}</p>
<p>${escapeHtml(lead)}</p>
${details.html}
<p>${escapeHtml(signOff)}</p>`,
  };
}
