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
import { principalOf, scopeFor, type Api, type AppContext } from '../context.js';
import { requireWrite } from '../services/scope.js';
import { createUser } from '../services/users/create.js';
import { listUsers } from '../services/users/list.js';
import { resetPassword } from '../services/users/password.js';
import { updateUser } from '../services/users/update.js';

const errors = { '4xx': errorBodySchema };
const idParams = z.strictObject({ id: z.string().min(1).max(64) });

/** Logins of the caller's reseller: the reseller admin's only (support agents and customers: 403). */
export function registerUserRoutes(api: Api, ctx: AppContext) {
  api.post(
    '/v1/users',
    { schema: { tags: ['auth'], body: createUserBody, response: { 201: createUserResponse, ...errors } } },
    async (request, reply) => {
      const scope = scopeFor(request);
      requireWrite(scope);
      return reply.code(201).send(await createUser(ctx.store, scope, request.body, ctx.now()));
    },
  );

  api.get(
    '/v1/users',
    { schema: { tags: ['auth'], response: { 200: z.object({ items: z.array(userSchema) }), ...errors } } },
    async (request) => {
      const scope = scopeFor(request);
      requireWrite(scope);
      return { items: await listUsers(ctx.store.db, scope.resellerId) };
    },
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
      const scope = scopeFor(request);
      requireWrite(scope);
      const now = ctx.now();
      const user = await ctx.store.write((trx) =>
        updateUser(trx, scope, request.params.id, request.body, now),
      );
      return user;
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
      const scope = scopeFor(request);
      requireWrite(scope);
      const caller = { userId: principalOf(request).userId };
      const result = await resetPassword(
        ctx.store,
        scope,
        caller,
        request.params.id,
        request.body,
        ctx.now(),
      );
      return result;
    },
  );
}
