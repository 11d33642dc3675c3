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
import { newId } from '../../shared/ids.js';
import { hashPassword, hashSecret, newSecret } from '../auth/secrets.js';
import { principalOf, scopeFor, type Api, type AppContext } from '../context.js';
import type { Trx } from '../db/database.js';
import { signIn, signOut } from '../services/auth/sign-in.js';
import { Failure, notFound } from '../services/failure.js';
import { requireWrite } from '../services/scope.js';

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
      const passwordHash = await hashPassword(adminPassword);
      const now = ctx.now();
      const apiKey = newSecret('rk');
      const id = newId('reseller');
      await ctx.store.write(async (trx) => {
        await ensureEmailFree(trx, adminEmail, 'adminEmail');
        await trx.insertInto('resellers').values({ id, name, created_at: now }).execute();
        await trx
          .insertInto('users')
          .values({
            id: newId('user'),
            reseller_id: id,
            email: adminEmail,
            password_hash: passwordHash,
            role: 'reseller_admin',
            customer_id: null,
            created_at: now,
          })
          .execute();
        await trx
          .insertInto('api_keys')
          .values({
            id: newId('apiKey'),
            reseller_id: id,
            name: 'Initial admin key',
            role: 'reseller_admin',
            customer_id: null,
            key_hash: hashSecret(apiKey),
            prefix: apiKey.slice(0, 8),
            created_at: now,
            revoked_at: null,
          })
          .execute();
      });
      return reply.code(201).send({ id, name, apiKey });
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
      const rows = await ctx.store.db.selectFrom('resellers').selectAll().orderBy('created_at').execute();
      return { items: rows.map((r) => ({ id: r.id, name: r.name, createdAt: r.created_at })) };
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
      const reseller = principal.resellerId
        ? await ctx.store.db
            .selectFrom('resellers')
            .selectAll()
            .where('id', '=', principal.resellerId)
            .executeTakeFirst()
        : undefined;
      const user = principal.userId
        ? await ctx.store.db
            .selectFrom('users')
            .select('email')
            .where('id', '=', principal.userId)
            .executeTakeFirst()
        : undefined;
      return {
        principal,
        reseller: reseller ? { id: reseller.id, name: reseller.name, createdAt: reseller.created_at } : null,
        email: user?.email ?? null,
      };
    },
  );

  api.post(
    '/v1/api-keys',
    {
      schema: { tags: ['auth'], body: createApiKeyBody, response: { 201: createApiKeyResponse, ...errors } },
    },
    async (request, reply) => {
      const scope = scopeFor(request);
      requireWrite(scope);
      const body = request.body;
      const key = newSecret('rk');
      const now = ctx.now();
      const row = {
        id: newId('apiKey'),
        reseller_id: scope.resellerId,
        name: body.name,
        role: body.role,
        customer_id: body.customerId ?? null,
        key_hash: hashSecret(key),
        prefix: key.slice(0, 8),
        created_at: now,
        revoked_at: null,
      };
      await ctx.store.write(async (trx) => {
        if (body.customerId) await ensureCustomer(trx, scope.resellerId, body.customerId);
        await trx.insertInto('api_keys').values(row).execute();
      });
      return reply.code(201).send({ ...toApiKey(row), key });
    },
  );

  api.get(
    '/v1/api-keys',
    { schema: { tags: ['auth'], response: { 200: z.object({ items: z.array(apiKeySchema) }), ...errors } } },
    async (request) => {
      const scope = scopeFor(request);
      requireWrite(scope);
      const rows = await ctx.store.db
        .selectFrom('api_keys')
        .selectAll()
        .where('reseller_id', '=', scope.resellerId)
        .orderBy('created_at')
        .execute();
      return { items: rows.map(toApiKey) };
    },
  );

  api.delete(
    '/v1/api-keys/:id',
    { schema: { tags: ['auth'], params: idParams, response: { 200: apiKeySchema, ...errors } } },
    async (request) => {
      const scope = scopeFor(request);
      requireWrite(scope);
      const now = ctx.now();
      const row = await ctx.store.write(async (trx) => {
        await trx
          .updateTable('api_keys')
          .set({ revoked_at: now })
          .where('id', '=', request.params.id)
          .where('reseller_id', '=', scope.resellerId)
          .where('revoked_at', 'is', null)
          .execute();
        return trx
          .selectFrom('api_keys')
          .selectAll()
          .where('id', '=', request.params.id)
          .where('reseller_id', '=', scope.resellerId)
          .executeTakeFirst();
      });
      if (!row) throw notFound('API key', 'id');
      return toApiKey(row);
    },
  );
}

async function ensureEmailFree(trx: Trx, email: string, field = 'email') {
  const taken = await trx.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
  if (taken) throw new Failure('conflict', 'a user with this email already exists', field);
}

async function ensureCustomer(trx: Trx, resellerId: string, customerId: string) {
  const found = await trx
    .selectFrom('customers')
    .select('id')
    .where('id', '=', customerId)
    .where('reseller_id', '=', resellerId)
    .executeTakeFirst();
  if (!found) throw notFound('customer', 'customerId');
}

function toApiKey(row: {
  id: string;
  name: string;
  role: 'reseller_admin' | 'support_agent' | 'customer';
  customer_id: string | null;
  prefix: string;
  created_at: string;
  revoked_at: string | null;
}) {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    customerId: row.customer_id,
    prefix: row.prefix,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  };
}
