import { formatMoney } from '../../../shared/money.js';
import type { SandboxCheckoutTable } from '../../db/schema.js';
import { escapeHtml } from '../../lib/html.js';

const OUTCOME: Record<SandboxCheckoutTable['status'], string> = {
  pending: 'Waiting for you to pay.',
  processing: 'Your payment is processing. The merchant is told once it completes.',
  paid: 'Payment received. Thank you! Your wallet is credited as soon as the merchant confirms it.',
  failed: 'Your card was declined. Nothing was charged.',
  cancelled: 'You cancelled this payment. Nothing was charged.',
  expired: 'This checkout has expired. Nothing was charged.',
};

/** Every sandbox page opens with this: whoever lands here must not think money moves. */
export const TEST_MODE_BANNER = `<section class="test-mode" role="note" aria-label="Test mode">
<strong>TEST MODE — no real money</strong>
This is the sandbox test gateway: no card is charged and no real money moves. A wallet credited here holds test money.
</section>`;

/** Test mode is off for the merchant (or forbidden on this server): nothing here can be paid. */
export function sandboxRefusedPage(): string {
  return `${TEST_MODE_BANNER}
<h1>Sandbox checkout</h1>
<p role="alert">This test checkout cannot be used: test mode is turned off for this merchant, or the sandbox test gateway is forbidden on this server. Nothing was charged.</p>`;
}

/** The hosted sandbox checkout: one form, one button per outcome, no script. */
export function sandboxCheckoutPage(
  row: SandboxCheckoutTable,
  status: SandboxCheckoutTable['status'],
  notice: string | null,
): string {
  const amount = escapeHtml(formatMoney(row.amount, row.currency));
  const action = (name: string) => `/sandbox/checkout/${encodeURIComponent(row.id)}/${name}`;
  const back = row.return_url
    ? `<p><a href="${escapeHtml(row.return_url)}">Return to Reseller Console</a></p>`
    : '';
  const form =
    status === 'pending'
      ? `<form method="post" action="${action('pay')}">
<fieldset><legend>Test card</legend>
<label for="card">Card number</label>
<input type="text" id="card" name="card" inputmode="numeric" autocomplete="off" value="4242 4242 4242 4242" aria-describedby="card-help">
<p id="card-help">Any number pays; one ending in 0002 is declined.</p>
</fieldset>
<button type="submit" class="primary">Pay</button>
<button type="submit" formaction="${action('pay-later')}">Pay later (processing, then paid)</button>
<button type="submit" formaction="${action('decline')}">Decline</button>
<button type="submit" formaction="${action('cancel')}">Cancel</button>
</form>`
      : status === 'processing'
        ? `<form method="post" action="${action('complete')}"><button type="submit" class="primary">Complete processing</button></form>`
        : '';
  return `${TEST_MODE_BANNER}
<h1>Sandbox checkout</h1>
<p class="amount" aria-label="Amount">${amount}</p>
<p class="status" role="status" data-status="${status}">${escapeHtml(OUTCOME[status])}</p>
${notice ? `<p role="alert">${escapeHtml(notice)}</p>` : ''}
${form}
${status === 'pending' || status === 'processing' ? '' : back}`;
}
