import { z } from 'zod';

/**
 * How a queued write reads ("Add credit $50.00"), stored as a translation key and its values rather
 * than as English text: the outbox outlives a language switch, and a write queued in English must
 * read in Vietnamese once the user switches. The renderer turns it into words (`outbox:summary.<key>`),
 * formatting amounts in the user's locale; main only ever records facts.
 *
 * Amounts are minor units with their currency (1000 + "USD" = 10.00 USD), never pre-formatted text.
 * `legacy` holds the English sentence a console stored before summaries were keys (outbox migration
 * 270): it is shown as it was written.
 */
const money = { amount: z.int(), currency: z.string() };

export const outboxSummarySchema = z.discriminatedUnion('key', [
  z.object({ key: z.literal('legacy'), values: z.object({ text: z.string() }) }),
  z.object({ key: z.literal('customerCreate'), values: z.object({ name: z.string() }) }),
  z.object({
    key: z.literal('walletCreate'),
    /** `amount`: the initial balance the wallet is created with, in minor units of `currency`. */
    values: z.object({ currency: z.string(), name: z.string(), amount: z.int().optional() }),
  }),
  z.object({ key: z.literal('walletCredit'), values: z.object(money) }),
  z.object({ key: z.literal('walletAdjust'), values: z.object({ ...money, reason: z.string() }) }),
  z.object({ key: z.literal('topUp'), values: z.object({ ...money, provider: z.string() }) }),
  z.object({ key: z.literal('invoiceDraft'), values: z.object({ ...money, name: z.string().nullable() }) }),
  z.object({ key: z.literal('ticketOpen'), values: z.object({ subject: z.string() }) }),
  z.object({ key: z.literal('ticketReply'), values: z.object({ subject: z.string() }) }),
  z.object({
    key: z.literal('orderFulfil'),
    values: z.object({ provisioned: z.int(), number: z.string() }),
  }),
  z.object({ key: z.literal('subscriptionCancel'), values: z.object({ product: z.string() }) }),
]);
export type OutboxSummary = z.infer<typeof outboxSummarySchema>;
export type OutboxSummaryKey = OutboxSummary['key'];
export const OUTBOX_SUMMARY_KEYS = outboxSummarySchema.options.map(
  (o) => o.shape.key.value,
) as readonly OutboxSummaryKey[];

/**
 * A stored summary read back. A row this release cannot read (written by a newer one, or damaged)
 * still shows something: its raw text, as a legacy summary, rather than failing the whole list.
 */
export function readOutboxSummary(json: string): OutboxSummary {
  try {
    const parsed = outboxSummarySchema.safeParse(JSON.parse(json));
    if (parsed.success) return parsed.data;
  } catch {
    // Not JSON: shown as text below.
  }
  return { key: 'legacy', values: { text: json } };
}
