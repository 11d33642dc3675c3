import { createHash } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import type { PageLanguage } from '../i18n/page-text.js';
import { escapeHtml } from '../lib/html.js';

/**
 * Small HTML pages the billing API serves to payers' browsers (the sandbox checkout, top-up links).
 * No script at all; the one stylesheet is allowed by its hash, forms post to this origin only, and
 * the page may not be framed (clickjacking a "Pay" button).
 */
const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;color:#1b1b1f}
h1{font-size:1.4rem}fieldset{border:1px solid #ccd;border-radius:8px;margin:1rem 0;padding:1rem}
label{display:block;margin:.5rem 0 .25rem}input[type=text],input[type=number]{font:inherit;padding:.4rem;width:100%;box-sizing:border-box}
button{font:inherit;padding:.5rem 1rem;margin:.25rem .25rem .25rem 0;border-radius:6px;border:1px solid #557;background:#eef;cursor:pointer}
button.primary{background:#2b50d8;color:#fff;border-color:#2b50d8}.status{padding:.75rem;border-radius:6px;background:#f3f3f7}
dl.payee{margin:0 0 1rem}dl.payee dt{font-size:.85rem;color:#555}dl.payee dd{margin:0 0 .4rem;font-weight:600}
.amount{font-size:1.6rem;font-weight:600;font-variant-numeric:tabular-nums}code{word-break:break-all}svg{max-width:16rem}
.test-mode{margin:0 0 1rem;padding:.75rem 1rem;border:2px solid #b45309;border-radius:8px;background:#fff4d6;color:#7c2d12}
.test-mode strong{display:block;font-size:1.2rem;letter-spacing:.04em}`;
const STYLE_HASH = createHash('sha256').update(STYLE).digest('base64');

export const HOSTED_PAGE_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${STYLE_HASH}'`,
  "img-src 'self' data:",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** `body` is trusted markup built with escapeHtml around every value, in `lang` (`<html lang>`). */
export function sendPage(
  reply: FastifyReply,
  status: number,
  title: string,
  body: string,
  lang: PageLanguage = 'en',
) {
  return reply
    .code(status)
    .header('content-security-policy', HOSTED_PAGE_CSP)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(
      `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
        `<title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`,
    );
}

/** Parses application/x-www-form-urlencoded bodies (the hosted pages' forms) into a flat record. */
export function parseForm(text: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(text));
}
