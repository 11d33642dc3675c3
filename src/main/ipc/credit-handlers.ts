import type { Currency } from '../../shared/money.js';
import type { OutboxSummary } from '../../shared/outbox-summary.js';
import type { Handlers } from './handle.js';
import type { HandlerContext } from './handler-context.js';
import { checkStaffMovement } from './movement-limit-handlers.js';

/**
 * Staff movements of a wallet's money: merchant credits ("Add credit", `POST /credits`) and
 * adjustments, queued in the outbox within the reseller's movement limits.
 */
export function createCreditHandlers(d: HandlerContext): Pick<Handlers, 'wallets:credit' | 'wallets:adjust'> {
  /** Whom a movement of `amount` concerns, once the limits allow it; its summary in the wallet's currency. */
  const movementOf = (
    walletId: string,
    amount: number,
    confirmed: boolean,
    summary: (currency: Currency) => OutboxSummary,
  ) => {
    const wallet = d.walletFor(walletId);
    d.writer();
    checkStaffMovement(d.cache, amount, wallet.currency, confirmed);
    return {
      customerRef: wallet.customerId,
      walletRef: wallet.id,
      currency: wallet.currency,
      summary: summary(wallet.currency),
    };
  };
  return {
    'wallets:credit': ({ walletId, amount, description, confirmed }) =>
      d.enqueue({
        kind: 'wallet.credit',
        payload: { amount, description },
        ...movementOf(walletId, amount, confirmed === true, (currency) => ({
          key: 'walletCredit',
          values: { amount, currency },
        })),
      }),
    'wallets:adjust': ({ walletId, amount, reason, confirmed }) =>
      d.enqueue({
        kind: 'wallet.adjust',
        payload: { amount, reason },
        ...movementOf(walletId, amount, confirmed === true, (currency) => ({
          key: 'walletAdjust',
          values: { amount, currency, reason },
        })),
      }),
  };
}
