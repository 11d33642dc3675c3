import { escapeHtml } from '../../lib/html.js';
import type { Text } from '../../i18n/text.js';

/** Why an endpoint was switched off, as its disabled_reason and its email word it. */
export function endpointDisabledReason(text: Text, counts: { attempts: number; failures: number }): string {
  return text.t('email.endpoint.why', counts);
}

/** To the reseller's admins: an endpoint failed for days and was switched off. */
export function endpointDisabledEmail(
  text: Text,
  input: { url: string; endpointId: string; attempts: number; failures: number },
) {
  const reason = endpointDisabledReason(text, input);
  return {
    subject: text.t('email.endpoint.subject'),
    text: [
      text.t('email.endpoint.disabled', { url: input.url, id: input.endpointId }),
      '',
      text.t('email.endpoint.reason', { reason }),
      '',
      text.t('email.endpoint.next'),
    ].join('\n'),
    html: `<p>${text.html('email.endpoint.disabled', {
      url: `<strong>${escapeHtml(input.url)}</strong>`,
      id: escapeHtml(input.endpointId),
    })}</p>
<p>${text.html('email.endpoint.reason', { reason: escapeHtml(reason) })}</p>
<p>${text.html('email.endpoint.next')}</p>`,
  };
}
