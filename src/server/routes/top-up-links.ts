import { randomBytes } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import QRCode from 'qrcode';
import { z } from 'zod';
import { errorBodySchema } from '../../shared/api/common.js';
import { createTopUpLinkBody, topUpLinkListSchema, topUpLinkSchema } from '../../shared/api/payments.js';
import { parseAmount } from '../../shared/money.js';
import { type Api, type AppContext } from '../context.js';
import { scopeFor } from '../http/scope.js';
import type { TopUpLinkTable } from '../db/schema.js';
import { CRYPTO_RAILS } from '../gateways/crypto/assets.js';
import { escapeHtml } from '../lib/html.js';
import { sendPage } from '../payments/hosted-page.js';
import { pageTextFor, type PageText } from '../i18n/page-text.js';
import { payerErrorMessage, type PayerError } from '../i18n/payer-errors.js';
import { limitsFor } from '../payments/settings.js';
import { checkoutRefusal, openCheckout } from '../payments/checkout.js';
import { Failure } from '../services/failure.js';
import { runIdempotent } from '../http/idempotency.js';
import { createTopUp } from '../services/payments/create-top-up.js';
import { offeredMethods } from '../services/payments/offered-methods.js';
import { unwrap } from '../services/result.js';
import { createTopUpLink } from '../services/top-up-links/create-link.js';
import {
  linkByToken,
  linkPayment,
  listTopUpLinks,
  namesOf,
  openPaymentOf,
} from '../services/top-up-links/list.js';
import { revokeTopUpLink } from '../services/top-up-links/revoke-link.js';
import { toTopUpLink } from '../wire/top-up-link.js';
import { adminScope } from '../http/access.js';
import { isUnofferedRail, linkChoices, railText } from './top-up-link-choices.js';

const errors = { '4xx': errorBodySchema };
const idParams = z.strictObject({ id: z.string().min(1).max(64) });
const tokenParams = z.strictObject({ token: z.string().min(1).max(200) });
const resultParams = z.strictObject({ token: tokenParams.shape.token, paymentId: z.string().min(1).max(64) });
/** What a QR checkout lists under the code, in this order. */
const QR_FIELDS = [
  'amount',
  'asset',
  'network',
  'address',
  'accountNumber',
  'accountName',
  'memo',
  'expiresAt',
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

  // Revoking is idempotent (a revoked link answers as it is), so it needs no Idempotency-Key.
  api.post(
    '/v1/top-up-links/:id/revoke',
    { schema: { tags: ['payments'], params: idParams, response: { 200: topUpLinkSchema, ...errors } } },
    async (request) => {
      const scope = adminScope(request);
      const now = ctx.now();
      const row = await ctx.store.write(async (trx) =>
        unwrap(await revokeTopUpLink(trx, scope, request.params, now)),
      );
      return toTopUpLink(row, urlOf(row), now);
    },
  );
}

/**
 * The hosted page a payer opens (no sign-in: holding the URL is enough, and all it allows is paying
 * into the link's wallet). Forms, no script.
 */
export function registerTopUpLinkPages(api: Api, ctx: AppContext) {
  const { payments } = ctx;

  /** The link behind a token when it can still be paid; otherwise why not (gone, revoked, used or expired). */
  type Refusal = 'link.missing' | 'link.revoked' | 'link.used' | 'link.expired';
  const payableLink = async (token: string): Promise<{ link: TopUpLinkTable } | { refusal: Refusal }> => {
    const link = await linkByToken(ctx.store.db, token);
    if (!link) return { refusal: 'link.missing' };
    if (link.status === 'revoked') return { refusal: 'link.revoked' };
    if (link.status === 'used') return { refusal: 'link.used' };
    if (link.status === 'expired' || link.expires_at <= ctx.now()) return { refusal: 'link.expired' };
    return { link };
  };

  const sendRefusal = (reply: FastifyReply, text: PageText, refusal: Refusal) =>
    sendPage(
      reply,
      410,
      text.t('link.title'),
      `<h1>${escapeHtml(text.t('link.title'))}</h1><p role="alert">${escapeHtml(text.t(refusal))}</p>`,
      text.lang,
    );

  /**
   * Whom the payer pays and whose wallet it tops up, at the top of every page of a live link: the
   * reseller's business name and the customer's display name, nothing more (no email, no balance).
   */
  const payee = async (link: TopUpLinkTable, text: PageText) => {
    const names = await namesOf(ctx.store.db, link);
    return `<dl class="payee">
<dt>${escapeHtml(text.t('link.merchant'))}</dt><dd>${escapeHtml(names.merchant)}</dd>
<dt>${escapeHtml(text.t('link.walletOf'))}</dt><dd>${escapeHtml(names.customer)}</dd>
</dl>`;
  };

  /** What the link's payer may choose, with the limits of its currency. */
  async function choices(link: TopUpLinkTable, text: PageText) {
    const offer = await offeredMethods(ctx.store.db, payments.providers, link.reseller_id, link.currency);
    return { offer, out: linkChoices(offer, text, link), limits: limitsFor(offer.settings, link.currency) };
  }

  api.get('/pay/:token', { schema: { hide: true, params: tokenParams } }, async (request, reply) => {
    const text = pageTextFor(request);
    const found = await payableLink(request.params.token);
    if ('refusal' in found) return sendRefusal(reply, text, found.refusal);
    const { link } = found;
    if (await openPaymentOf(ctx.store.db, link)) return sendAlreadyOpen(reply, text, link);
    const heading = text.t('link.heading');
    const action = `/pay/${encodeURIComponent(request.params.token)}${text.query}`;
    const continueButton = `<button type="submit" class="primary">${escapeHtml(text.t('link.continue'))}</button>`;
    const who = await payee(link, text);
    const currency = link.currency;
    const { out, limits } = await choices(link, text);
    const range = {
      currency,
      min: text.money(limits.minAmount, currency),
      max: text.money(limits.maxAmount, currency),
    };
    const amountField =
      link.amount !== null
        ? `<p class="amount" aria-label="${escapeHtml(text.t('common.amount'))}">${escapeHtml(text.money(link.amount, currency))}</p>`
        : `<label for="amount">${escapeHtml(text.t('link.amountRange', range))}</label>
<input type="text" id="amount" name="amount" inputmode="decimal" required>`;
    const methods = out
      .map(
        (c, i) =>
          `<label><input type="radio" name="method" value="${escapeHtml(c.value)}"${i === 0 ? ' checked' : ''}> ${escapeHtml(c.label)} — ${escapeHtml(c.detail)}</label>`,
      )
      .join('\n');
    const noMethods = `<p>${escapeHtml(text.t('link.noMethods'))}</p>`;
    return sendPage(
      reply,
      200,
      heading,
      `${who}
<h1>${escapeHtml(heading)}</h1>
<form method="post" action="${action}">
${amountField}
<fieldset><legend>${escapeHtml(text.t('link.methods'))}</legend>${methods || noMethods}</fieldset>
<input type="hidden" name="nonce" value="${randomBytes(12).toString('hex')}">
${out.length === 0 ? continueButton.replace('>', ' disabled>') : continueButton}
</form>`,
      text.lang,
    );
  });

  api.post('/pay/:token', { schema: { hide: true, params: tokenParams } }, async (request, reply) => {
    const text = pageTextFor(request);
    const token = request.params.token;
    const back = `<p><a href="/pay/${encodeURIComponent(token)}${text.query}">${escapeHtml(text.t('common.back'))}</a></p>`;
    const found = await payableLink(token);
    if ('refusal' in found) return sendRefusal(reply, text, found.refusal);
    const { link } = found;
    // Whatever the form says, a link with a payment open shows that payment (it pays once). Should
    // two forms race past this, the claim in createTopUp still gives both the same payment.
    const open = await openPaymentOf(ctx.store.db, link);
    if (open) return presentCheckout(reply, text, open, link);
    const form = (request.body ?? {}) as Record<string, string>;
    const currency = link.currency;
    let amount = link.amount;
    if (amount === null) {
      const parsed = parseAmount(form.amount ?? '', currency);
      if (!parsed.ok)
        return sendPage(
          reply,
          400,
          text.t('link.title'),
          `<p role="alert">${escapeHtml(text.t('link.badAmount'))}</p>${back}`,
          text.lang,
        );
      amount = parsed.value;
    }
    // A coin that was not offered (a stale page, a forged form) is refused before anything starts.
    if (isUnofferedRail((await choices(link, text)).offer, form.method ?? ''))
      return sendPage(
        reply,
        422,
        text.t('link.title'),
        `<p role="alert">${escapeHtml(text.t('error.asset'))}</p>${back}`,
        text.lang,
      );
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
    // A checkout the provider would refuse leaves no payment behind (payments/checkout.ts).
    const refusal = await checkoutRefusal(payments, {
      resellerId: link.reseller_id,
      provider: body.provider,
      amount,
      currency,
      ...(body.asset ? { rail: body.asset } : {}),
    });
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
          gateways: payments.providers,
        };
        const row = unwrap(await createTopUp(trx, scope, input, now));
        if (refusal && row.idempotency_key === key) throw refusal;
        return { status: 201, body: { paymentId: row.id } };
      },
    );
    if (outcome.status !== 201) {
      const { error } = outcome.body as { error?: PayerError };
      const limits = error?.code === 'top_up_limit' ? (await choices(link, text)).limits : null;
      const message = payerErrorMessage(
        text,
        error,
        'link.notStarted',
        limits
          ? { min: text.money(limits.minAmount, currency), max: text.money(limits.maxAmount, currency) }
          : undefined,
      );
      return sendPage(
        reply,
        422,
        text.t('link.title'),
        `<p role="alert">${escapeHtml(message)}</p>${back}`,
        text.lang,
      );
    }
    return presentCheckout(reply, text, (outcome.body as { paymentId: string }).paymentId, link);
  });

  /**
   * Where a link's payer lands after the provider's checkout (its return URL: see
   * payments/checkout.ts): what became of that payment, as this server knows it. It only reads: a
   * payment is credited when the server confirmed it with the provider, never because a browser came
   * back. It answers for a link revoked or used since, too: the payment started through it stays.
   */
  api.get(
    '/pay/:token/payments/:paymentId',
    { schema: { hide: true, params: resultParams } },
    async (request, reply) => {
      const text = pageTextFor(request);
      const { token, paymentId } = request.params;
      const link = await linkByToken(ctx.store.db, token);
      const payment = link ? await linkPayment(ctx.store.db, link, paymentId) : undefined;
      if (!link || !payment) {
        const missing = `<p role="alert">${escapeHtml(text.t('error.notFound'))}</p>`;
        return sendPage(reply, 404, text.t('link.resultTitle'), missing, text.lang);
      }
      const here = `/pay/${encodeURIComponent(token)}/payments/${encodeURIComponent(payment.id)}${text.query}`;
      const amount = escapeHtml(text.money(payment.amount, link.currency));
      let body: string;
      if (payment.status === 'paid') {
        body = `<p class="status" role="status" data-status="paid">${text.html('link.result.paid', { amount })}</p>`;
      } else if (payment.status === 'new' || payment.status === 'processing') {
        body = `<p class="status" role="status" data-status="waiting">${escapeHtml(text.t('link.result.waiting'))}</p>
<p><a href="${here}">${escapeHtml(text.t('link.checkAgain'))}</a></p>`;
      } else {
        // Failed, cancelled or expired: the link may start another payment, if it still can.
        const again =
          'link' in (await payableLink(token))
            ? `<p><a href="/pay/${encodeURIComponent(token)}${text.query}">${escapeHtml(text.t('link.tryAgain'))}</a></p>`
            : '';
        body = `<p class="status" role="status" data-status="failed">${escapeHtml(text.t('link.result.failed'))}</p>${again}`;
      }
      const heading = escapeHtml(text.t('link.resultTitle'));
      return sendPage(
        reply,
        200,
        text.t('link.resultTitle'),
        `${await payee(link, text)}
<h1>${heading}</h1>
<p class="amount" aria-label="${escapeHtml(text.t('common.amount'))}">${amount}</p>
${body}`,
        text.lang,
      );
    },
  );

  /** The link's payment is open, and the link pays once: the payer continues that payment. */
  async function sendAlreadyOpen(reply: FastifyReply, text: PageText, link: TopUpLinkTable) {
    const heading = text.t('link.heading');
    const action = `/pay/${encodeURIComponent(link.token)}${text.query}`;
    return sendPage(
      reply,
      200,
      heading,
      `${await payee(link, text)}
<h1>${escapeHtml(heading)}</h1>
<p role="status">${escapeHtml(text.t('link.alreadyOpen'))}</p>
<form method="post" action="${action}">
<button type="submit" class="primary">${escapeHtml(text.t('link.continue'))}</button>
</form>`,
      text.lang,
    );
  }

  /**
   * The payment's checkout as the payer continues it: the provider's page, or a QR code to scan,
   * under the names of who is paid (as every page of the link shows them).
   */
  async function presentCheckout(
    reply: FastifyReply,
    text: PageText,
    paymentId: string,
    link: TopUpLinkTable,
  ) {
    const token = link.token;
    try {
      // The payer comes back from the provider to this link's own result page, in this language.
      const returnTo = `${payments.publicBaseUrl()}/pay/${encodeURIComponent(token)}/payments/${encodeURIComponent(paymentId)}${text.query}`;
      const payment = unwrap(await openCheckout(payments, paymentId, { returnUrl: returnTo }));
      // Still without a checkout: another request (the same form sent twice) is opening it at the
      // provider right now. Continuing once it has leads to that checkout.
      if (payment.status === 'new' && payment.checkout === null) return sendAlreadyOpen(reply, text, link);
      const checkout = payment.checkout ? (JSON.parse(payment.checkout) as Record<string, unknown>) : null;
      if (checkout?.kind === 'redirect')
        return reply.code(303).header('location', String(checkout.url)).send();
      if (checkout && typeof checkout.qrPayload === 'string') {
        const svg = await QRCode.toString(checkout.qrPayload, { type: 'svg', margin: 1 });
        const shown = new Set<string>(QR_FIELDS);
        const rows = Object.entries(checkout)
          .filter(([k]) => shown.has(k))
          .map(([k, v]) => {
            const label = text.t(`link.field.${k as (typeof QR_FIELDS)[number]}`);
            // The network by the name the payer chose it by ("USDT on Tron (TRC-20)"; a test
            // network says so: its coins are worth nothing), not its code.
            const rail =
              k === 'network'
                ? CRYPTO_RAILS.find((r) => r.asset === checkout.asset && r.network === checkout.network)
                : undefined;
            const value = rail
              ? text.t(railText(checkout.testnet === true ? { ...rail, testnet: true } : rail))
              : String(v);
            return `<dt>${escapeHtml(label)}</dt><dd><code>${escapeHtml(value)}</code></dd>`;
          })
          .join('');
        return sendPage(
          reply,
          200,
          text.t('link.qrTitle'),
          `${await payee(link, text)}<h1>${escapeHtml(text.t('link.qrHeading'))}</h1><figure role="img" aria-label="${escapeHtml(text.t('link.qrLabel'))}">${svg}</figure><dl>${rows}</dl><p>${escapeHtml(text.t('link.qrNote'))}</p>`,
          text.lang,
        );
      }
      const started = `${await payee(link, text)}<p role="status">${escapeHtml(text.t('link.started'))}</p>`;
      return sendPage(reply, 200, text.t('link.startedTitle'), started, text.lang);
    } catch (error) {
      const message = payerErrorMessage(
        text,
        error instanceof Failure ? error : undefined,
        'link.paymentNotStarted',
      );
      const alert = `<p role="alert">${escapeHtml(message)}</p>`;
      return sendPage(reply, 502, text.t('link.title'), alert, text.lang);
    }
  }
}
