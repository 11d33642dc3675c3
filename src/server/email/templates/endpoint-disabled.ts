import { escapeHtml } from '../../lib/html.js';

/** To the reseller's admins: an endpoint failed for days and was switched off. */
export function endpointDisabledEmail(input: { url: string; endpointId: string; reason: string }) {
  const subject = 'Webhook endpoint disabled after repeated failures';
  const text = [
    `Your webhook endpoint ${input.url} (${input.endpointId}) was disabled.`,
    '',
    `Reason: ${input.reason}`,
    '',
    'Events are no longer sent to it. Fix the receiver, then enable the endpoint again in the',
    'console (Webhooks); deliveries still pending are sent then, in order.',
  ].join('\n');
  const html = `<p>Your webhook endpoint <strong>${escapeHtml(input.url)}</strong> (${escapeHtml(
    input.endpointId,
  )}) was disabled.</p>
<p>Reason: ${escapeHtml(input.reason)}</p>
<p>Events are no longer sent to it. Fix the receiver, then enable the endpoint again in the console
(Webhooks); deliveries still pending are sent then, in order.</p>`;
  return { subject, text, html };
}
