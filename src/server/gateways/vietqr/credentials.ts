import { z } from 'zod';
import { MAX_ACCOUNT_LENGTH } from './payload.js';

/**
 * What a reseller stores for VietQR bank transfers (encrypted server-side, never sent to a client):
 * the receiving account, and the bank feed that reports what arrives on it.
 *   feed "pay2s": Pay2s pushes statement lines (bearer `pay2sToken`), and its transaction API
 *                 (`pay2sApiToken`, header "pay2s-token") is re-queried before crediting.
 *   feed "web2m": Web2m's history API is polled (`web2mBank`, `web2mPassword`, `web2mToken`, all
 *                 in the URL path, which is therefore never logged).
 */
export const PAY2S_API_BASE = 'https://api.pay2s.vn';
export const WEB2M_API_BASE = 'https://api.web2m.com';

/** Text put before the memo code in the transfer content; ≤ 13 so prefix + space + code fit 25. */
export const MAX_MEMO_PREFIX_LENGTH = 13;

const secret = z.string().trim().min(1).max(512);
const apiBase = z.url({ protocol: /^https?$/ });

export const vietqrCredentialsSchema = z
  .strictObject({
    /** NAPAS bank identification number, e.g. "970422" (MB). */
    bankBin: z.string().regex(/^\d{6}$/, 'six digits'),
    accountNumber: z
      .string()
      .regex(new RegExp(`^[0-9A-Za-z]{1,${MAX_ACCOUNT_LENGTH}}$`), 'letters and digits, at most 19'),
    /** As the bank holds it, shown to the payer beside the QR code. */
    accountName: z.string().trim().min(1).max(100),
    memoPrefix: z
      .string()
      .regex(
        new RegExp(`^[A-Z0-9]{1,${MAX_MEMO_PREFIX_LENGTH}}$`),
        'uppercase letters and digits, at most 13',
      )
      .optional(),
    feed: z.enum(['pay2s', 'web2m']),
    pay2sToken: secret.optional(),
    pay2sApiToken: secret.optional(),
    pay2sApiBase: apiBase.default(PAY2S_API_BASE),
    /** The bank part of Web2m's endpoint name: "mb" for /historyapimbv3/…, "vcb", "acb", … */
    web2mBank: z
      .string()
      .regex(/^[a-z]{2,12}$/)
      .optional(),
    web2mPassword: secret.optional(),
    web2mToken: secret.optional(),
    web2mApiBase: apiBase.default(WEB2M_API_BASE),
  })
  .superRefine((c, context) => {
    const required =
      c.feed === 'pay2s'
        ? (['pay2sToken', 'pay2sApiToken'] as const)
        : (['web2mBank', 'web2mPassword', 'web2mToken'] as const);
    for (const field of required) {
      if (c[field] === undefined) {
        context.addIssue({ code: 'custom', path: [field], message: `required for the ${c.feed} feed` });
      }
    }
  });
export type VietQrCredentials = z.infer<typeof vietqrCredentialsSchema>;
