import { randomBytes } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import QRCode from 'qrcode';
import { z } from 'zod';
import { errorBodySchema } from '../../shared/api/common.js';
import { createTopUpLinkBody, topUpLinkListSchema, topUpLinkSchema } from '../../shared/api/payments.js';
import { formatMoney, parseAmount } from '../../shared/money.js';
import { type Api, type AppContext } from '../context.js';
import { scopeFor } from '../http/scope.js';
import type { TopUpLinkTable } from '../db/schema.js';
import { escapeHtml } from '../lib/html.js';
import { sendPage } from '../payments/hosted-page.js';
import { effectiveSettings, limitsFor, readStoredSettings } from '../payments/settings.js';
import { openCheckout } from '../payments/checkout.js';
import { Failure } from '../services/failure.js';
import { runIdempotent } from '../http/idempotency.js';
import { createTopUp } from '../services/payments/create-top-up.js';
import { unwrap } from '../services/result.js';
import { createTopUpLink } from '../services/top-up-links/create-link.js';
import { linkByToken, listTopUpLinks, openPaymentOf } from '../services/top-up-links/list.js';
import { toTopUpLink } from '../wire/top-up-link.js';
import { adminScope } from '../http/access.js';

const errors = { '4xx': errorBodySchema };
const idParams = z.strictObject({ id: z.string().min(1).max(64) });
const tokenParams = z.strictObject({ token: z.string().min(1).max(200) });
/** Methods a payer can use from a link: no saved methods (there is no sign-in), and crypto per coin. */
const CRYPTO_CHOICES = [
  { value: 'crypto:BTC:bitcoin', label: 'Bitcoin (BTC)' },
  { value: 'crypto:ETH:ethereum', label: 'Ether (ETH)' },
  { value: 'crypto:USDT:tron', label: 'USDT on Tron (TRC-20)' },
] as const;

export function registerTopUpLinkRoutes(api: Api, ctx: AppContext) {
  const { payments } = ctx;
  // The token is kept as it is (a shareable payment URL, not a credential), so every list shows it.
  const urlOf = (row: TopUpLinkTable) => `${payments.publicBaseUrl()}/pay/${row.token}`;

  api.post(
    '/v1/customers/:id/top-up-links',
    {
      schema: {
        tags: ['payments'],
        params: idParams,
        body: createTopUpLinkBody,
        response: { 201: topUpLinkSchema, ...errors },
      },
    },
    async (request, reply) => {
      const scope = adminScope(request);
      const now = ctx.now();
      const input = { ...request.body, customerId: request.params.id, registry: payments.providers.registry };
      const row = await ctx.store.write(async (trx) => unwrap(await createTopUpLink(trx, scope, input, now)));
      return reply.code(201).send(toTopUpLink(row, urlOf(row), now));
    },
  );

  api.get(
    '/v1/customers/:id/top-up-links',
    { schema: { tags: ['payments'], params: idParams, response: { 200: topUpLinkListSchema, ...errors } } },
    async (request) => {
      const rows = await listTopUpLinks(ctx.store.db, scopeFor(request), request.params.id);
      const now = ctx.now();
      return { items: rows.map((r) => toTopUpLink(r, urlOf(r), now)) };
    },
  );
}

/**
 * The hosted page a payer opens (no sign-in: holding the URL is enough, and all it allows is paying
 * into the link's wallet). Forms, no script.
 */
export function registerTopUpLinkPages(api: Api, ctx: AppContext) {
  const { payments } = ctx;

  /** The link behind a token when it can still be paid; otherwise why not (gone, used or expired). */
  const payableLink = async (token: string): Promise<{ link: TopUpLinkTable } | { refusal: string }> => {
    const link = await linkByToken(ctx.store.db, token);
    if (!link) return { refusal: 'This top-up link does not exist. Ask for a new one.' };
    if (link.status === 'used') return { refusal: 'This top-up link was already used. Ask for a new one.' };
    if (link.status === 'expired' || link.expires_at <= ctx.now())
      return { refusal: 'This top-up link has expired. Ask for a new one.' };
    return { link };
  };

  const sendRefusal = (reply: FastifyReply, refusal: string) =>
    sendPage(reply, 410, 'Top-up link', `<h1>Top-up link</h1><p role="alert">${escapeHtml(refusal)}</p>`);

  async function choices(link: TopUpLinkTable) {
    const settings = effectiveSettings(
      await readStoredSettings(ctx.store.db, link.reseller_id),
      payments.providers.registry,
    );
    const out: Array<{ value: string; label: string }> = [];
    for (const m of settings.methods) {
      if (!m.available) continue;
      if (m.provider === 'crypto') out.push(...CRYPTO_CHOICES);
      else if (m.provider !== 'vietqr' || link.currency === 'VND')
        // The sandbox is test mode: the payer is told before choosing it.
        out.push({
          value: m.provider,
          label: m.provider === 'sandbox' ? `${m.label} (TEST MODE — no real money)` : m.label,
        });
    }
    return { out, limits: limitsFor(settings, link.currency) };
  }

  api.get('/pay/:token', { schema: { hide: true, params: tokenParams } }, async (request, reply) => {
    const found = await payableLink(request.params.token);
    if ('refusal' in found) return sendRefusal(reply, found.refusal);
    const { link } = found;
    if (await openPaymentOf(ctx.store.db, link)) {
      return sendPage(
        reply,
        200,
        'Top up your wallet',
        `<h1>Top up your wallet</h1>
<p role="status">A payment from this link is already open. This link pays once: continue that payment.</p>
<form method="post" action="/pay/${encodeURIComponent(request.params.token)}">
<button type="submit" class="primary">Continue to payment</button>
</form>`,
      );
    }
    const currency = link.currency;
    const { out, limits } = await choices(link);
    const amountField =
      link.amount !== null
        ? `<p class="amount" aria-label="Amount">${escapeHtml(formatMoney(link.amount, currency))}</p>`
        : `<label for="amount">Amount (${escapeHtml(currency)}, ${escapeHtml(formatMoney(limits.minAmount, currency))} to ${escapeHtml(formatMoney(limits.maxAmount, currency))})</label>
<input type="text" id="amount" name="amount" inputmode="decimal" required>`;
    const methods = out
      .map(
        (c, i) =>
          `<label><input type="radio" name="method" value="${escapeHtml(c.value)}"${i === 0 ? ' checked' : ''}> ${escapeHtml(c.label)}</label>`,
      )
      .join('\n');
    return sendPage(
      reply,
      200,
      'Top up your wallet',
      `<h1>Top up your wallet</h1>
<form method="post" action="/pay/${encodeURIComponent(request.params.token)}">
${amountField}
<fieldset><legend>Payment method</legend>${methods || '<p>No payment method is available right now.</p>'}</fieldset>
<input type="hidden" name="nonce" value="${randomBytes(12).toString('hex')}">
<button type="submit" class="primary"${out.length === 0 ? ' disabled' : ''}>Continue to payment</button>
</form>`,
    );
  });

  api.post('/pay/:token', { schema: { hide: true, params: tokenParams } }, async (request, reply) => {
    const token = request.params.token;
    const found = await payableLink(token);
    if ('refusal' in found) return sendRefusal(reply, found.refusal);
    const { link } = found;
    // Whatever the form says, a link with a payment open shows that payment (it pays once). Should
    // two forms race past this, the claim in createTopUp still gives both the same payment.
    const open = await openPaymentOf(ctx.store.db, link);
    if (open) return presentCheckout(reply, open);
    const form = (request.body ?? {}) as Record<string, string>;
    const currency = link.currency;
    let amount = link.amount;
    if (amount === null) {
      const parsed = parseAmount(form.amount ?? '', currency);
      if (!parsed.ok)
        return sendPage(
          reply,
          400,
          'Top-up link',
          `<p role="alert">Enter the amount as a number, e.g. 100 or 100.50.</p><p><a href="/pay/${encodeURIComponent(token)}">Back</a></p>`,
        );
      amount = parsed.value;
    }
    const [provider, asset, network] = (form.method ?? '').split(':');
    const nonce = /^[0-9a-f]{24}$/.test(form.nonce ?? '') ? form.nonce! : randomBytes(12).toString('hex');
    const key = `link-${link.id}-${nonce}`;
    const scope = { resellerId: link.reseller_id, customerId: link.customer_id, canWrite: false };
    const body = {
      amount,
      provider: provider as 'sandbox',
      topUpLinkToken: token,
      ...(asset && network ? { asset: { asset, network } as never } : {}),
    };
    const now = ctx.now();
    // A resubmitted form (same nonce) finds the payment it started instead of starting another.
    const outcome = await runIdempotent(
      ctx.store,
      { resellerId: link.reseller_id, key, fingerprint: { link: link.id, body } },
      now,
      async (trx) => {
        const input = {
          walletId: link.wallet_id,
          body,
          idempotencyKey: key,
          registry: payments.providers.registry,
        };
        const row = unwrap(await createTopUp(trx, scope, input, now));
        return { status: 201, body: { paymentId: row.id } };
      },
    );
    if (outcome.status !== 201) {
      const message =
        (outcome.body as { error?: { message?: string } }).error?.message ??
        'This top-up could not be started.';
      return sendPage(
        reply,
        422,
        'Top-up link',
        `<p role="alert">${escapeHtml(message)}</p><p><a href="/pay/${encodeURIComponent(token)}">Back</a></p>`,
      );
    }
    return presentCheckout(reply, (outcome.body as { paymentId: string }).paymentId);
  });

  /** The payment's checkout as the payer continues it: the provider's page, or a QR code to scan. */
  async function presentCheckout(reply: FastifyReply, paymentId: string) {
    try {
      const payment = unwrap(await openCheckout(payments, paymentId));
      const checkout = payment.checkout ? (JSON.parse(payment.checkout) as Record<string, unknown>) : null;
      if (checkout?.kind === 'redirect')
        return reply.code(303).header('location', String(checkout.url)).send();
      if (checkout && typeof checkout.qrPayload === 'string') {
        const svg = await QRCode.toString(checkout.qrPayload, { type: 'svg', margin: 1 });
        const rows = Object.entries(checkout)
          .filter(([k]) =>
            [
              'amount',
              'asset',
              'network',
              'address',
              'accountNumber',
              'accountName',
              'memo',
              'expiresAt',
            ].includes(k),
          )
          .map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd><code>${escapeHtml(String(v))}</code></dd>`)
          .join('');
        return sendPage(
          reply,
          200,
          'Pay by QR code',
          `<h1>Scan to pay</h1><figure role="img" aria-label="Payment QR code">${svg}</figure><dl>${rows}</dl><p>This page does not update; the payment is credited once it arrives.</p>`,
        );
      }
      return sendPage(reply, 200, 'Top-up', '<p role="status">Your payment has started.</p>');
    } catch (error) {
      const message = error instanceof Failure ? error.message : 'The payment could not be started.';
      return sendPage(reply, 502, 'Top-up link', `<p role="alert">${escapeHtml(message)}</p>`);
    }
  }
}
