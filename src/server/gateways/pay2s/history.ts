import { z } from 'zod';
import { directionSchema, transactionIdSchema, vndAmountSchema } from '../bank-feed.js';

/**
 * Pay2s transaction API: what the payment service re-queries to confirm a pushed statement line
 * before crediting (bearer.ts explains why a push alone is not enough).
 *
 * Source: https://docs.pay2s.vn/history-api/tai-lieu-ky-thuat.html
 *   POST https://api.pay2s.vn/userapi/transactions, header "pay2s-token: <base64 secret>",
 *   body {"bankAccounts":"737478888","begin":"03/08/2024","end":"03/08/2024"} (dd/mm/yyyy),
 *   at most 60 requests a minute (429 beyond), answer:
 *   {"status":true,"messages":"Thành công","transactions":[{"id":2288,"transaction_date":"2024-08-03 02:23:11",
 *     "transaction_id":"10439","account_number":"737478888","bank":"ACB","amount":2000,
 *     "description":"QR - GP2BKPT410 GD 750915-080324 02:23:07","type":"IN","checksum":"861a…"}]}
 * The push's "id" and "transactionNumber" correspond to this list's "id" and "transaction_id".
 */

export const pay2sHistoryResponseSchema = z.object({
  status: z.boolean(),
  messages: z.string().nullish(),
  transactions: z
    .array(
      z.object({
        id: transactionIdSchema,
        transaction_date: z.string().min(1),
        transaction_id: transactionIdSchema.nullish(),
        account_number: z.string().trim().min(1),
        bank: z.string().nullish(),
        amount: vndAmountSchema,
        description: z.string(),
        type: directionSchema,
        checksum: z.string().nullish(),
      }),
    )
    .nullish()
    .transform((lines) => lines ?? []),
});
export type Pay2sHistoryResponse = z.infer<typeof pay2sHistoryResponseSchema>;
