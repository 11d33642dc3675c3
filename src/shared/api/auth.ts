import { z } from 'zod';
import { idSchema, timestampSchema } from './common.js';

export const roles = ['operator', 'reseller_admin', 'support_agent', 'customer'] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

/** Roles a reseller admin may hand out through users and API keys. */
export const grantableRoleSchema = z.enum(['reseller_admin', 'support_agent', 'customer']);

const email = z.email({ error: 'must be an email address' }).max(254).toLowerCase();
const password = z
  .string()
  .min(10, { error: 'must be at least 10 characters' })
  .max(200, { error: 'must be at most 200 characters' });

export const principalSchema = z.object({
  userId: z.string().nullable(),
  apiKeyId: z.string().nullable().optional(),
  role: roleSchema,
  resellerId: z.string().nullable(),
  customerId: z.string().optional(),
});
export type Principal = z.infer<typeof principalSchema>;

export const createResellerBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  adminEmail: email,
  adminPassword: password,
});
export const resellerSchema = z.object({ id: idSchema, name: z.string(), createdAt: timestampSchema });
export const createResellerResponse = z.object({ id: idSchema, name: z.string(), apiKey: z.string() });

export const loginBody = z.strictObject({ email, password: z.string().min(1).max(200) });
export const loginResponse = z.object({
  token: z.string(),
  expiresAt: timestampSchema,
  principal: principalSchema,
});
export const meResponse = z.object({
  principal: principalSchema,
  reseller: resellerSchema.nullable(),
  email: z.string().nullable(),
});

export const createApiKeyBody = z
  .strictObject({
    name: z.string().trim().min(1).max(100),
    role: grantableRoleSchema,
    customerId: idSchema.optional(),
  })
  .refine((b) => (b.role === 'customer') === (b.customerId !== undefined), {
    error: 'customerId is required for the customer role and only for it',
    path: ['customerId'],
  });
export const apiKeySchema = z.object({
  id: idSchema,
  name: z.string(),
  role: roleSchema,
  customerId: z.string().nullable(),
  prefix: z.string(),
  createdAt: timestampSchema,
  revokedAt: timestampSchema.nullable(),
});
export const createApiKeyResponse = apiKeySchema.extend({ key: z.string() });

export const createUserBody = z
  .strictObject({
    email,
    password,
    role: grantableRoleSchema,
    customerId: idSchema.optional(),
  })
  .refine((b) => (b.role === 'customer') === (b.customerId !== undefined), {
    error: 'customerId is required for the customer role and only for it',
    path: ['customerId'],
  });
export const userSchema = z.object({
  id: idSchema,
  email: z.string(),
  role: roleSchema,
  customerId: z.string().nullable(),
  createdAt: timestampSchema,
});
