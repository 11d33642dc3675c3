import { z } from 'zod';

/**
 * Field types shared by the Vietnamese bank-feed services (Pay2s push, Pay2s and Web2m history).
 * They relay what each bank's statement says, so the same field comes as a number from one bank and
 * a string from another; these schemas accept both and normalise, and refuse anything inexact.
 */

/** A VND amount: whole dong, as a JSON integer or a digit string; never fractional or negative. */
export const vndAmountSchema = z
  .union([z.int().nonnegative(), z.string().regex(/^\d{1,15}$/)])
  .transform((value) => Number(value))
  .refine((value) => Number.isSafeInteger(value), 'amount out of range');

/** A provider's transaction id, sent as a string or a number: kept as the string it reads as. */
export const transactionIdSchema = z
  .union([z.string().trim().min(1).max(128), z.int().nonnegative()])
  .transform((value) => String(value));

/** "IN" money received, "OUT" money sent; some banks' relays write it in lowercase. */
export const directionSchema = z
  .string()
  .transform((value) => value.toUpperCase())
  .pipe(z.enum(['IN', 'OUT']));
