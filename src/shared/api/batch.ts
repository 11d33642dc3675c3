import { z } from 'zod';

/**
 * The most operations one batch carries. A replay's cost is mostly per batch (one transaction, one
 * fsync, one round trip), so a thousand halves it against a few hundred; a thousand movements of the
 * longest description still fit under BATCH_BODY_LIMIT.
 */
export const MAX_BATCH_OPERATIONS = 1_000;

/** Bytes a batch's body may hold (2 MiB): the batch route's own limit, above every other route's 64 KiB. */
export const BATCH_BODY_LIMIT = 2 * 1024 * 1024;

/**
 * One write of a batch, as it would be sent on its own: the route's path (a `POST` under `/v1/`),
 * its JSON body and its own Idempotency-Key. The batch route answers it exactly as that route would.
 */
export const batchOperationSchema = z.object({
  path: z
    .string()
    .max(300)
    .regex(/^\/v1\/[A-Za-z0-9_\-/]+$/, { error: 'must be an API path such as /v1/wallets/wal_1/credits' })
    .refine((p) => !p.startsWith('/v1/batch'), { error: 'a batch may not contain a batch' }),
  idempotencyKey: z.string().min(1).max(255).optional(),
  body: z.unknown().optional(),
});

export const batchBody = z.object({
  operations: z
    .array(batchOperationSchema)
    .min(1, { error: 'must hold at least one operation' })
    .max(MAX_BATCH_OPERATIONS, { error: `must hold at most ${MAX_BATCH_OPERATIONS} operations` }),
});

/** Each operation's answer, in the order sent: the status and body its own route gave. */
export const batchResultSchema = z.object({
  status: z.number().int(),
  /** The stored answer of an earlier request with the same key (`Idempotent-Replayed: true`). */
  replayed: z.boolean(),
  body: z.unknown(),
});

export const batchResponse = z.object({ results: z.array(batchResultSchema) });

export type BatchOperation = z.infer<typeof batchOperationSchema>;
export type BatchResult = z.infer<typeof batchResultSchema>;
