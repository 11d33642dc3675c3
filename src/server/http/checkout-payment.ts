import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Currency } from '../../shared/money.js';
import type { CryptoRailOffer, PaymentProviderId } from '../../shared/api/payments.js';
import type { AppContext } from '../context.js';
import type { Trx } from '../db/database.js';
import type { PaymentTable } from '../db/schema.js';
import { checkoutRefusal, openCheckout } from '../payments/checkout.js';
import { unwrap, type Result } from '../services/result.js';
import type { Scope } from '../services/scope.js';
import { toPayment } from '../wire/payment.js';
import { firstStepOnce, idempotencyKey } from './idempotent.js';

/** What every checkout payment's body names: the provider, and the crypto rail for crypto. */
interface CheckoutBody {
  provider: PaymentProviderId;
  asset?: CryptoRailOffer | undefined;
}

/**
 * The route shape of a payment through a provider's checkout (a wallet's top-up, an invoice's
 * payment), answered 201 with the payment as it is now, a replay included.
 *
 * The provider is asked first whether it would take such a checkout, before the payment exists: a
 * network call never holds a transaction open, and a checkout it refuses leaves no payment behind
 * (payments/checkout.ts, checkoutRefusal). `asked` is null when what the payment pays was not
 * found: `create` then refuses it inside the run. The payment is created once per Idempotency-Key
 * (the key stores a pointer to it); after its own checks, a refusal of the provider's rolls it back
 * (and an address it reserved). Only then is its checkout opened.
 */
export async function startCheckoutPayment(
  ctx: Pick<AppContext, 'store' | 'payments' | 'now'>,
  request: FastifyRequest<{ Body: CheckoutBody }>,
  reply: FastifyReply,
  options: {
    scope: Scope;
    asked: { amount: number; currency: Currency } | null;
    create(trx: Trx, key: string, now: string): Promise<Result<PaymentTable>>;
  },
): Promise<FastifyReply> {
  const { payments } = ctx;
  const { scope, asked } = options;
  const now = ctx.now();
  const key = idempotencyKey(request, true)!;
  const { provider, asset } = request.body;
  const refusal = asked
    ? await checkoutRefusal(payments, {
        resellerId: scope.resellerId,
        provider,
        ...asked,
        ...(asset ? { rail: asset } : {}),
      })
    : null;
  const started = await firstStepOnce(ctx, request, reply, { scope, key, now, status: 201 }, async (trx) => {
    const row = unwrap(await options.create(trx, key, now));
    if (refusal && row.idempotency_key === key) throw refusal;
    return { paymentId: row.id };
  });
  if (started === null) return reply;
  const payment = unwrap(await openCheckout(payments, started.paymentId));
  return reply.code(201).send(toPayment(payment));
}
