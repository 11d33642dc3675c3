import type { SandboxCheckoutTable } from '../../db/schema.js';
import type { PageText } from '../../i18n/page-text.js';
import { escapeHtml } from '../../lib/html.js';

/** Every sandbox page opens with this: whoever lands here must not think money moves. */
export function testModeBanner(text: PageText): string {
  return `<section class="test-mode" role="note" aria-label="${escapeHtml(text.t('sandbox.bannerLabel'))}">
<strong>${escapeHtml(text.t('sandbox.bannerTitle'))}</strong>
${escapeHtml(text.t('sandbox.bannerText'))}
</section>`;
}

/** Test mode is off for the merchant (or forbidden on this server): nothing here can be paid. */
export function sandboxRefusedPage(text: PageText): string {
  return `${testModeBanner(text)}
<h1>${escapeHtml(text.t('sandbox.title'))}</h1>
<p role="alert">${escapeHtml(text.t('sandbox.refused'))}</p>`;
}

/** The hosted sandbox checkout: one form, one button per outcome, no script. */
export function sandboxCheckoutPage(
  text: PageText,
  row: SandboxCheckoutTable,
  status: SandboxCheckoutTable['status'],
  notice: string | null,
): string {
  const amount = escapeHtml(text.money(row.amount, row.currency));
  const action = (name: string) => `/sandbox/checkout/${encodeURIComponent(row.id)}/${name}${text.query}`;
  const say = (key: Parameters<PageText['t']>[0]) => escapeHtml(text.t(key));
  // The console's deep link goes back to the app; any other return URL is a web page (a shared
  // top-up link's result page), which is not the console.
  const backText = row.return_url.startsWith('resellerconsole:')
    ? say('sandbox.return')
    : say('sandbox.returnToStatus');
  const back = row.return_url ? `<p><a href="${escapeHtml(row.return_url)}">${backText}</a></p>` : '';
  const form =
    status === 'pending'
      ? `<form method="post" action="${action('pay')}">
<fieldset><legend>${say('sandbox.testCard')}</legend>
<label for="card">${say('sandbox.cardNumber')}</label>
<input type="text" id="card" name="card" inputmode="numeric" autocomplete="off" value="4242 4242 4242 4242" aria-describedby="card-help">
<p id="card-help">${say('sandbox.cardHelp')}</p>
</fieldset>
<button type="submit" class="primary">${say('sandbox.pay')}</button>
<button type="submit" formaction="${action('pay-later')}">${say('sandbox.payLater')}</button>
<button type="submit" formaction="${action('decline')}">${say('sandbox.decline')}</button>
<button type="submit" formaction="${action('cancel')}">${say('sandbox.cancel')}</button>
</form>`
      : status === 'processing'
        ? `<form method="post" action="${action('complete')}"><button type="submit" class="primary">${say('sandbox.complete')}</button></form>`
        : '';
  return `${testModeBanner(text)}
<h1>${say('sandbox.title')}</h1>
<p class="amount" aria-label="${say('common.amount')}">${amount}</p>
<p class="status" role="status" data-status="${status}">${say(`sandbox.outcome.${status}`)}</p>
${notice ? `<p role="alert">${escapeHtml(notice)}</p>` : ''}
${form}
${status === 'pending' || status === 'processing' ? '' : back}`;
}
