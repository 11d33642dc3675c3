import { newIdempotencyKey } from '../../shared/ids.js';
import { isLocalId } from '../outbox/outbox-store.js';
import type { Handlers } from './handle.js';
import type { HandlerContext } from './handler-context.js';
import { notSynced, type Unsynced } from './not-synced.js';
import { ADMIN, clientAs, online, STAFF } from './online.js';

type RefundChannels = 'payments:refund' | 'payments:refunds' | 'wallets:close';

/**
 * Refunds and closing a wallet: online staff actions straight to the billing API, not the outbox —
 * a refund asks the payment provider at once and its answer (accepted, or refused and credited back)
 * is what staff must see; queued, it would be a promise the console cannot keep offline. Each call
 * gets its own idempotency key; what changed comes back through the change feed (a pull is asked for
 * at once), and the payment is stored from the API's answer so its page shows the refund right away.
 */
export function createRefundHandlers(d: HandlerContext): Pick<Handlers, RefundChannels> {
  const unsynced = (what: Unsynced, field: string) =>
    notSynced(what, `this ${what} is still syncing: try once it is confirmed`, field);
  return {
    'payments:refund': async ({ paymentId, ...body }) => {
      const client = clientAs(d.session, ADMIN, 'refund payments');
      const id = d.real(paymentId);
      if (isLocalId(id)) throw unsynced('payment', 'paymentId');
      const refund = await online('Refunding', () => client.refundPayment(id, body, newIdempotencyKey()));
      const payment = await online('Refunding', () => client.payment(id)).catch(() => null);
      if (payment) {
        d.cache.putPayment(payment);
        d.paymentsStored();
      }
      d.engine()?.syncNow();
      return refund;
    },
    'payments:refunds': async ({ paymentId }) => {
      const client = clientAs(d.session, STAFF, 'see refunds');
      const id = d.real(paymentId);
      if (isLocalId(id)) return [];
      return (await online('Loading refunds', () => client.paymentRefunds(id))).items;
    },
    'wallets:close': async ({ walletId, refund }) => {
      const client = clientAs(d.session, ADMIN, 'close wallets');
      const id = d.real(walletId);
      if (isLocalId(id)) throw unsynced('wallet', 'walletId');
      const { refunds = [], ...wallet } = await online('Closing the wallet', () =>
        client.closeWallet(id, { refund }, newIdempotencyKey()),
      );
      d.engine()?.syncNow();
      return { wallet, refunds };
    },
  };
}
