import { z } from 'zod';
import { idSchema, requiredEmailSchema, timestampSchema } from './common.js';
import { languageSchema } from './language.js';

export const roles = ['operator', 'reseller_admin', 'support_agent', 'customer'] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

/** Roles a reseller admin may hand out through users and API keys. */
export const grantableRoleSchema = z.enum(['reseller_admin', 'support_agent', 'customer']);

const email = requiredEmailSchema.max(254).toLowerCase();
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
  /** The user's own language (PUT /v1/me/language); null: never chosen, or an API key. */
  language: languageSchema.nullable().default(null),
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

/**
 * A login for the reseller's staff or one of its customers. Without `password`, the API makes one
 * up and answers it once (`password` in the reply); either way the user can sign in at once.
 */
export const createUserBody = z
  .strictObject({
    email,
    password: password.optional(),
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
  /** `disabled`: cannot sign in, and its sessions no longer work. */
  status: z.enum(['active', 'disabled']),
  /** When the user last signed in (started a session), if ever. */
  lastSignInAt: timestampSchema.nullable(),
  createdAt: timestampSchema,
});
export type User = z.infer<typeof userSchema>;
/** The created user, and the password the API made up for it (only when none was given): shown once. */
export const createUserResponse = userSchema.extend({ password: z.string().optional() });

/**
 * Changes a login: its role (a customer login names its customer; staff roles have none), the
 * customer it is linked to, or whether it is disabled. At least one of them.
 */
export const updateUserFields = z.strictObject({
  role: grantableRoleSchema.optional(),
  customerId: idSchema.nullable().optional(),
  disabled: z.boolean().optional(),
});
const changesSomething = (b: z.infer<typeof updateUserFields>) =>
  b.role !== undefined || b.customerId !== undefined || b.disabled !== undefined;
export const updateUserBody = updateUserFields.refine(changesSomething, {
  error: 'must change role, customerId or disabled',
});
export type UpdateUser = z.infer<typeof updateUserBody>;
/** The same change, for the user `userId` (the desktop's IPC input). */
export const updateUserInput = updateUserFields
  .extend({ userId: idSchema })
  .refine(changesSomething, { error: 'must change role, customerId or disabled' });

/** Sets a new password for a user; without `password`, the API makes one up and answers it once. */
export const resetPasswordBody = z.strictObject({ password: password.optional() });
export const resetPasswordResponse = z.object({ user: userSchema, password: z.string().optional() });
