import { z } from 'zod';

export const syncEntities = ['customer', 'wallet', 'transaction', 'hold'] as const;
export const syncEntitySchema = z.enum(syncEntities);
export type SyncEntity = z.infer<typeof syncEntitySchema>;

export const changeSchema = z.object({
  /** Position in the caller's feed; strictly increasing, in commit order. */
  seq: z.int(),
  entity: syncEntitySchema,
  id: z.string(),
  op: z.enum(['create', 'update']),
  /** The entity as its own GET route returns it, after the change. */
  data: z.record(z.string(), z.unknown()),
});
export type Change = z.infer<typeof changeSchema>;

export const changesQuery = z.strictObject({
  cursor: z.coerce.number().int({ error: 'must be an integer cursor' }).min(0).default(0),
  limit: z.coerce.number().int().min(1).max(5000).default(500),
});
export const changesResponse = z.object({
  changes: z.array(changeSchema),
  nextCursor: z.int(),
  hasMore: z.boolean(),
});
export type ChangesResponse = z.infer<typeof changesResponse>;
