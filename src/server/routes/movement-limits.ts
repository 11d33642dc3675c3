import { errorBodySchema } from '../../shared/api/common.js';
import { movementLimitsSchema, updateMovementLimitsBody } from '../../shared/api/movement-limits.js';
import type { Api, AppContext } from '../context.js';
import { movementLimits, setMovementLimits } from '../services/movement-limits/limits.js';
import { unwrap } from '../services/result.js';
import { adminScope, staffScope } from '../http/access.js';

const errors = { '4xx': errorBodySchema };

/** Limits on staff movements: staff read them (the console asks above `confirmAbove`); admins set them. */
export function registerMovementLimitRoutes(api: Api, ctx: AppContext) {
  api.get(
    '/v1/movement-limits',
    { schema: { tags: ['movements'], response: { 200: movementLimitsSchema, ...errors } } },
    async (request) => ({ items: await movementLimits(ctx.store.db, staffScope(request).resellerId) }),
  );

  api.put(
    '/v1/movement-limits',
    {
      schema: {
        tags: ['movements'],
        body: updateMovementLimitsBody,
        response: { 200: movementLimitsSchema, ...errors },
      },
    },
    async (request) => {
      const scope = adminScope(request);
      const now = ctx.now();
      const items = await ctx.store.write(async (trx) =>
        unwrap(await setMovementLimits(trx, scope, request.body, now)),
      );
      return { items };
    },
  );
}
