import { z } from 'zod';
import { PLATFORM_MAX_MOVEMENT } from '../movement-limits.js';
import { currencySchema } from './common.js';

const minorUnits = z.int({ error: 'must be an integer count of minor units' });

export const movementLimitSchema = z.object({
  currency: currencySchema,
  confirmAbove: z.int(),
  maxPerMovement: z.int(),
  /** Whether the reseller set this currency's limits (false: the platform's defaults apply). */
  custom: z.boolean(),
});
export type MovementLimitView = z.infer<typeof movementLimitSchema>;

export const movementLimitsSchema = z.object({ items: z.array(movementLimitSchema) });

export const movementLimitInput = z
  .strictObject({
    currency: currencySchema,
    confirmAbove: minorUnits.min(0, { error: 'must not be negative' }),
    maxPerMovement: minorUnits.min(1, { error: 'must be greater than zero' }).max(PLATFORM_MAX_MOVEMENT, {
      error: `must be at most ${PLATFORM_MAX_MOVEMENT} minor units (the platform's maximum)`,
    }),
  })
  .refine((l) => l.confirmAbove <= l.maxPerMovement, {
    error: 'must not be above the maximum per movement',
    path: ['confirmAbove'],
  });

/** Sets the limits of the currencies listed; the others keep theirs. */
export const updateMovementLimitsBody = z
  .strictObject({ items: z.array(movementLimitInput).min(1).max(50) })
  .refine((b) => new Set(b.items.map((i) => i.currency)).size === b.items.length, {
    error: 'lists a currency more than once',
    path: ['items'],
  });
export type UpdateMovementLimits = z.infer<typeof updateMovementLimitsBody>;
