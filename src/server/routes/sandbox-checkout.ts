import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Api, AppContext } from '../context.js';
import type { SandboxCheckoutTable } from '../db/schema.js';
import type { SandboxEvent } from '../gateways/sandbox/events.js';
import { sandboxCheckoutPage, sandboxRefusedPage } from '../gateways/sandbox/page.js';
import { DECLINING_LAST4 } from '../gateways/sandbox/provider.js';
import { SANDBOX_SIGNATURE_HEADER, signSandboxPayload } from '../gateways/sandbox/signature.js';
import { pageTextFor, type PageText } from '../i18n/page-text.js';
import { paymentsId } from '../lib/ids.js';
import { escapeHtml } from '../lib/html.js';
import { sendPage } from '../payments/hosted-page.js';
import {
  findSandboxCheckout,
  moveSandboxCheckout,
  sandboxCheckoutLanguage,
} from '../services/payments/sandbox-checkout.js';

type Status = SandboxCheckoutTable['status'];
/** Each button: from which status, to which, and what the webhook then says. */
const ACTIONS = {
  pay: { from: 'pending', to: 'paid', event: 'checkout.paid' },
  'pay-later': { from: 'pending', to: 'processing', event: 'checkout.processing' },
  complete: { from: 'processing', to: 'paid', event: 'checkout.paid' },
  decline: { from: 'pending', to: 'failed', event: 'checkout.failed' },
  cancel: { from: 'pending', to: 'cancelled', event: 'checkout.cancelled' },
} as const satisfies Record<string, { from: Status; to: Status; event: SandboxEvent['type'] }>;

const params = z.strictObject({ id: z.string().min(1).max(64) });

/**
 * The sandbox gateway's hosted checkout. Pressing a button changes the checkout (the "provider's"
 * state) and then notifies the merchant exactly as a real gateway would: a signed webhook POSTed to
 * the reseller's webhook URL, which goes through the real webhook route (verify, store, re-query).
 * The page itself credits nothing.
 */
export function registerSandboxCheckoutRoutes(api: Api, ctx: AppContext) {
  const find = (id: string) => findSandboxCheckout(ctx.store.db, id);
  // The page speaks the language of the customer whose payment it is, when one was chosen.
  const textFor = async (request: FastifyRequest, row: SandboxCheckoutTable | undefined) =>
    pageTextFor(request, row ? await sandboxCheckoutLanguage(ctx.store.db, row) : null);
  // A checkout opened while test mode was on is dead once it is off (or forbidden): nothing is paid.
  const testModeOn = (row: SandboxCheckoutTable) => ctx.payments.providers.sandboxOn(row.reseller_id);
  const refuse = (reply: FastifyReply, text: PageText) =>
    sendPage(reply, 403, text.t('sandbox.title'), sandboxRefusedPage(text), text.lang);
  const notFound = (reply: FastifyReply, text: PageText) =>
    sendPage(
      reply,
      404,
      text.t('sandbox.notFoundTitle'),
      `<h1>${escapeHtml(text.t('sandbox.notFound'))}</h1>`,
      text.lang,
    );
  const show = (
    reply: FastifyReply,
    text: PageText,
    code: number,
    row: SandboxCheckoutTable,
    status: Status,
    notice: string | null,
  ) =>
    sendPage(reply, code, text.t('sandbox.title'), sandboxCheckoutPage(text, row, status, notice), text.lang);
  const statusOf = (row: SandboxCheckoutTable): Status =>
    row.status === 'pending' && row.expires_at <= ctx.now() ? 'expired' : row.status;

  api.get('/sandbox/checkout/:id', { schema: { hide: true, params } }, async (request, reply) => {
    const row = await find(request.params.id);
    const text = await textFor(request, row);
    if (!row) return notFound(reply, text);
    if (!(await testModeOn(row))) return refuse(reply, text);
    return show(reply, text, 200, row, statusOf(row), null);
  });

  api.post(
    '/sandbox/checkout/:id/:action',
    {
      schema: {
        hide: true,
        params: z.strictObject({
          id: params.shape.id,
          action: z.enum(Object.keys(ACTIONS) as [keyof typeof ACTIONS]),
        }),
      },
    },
    async (request, reply) => {
      const row = await find(request.params.id);
      const text = await textFor(request, row);
      if (!row) return notFound(reply, text);
      if (!(await testModeOn(row))) return refuse(reply, text);
      const action = ACTIONS[request.params.action];
      const current = statusOf(row);
      if (current !== action.from) {
        return show(reply, text, 409, row, current, text.t('sandbox.movedOn'));
      }
      const form = (request.body ?? {}) as Record<string, string>;
      const card = (form.card ?? '').replace(/[\s-]/g, '');
      const paying = request.params.action === 'pay';
      if (paying && !/^\d{12,19}$/.test(card)) {
        return show(reply, text, 400, row, current, text.t('sandbox.badCard'));
      }
      const declined = paying && card.endsWith(DECLINING_LAST4);
      const to: Status = declined ? 'failed' : action.to;
      const now = ctx.now();
      const input = { id: row.id, from: action.from, to, ...(paying ? { cardLast4: card.slice(-4) } : {}) };
      // A refusal (someone else moved it first) rolls nothing back: nothing was written.
      const moved = await ctx.store.write((trx) => moveSandboxCheckout(trx, input, now));
      if (!moved.ok) {
        const again = (await find(row.id))!;
        return show(reply, text, 409, again, statusOf(again), text.t('sandbox.movedOn'));
      }
      const event: SandboxEvent = {
        id: paymentsId('sandboxEvent'),
        type: declined ? 'checkout.failed' : action.event,
        created: Math.floor(Date.parse(now) / 1000),
        data: { checkout: row.id, reference: row.reference },
      };
      const notice = await deliver(ctx, text, row.reseller_id, event);
      const updated = moved.value;
      return show(reply, text, 200, updated, updated.status, notice);
    },
  );
}

/** POSTs the signed event to the merchant; returns a notice for the page when it was not accepted. */
async function deliver(
  ctx: AppContext,
  text: PageText,
  resellerId: string,
  event: SandboxEvent,
): Promise<string | null> {
  const factory = ctx.payments.providers;
  const secret = await factory.sandboxSecret(resellerId);
  const body = JSON.stringify(event);
  const signature = signSandboxPayload(secret, body, Math.floor(ctx.payments.o.clock().getTime() / 1000));
  try {
    const response = await fetch(factory.webhookUrl('sandbox', resellerId), {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SANDBOX_SIGNATURE_HEADER]: signature },
      body,
    });
    await response.arrayBuffer();
    return response.ok ? null : text.t('sandbox.notAccepted', { status: response.status });
  } catch {
    return text.t('sandbox.notNotified');
  }
}
