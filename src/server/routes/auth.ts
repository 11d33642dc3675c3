import { z } from 'zod';
import {
  apiKeySchema,
  createApiKeyBody,
  createApiKeyResponse,
  createResellerBody,
  createResellerResponse,
  loginBody,
  loginResponse,
  meResponse,
  resellerSchema,
} from '../../shared/api/auth.js';
import { emptyBodySchema, errorBodySchema } from '../../shared/api/common.js';
import { myLanguageResponse, setMyLanguageBody } from '../../shared/api/language.js';
import { hashPassword } from '../auth/secrets.js';
import { type Api, type AppContext } from '../context.js';
import { principalOf } from '../http/scope.js';
import { createApiKey, listApiKeys, revokeApiKey } from '../services/auth/api-keys.js';
import { createReseller, listResellers, whoIs } from '../services/auth/resellers.js';
import { signIn, signOut } from '../services/auth/sign-in.js';
import { setOwnLanguage } from '../services/users/language.js';
import { Failure } from '../services/failure.js';
import { unwrap } from '../services/result.js';
import { toApiKey } from '../wire/api-key.js';
import { toReseller } from '../wire/reseller.js';
import { adminScope } from '../http/access.js';

const errors = { '4xx': errorBodySchema };
const idParams = z.strictObject({ id: z.string().min(1).max(64) });

export function registerAuthRoutes(api: Api, ctx: AppContext) {
  api.post(
    '/v1/resellers',
    {
      schema: {
        tags: ['resellers'],
        body: createResellerBody,
        response: { 201: createResellerResponse, ...errors },
      },
    },
    async (request, reply) => {
      if (principalOf(request).role !== 'operator')
        throw new Failure('forbidden', 'only the operator creates resellers');
      const { name, adminEmail, adminPassword } = request.body;
      const adminPasswordHash = await hashPassword(adminPassword);
      const now = ctx.now();
      const input = { name, adminEmail, adminPasswordHash };
      const { reseller, apiKey } = await ctx.store.write(async (trx) =>
        unwrap(await createReseller(trx, input, now)),
      );
      return reply.code(201).send({ id: reseller.id, name: reseller.name, apiKey });
    },
  );

  api.get(
    '/v1/resellers',
    {
      schema: {
        tags: ['resellers'],
        response: { 200: z.object({ items: z.array(resellerSchema) }), ...errors },
      },
    },
    async (request) => {
      if (principalOf(request).role !== 'operator')
        throw new Failure('forbidden', 'only the operator lists resellers');
      const rows = await listResellers(ctx.store.db);
      return { items: rows.map(toReseller) };
    },
  );

  api.post(
    '/v1/auth/login',
    {
      schema: { tags: ['auth'], security: [], body: loginBody, response: { 200: loginResponse, ...errors } },
    },
    async (request) => {
      const { email, password } = request.body;
      return signIn(
        { store: ctx.store, throttle: ctx.throttle, now: () => new Date(ctx.now()) },
        { email, password, address: request.ip },
      );
    },
  );

  api.post(
    '/v1/auth/logout',
    {
      schema: { tags: ['auth'], body: emptyBodySchema, response: { 204: z.null(), ...errors } },
    },
    async (request, reply) => {
      principalOf(request);
      const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1] ?? '';
      if (!token.startsWith('rs_'))
        throw new Failure(
          'validation',
          'only a session token can be signed out; revoke API keys instead',
          'Authorization',
        );
      await signOut(ctx.store, token, ctx.now());
      return reply.code(204).send(null);
    },
  );

  api.get(
    '/v1/me',
    { schema: { tags: ['auth'], response: { 200: meResponse, ...errors } } },
    async (request) => {
      const principal = principalOf(request);
      const { reseller, email, language } = await whoIs(ctx.store.db, principal);
      return {
        principal,
        reseller: reseller ? toReseller(reseller) : null,
        email,
        language,
      };
    },
  );

  api.put(
    '/v1/me/language',
    {
      schema: {
        tags: ['auth'],
        body: setMyLanguageBody,
        response: { 200: myLanguageResponse, ...errors },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const now = ctx.now();
      return ctx.store.write(async (trx) =>
        unwrap(await setOwnLanguage(trx, principal, request.body.language, now)),
      );
    },
  );

  api.post(
    '/v1/api-keys',
    {
      schema: { tags: ['auth'], body: createApiKeyBody, response: { 201: createApiKeyResponse, ...errors } },
    },
    async (request, reply) => {
      const scope = adminScope(request);
      const now = ctx.now();
      const { row, key } = await ctx.store.write(async (trx) =>
        unwrap(await createApiKey(trx, scope, request.body, now)),
      );
      return reply.code(201).send({ ...toApiKey(row), key });
    },
  );

  api.get(
    '/v1/api-keys',
    { schema: { tags: ['auth'], response: { 200: z.object({ items: z.array(apiKeySchema) }), ...errors } } },
    async (request) => {
      return { items: (await listApiKeys(ctx.store.db, adminScope(request))).map(toApiKey) };
    },
  );

  api.delete(
    '/v1/api-keys/:id',
    { schema: { tags: ['auth'], params: idParams, response: { 200: apiKeySchema, ...errors } } },
    async (request) => {
      const scope = adminScope(request);
      const now = ctx.now();
      const row = await ctx.store.write(async (trx) =>
        unwrap(await revokeApiKey(trx, scope, request.params, now)),
      );
      return toApiKey(row);
    },
  );
}
