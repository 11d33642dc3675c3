import { z } from 'zod';
import { minorUnits } from '../../../shared/money.js';
import { directionSchema, transactionIdSchema, vndAmountSchema } from '../bank-feed.js';
import type { ProviderEvent } from '../provider.js';

/**
 * Web2m bank-history API: polled, not pushed. GET https://api.web2m.com/historyapi<bank>v3/
 * <password>/<account>/<token> returns the account's recent statement lines; we poll it and match
 * each incoming line to a payment by memo code and amount.
 *
 * Web2m publishes no schema we could find; this is the shape its v3 endpoints return as public
 * integrations read them, e.g.
 *   https://github.com/phamquangvinhfpt/dr-dentist-api src/Core/Application/Payments/TransactionAPIResponse.cs
 *     { status: bool, message: string, transactions: [{ transactionID, amount, description,
 *       transactionDate, type }] }
 *   PHP crons reading historyapimbv3 / historyapivcbv3 / historyapiacbv3 (fields transactionID,
 *   amount, description, transactionDate, type === "IN").
 * So the schema is strict about what matching needs (id, amount, content, direction) and lenient
 * about representation (ids and amounts as strings or numbers, dates as the bank writes them).
 * The secrets sit in the URL path: never log the request URL.
 */

export const web2mHistoryResponseSchema = z.object({
  status: z.boolean(),
  message: z.string().nullish(),
  transactions: z
    .array(
      z.object({
        transactionID: transactionIdSchema,
        amount: vndAmountSchema,
        description: z.string(),
        transactionDate: z.string().min(1),
        type: directionSchema,
      }),
    )
    .nullish()
    .transform((lines) => lines ?? []),
});
export type Web2mHistoryResponse = z.infer<typeof web2mHistoryResponseSchema>;

export type Web2mRead =
  { ok: true; events: ProviderEvent[] } | { ok: false; reason: 'refused' | 'malformed'; detail: string };

/**
 * The incoming lines of one polled page as bank-credit events. Web2m lines do not name the account
 * (the URL did), so the caller passes it. A `status: false` answer (bad token, bank login failed)
 * is a refusal to report, not an empty statement.
 */
export function readWeb2mHistory(body: unknown, accountNumber: string): Web2mRead {
  const parsed = web2mHistoryResponseSchema.safeParse(body);
  if (!parsed.success) return { ok: false, reason: 'malformed', detail: z.prettifyError(parsed.error) };
  if (!parsed.data.status)
    return { ok: false, reason: 'refused', detail: parsed.data.message ?? 'status false' };
  const events = parsed.data.transactions
    .filter((line) => line.type === 'IN')
    .map((line): ProviderEvent => ({
      kind: 'bank_credit',
      provider: 'vietqr',
      // Bank transaction ids are unique per bank account, so the account scopes them.
      eventId: `web2m:${accountNumber}:${line.transactionID}`,
      accountNumber,
      amount: { kind: 'fiat', currency: 'VND', amount: minorUnits(line.amount) },
      content: line.description,
      bookedAt: line.transactionDate,
    }));
  return { ok: true, events };
}
