import { formatMoney, type Currency } from '../../../shared/money.js';
import { escapeHtml } from '../../lib/html.js';
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
export function renewalNotCoveredEmail(input: RenewalFacts & { renewsAt: string }) {
  const amount = formatMoney(input.amount, input.currency);
  const day = input.renewsAt.slice(0, 10);
  const subject = `${input.productName} renews on ${day}: your wallet does not cover ${amount}`;
  return message(
    input,
    subject,
    `${input.productName} renews on ${day} for ${amount}, and your wallet does not cover it yet. Top up before then to keep it running.`,
    [['Renews on', day]],
  );
}

/** The renewal was attempted and could not be paid: the subscription is past due until `nextAttemptAt`. */
export function renewalFailedEmail(input: RenewalFacts & { reason: string; nextAttemptAt: string }) {
  const amount = formatMoney(input.amount, input.currency);
  const subject = `Renewal failed: ${input.productName} (${amount})`;
  return message(
    input,
    subject,
    `We could not renew ${input.productName} for ${amount}. It is past due; we try again on ${input.nextAttemptAt.slice(0, 10)}. Top up your wallet to keep it running.`,
    [
      ['Reason', input.reason],
      ['Next attempt', input.nextAttemptAt],
    ],
  );
}

function message(input: RenewalFacts, subject: string, lead: string, extra: Array<[string, string]>) {
  const details = detailRows([
    ['Subscription', input.subscriptionId],
    ['Product', `${input.quantity} × ${input.productName}`],
    ['Renewal amount', formatMoney(input.amount, input.currency)],
    ['Available in your wallet', formatMoney(input.available, input.currency)],
    ...extra,
  ]);
  const text = [
    `Hello ${input.customerName},`,
    '',
    lead,
    '',
    details.text,
    '',
    `— ${input.resellerName}`,
  ].join('\n');
  const html = `<p>Hello ${escapeHtml(input.customerName)},</p>
<p>${escapeHtml(lead)}</p>
${details.html}
<p>— ${escapeHtml(input.resellerName)}</p>`;
  return { subject, text, html };
}
