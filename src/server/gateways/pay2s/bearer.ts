import { z } from 'zod';
import { minorUnits } from '../../../shared/money.js';
import { directionSchema, transactionIdSchema, vndAmountSchema } from '../bank-feed.js';
import { constantTimeEqual } from '../constant-time.js';
import { headerValue, type IncomingWebhook, type ProviderEvent, type WebhookRejection } from '../provider.js';

/**
 * Pay2s bank-feed push: Pay2s POSTs new bank statement lines to our URL, authenticated by a bearer
 * token we configured with it, and retries until we answer 200 with {"success": true}.
 *
 * Source: https://docs.pay2s.vn/webhook/tai-lieu-ky-thuat.html
 *   POST, Content-Type: application/json, Authorization: Bearer <token>
 *   {"transactions":[{"id":"1788052","gateway":"ACB","transactionDate":"2025-04-01 00:02:18",
 *     "transactionNumber":"10418","accountNumber":"12805521",
 *     "content":"SHOPVPS12537 GD 789604-040125 00:05:38","transferType":"IN",
 *     "transferAmount":50000,"checksum":"7e2b3bbc03d1083017e3d2a96d3b8e01"}]}
 *   Success: HTTP 200 and {"success": true}; otherwise a retry after 60 s, at most 6 retries.
 * The per-webhook token comes from Pay2s's partner API (https://docs.pay2s.vn/partner/webhook.html).
 *
 * What the token does and does not prove: it authenticates the sender, not the body, and carries no
 * timestamp. The line's "checksum" is not documented, so it cannot be checked. A push is therefore
 * a claim that money arrived; before crediting, the payment service confirms the line through Pay2s's
 * transaction API (history.ts) and matches memo, amount and account (provider.ts, invariants 3–4).
 * A replayed push carries the same transaction ids, which the (provider, eventId) key drops.
 */

export const PAY2S_ACK = { success: true } as const;

export const pay2sPushSchema = z.object({
  transactions: z
    .array(
      z.object({
        id: transactionIdSchema,
        gateway: z.string().min(1),
        transactionDate: z.string().min(1),
        transactionNumber: transactionIdSchema.nullish(),
        accountNumber: z.string().trim().min(1),
        content: z.string(),
        transferType: directionSchema,
        transferAmount: vndAmountSchema,
        checksum: z.string().nullish(),
      }),
    )
    .min(1),
});
export type Pay2sPush = z.infer<typeof pay2sPushSchema>;

export type Pay2sVerification =
  { ok: true; events: ProviderEvent[] } | { ok: false; reason: WebhookRejection; detail: string };

/** RFC 6750 b64token after the case-insensitive "Bearer" scheme and one space. */
const BEARER = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/i;

export function verifyPay2sPush(webhook: IncomingWebhook, options: { token: string }): Pay2sVerification {
  if (options.token.trim() === '') throw new Error('no Pay2s webhook token configured');
  const header = headerValue(webhook.headers, 'authorization');
  if (header === undefined || header === '')
    return { ok: false, reason: 'missing_signature', detail: 'no Authorization header' };
  const match = BEARER.exec(header);
  if (!match)
    return { ok: false, reason: 'malformed_signature', detail: 'Authorization is not "Bearer <token>"' };
  if (!constantTimeEqual(match[1] ?? '', options.token)) {
    return { ok: false, reason: 'bad_signature', detail: 'bearer token does not match' };
  }

  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(webhook.rawBody));
  } catch {
    return { ok: false, reason: 'malformed_body', detail: 'body is not UTF-8 JSON' };
  }
  const push = pay2sPushSchema.safeParse(body);
  if (!push.success) return { ok: false, reason: 'malformed_body', detail: z.prettifyError(push.error) };
  return { ok: true, events: push.data.transactions.map(toProviderEvent) };
}

function toProviderEvent(line: Pay2sPush['transactions'][number]): ProviderEvent {
  // Each statement line is its own event, de-duplicated by Pay2s's id for it.
  const eventId = `pay2s:${line.id}`;
  if (line.transferType === 'OUT') {
    return { kind: 'ignored', provider: 'vietqr', eventId, eventType: 'bank.transfer_out' };
  }
  return {
    kind: 'bank_credit',
    provider: 'vietqr',
    eventId,
    accountNumber: line.accountNumber,
    amount: { kind: 'fiat', currency: 'VND', amount: minorUnits(line.transferAmount) },
    content: line.content,
    bookedAt: line.transactionDate,
  };
}
