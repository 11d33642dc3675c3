import { z } from 'zod';
import {
  createUserBody,
  createUserResponse,
  resetPasswordBody,
  resetPasswordResponse,
  updateUserBody,
  userSchema,
} from '../../shared/api/auth.js';
import { errorBodySchema } from '../../shared/api/common.js';
import { type Api, type AppContext } from '../context.js';
import { principalOf } from '../http/scope.js';
import { unwrap } from '../services/result.js';
import { newPassword } from '../services/users/common.js';
import { createUser } from '../services/users/create.js';
import { listUsers } from '../services/users/list.js';
import { resetPassword } from '../services/users/password.js';
import { updateUser } from '../services/users/update.js';
import { toUser } from '../wire/user.js';
import { adminScope } from '../http/access.js';

const errors = { '4xx': errorBodySchema };
const idParams = z.strictObject({ id: z.string().min(1).max(64) });

/** Logins of the caller's reseller: the reseller admin's only (support agents and customers: 403). */
export function registerUserRoutes(api: Api, ctx: AppContext) {
  api.post(
    '/v1/users',
    { schema: { tags: ['auth'], body: createUserBody, response: { 201: createUserResponse, ...errors } } },
    async (request, reply) => {
      const scope = adminScope(request);
      const { password, ...body } = request.body;
      // Not idempotent on purpose: a made-up password must never be stored as a replayable answer.
      const { hash, made } = await newPassword(password);
      const now = ctx.now();
      const row = await ctx.store.write(async (trx) =>
        unwrap(await createUser(trx, scope, { ...body, passwordHash: hash }, now)),
      );
      return reply.code(201).send({ ...toUser(row), ...(made ? { password: made } : {}) });
    },
  );

  api.get(
    '/v1/users',
    { schema: { tags: ['auth'], response: { 200: z.object({ items: z.array(userSchema) }), ...errors } } },
    async (request) => ({ items: await listUsers(ctx.store.db, adminScope(request).resellerId) }),
  );

  api.patch(
    '/v1/users/:id',
    {
      schema: {
        tags: ['auth'],
        params: idParams,
        body: updateUserBody,
        response: { 200: userSchema, ...errors },
      },
    },
    async (request) => {
      const scope = adminScope(request);
      const now = ctx.now();
      const input = { id: request.params.id, patch: request.body };
      return ctx.store.write(async (trx) => unwrap(await updateUser(trx, scope, input, now)));
    },
  );

  api.post(
    '/v1/users/:id/password',
    {
      schema: {
        tags: ['auth'],
        params: idParams,
        body: resetPasswordBody,
        response: { 200: resetPasswordResponse, ...errors },
      },
    },
    async (request) => {
      const scope = adminScope(request);
      const { hash, made } = await newPassword(request.body.password);
      const now = ctx.now();
      const input = { id: request.params.id, passwordHash: hash, callerUserId: principalOf(request).userId };
      const user = await ctx.store.write(async (trx) => unwrap(await resetPassword(trx, scope, input, now)));
      return { user, ...(made ? { password: made } : {}) };
    },
  );
}
