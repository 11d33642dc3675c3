import { z } from 'zod';
import { cursorSchema, idSchema, limitSchema, requiredEmailSchema, timestampSchema } from './common.js';
import { languageSchema, languageSetBySchema } from './language.js';

const name = z.string().trim().min(1, { error: 'must not be empty' }).max(200);
const email = requiredEmailSchema.max(254).toLowerCase();
const externalRef = z.string().trim().min(1).max(100);

export const customerSchema = z.object({
  id: idSchema,
  name: z.string(),
  email: z.string(),
  externalRef: z.string().nullable(),
  /**
   * What the customer's emails are written in; null: English. The defaults read feed entries
   * written before customers had a language.
   */
  language: languageSchema.nullable().default(null),
  languageSetBy: languageSetBySchema.nullable().default(null),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type Customer = z.infer<typeof customerSchema>;

/** null: no choice (English, until the customer's own login picks a language). */
const language = languageSchema.nullable();

export const createCustomerBody = z.strictObject({
  name,
  email,
  externalRef: externalRef.optional(),
  language: language.optional(),
});
export const updateCustomerBody = z
  .strictObject({
    name: name.optional(),
    email: email.optional(),
    externalRef: externalRef.nullable().optional(),
    language: language.optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { error: 'nothing to change' });

export const listCustomersQuery = z.strictObject({
  query: z.string().max(200).optional(),
  cursor: cursorSchema,
  limit: limitSchema,
});
export const customerListSchema = z.object({
  items: z.array(customerSchema),
  nextCursor: z.string().nullable(),
});
