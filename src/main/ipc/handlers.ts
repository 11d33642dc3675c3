import type { Handlers } from './handle.js';
import { createHandlerContext, type HandlerDeps } from './handler-context.js';
import { createCreditHandlers } from './credit-handlers.js';
import { createCustomerHandlers } from './customer-handlers.js';
import { createLinkHandlers } from './link-handlers.js';
import { createMovementLimitHandlers } from './movement-limit-handlers.js';
import { createOutboxHandlers } from './outbox-handlers.js';
import { createOrderHandlers } from './order-handlers.js';
import { createPaymentHandlers } from './payment-handlers.js';
import { createPaymentSettingsHandlers } from './payment-settings-handlers.js';
import { createSearchHandlers } from './search-handlers.js';
import { createSessionHandlers } from './session-handlers.js';
import { createStatementHandlers } from './statement-handlers.js';
import { createUserHandlers } from './user-handlers.js';
import { createWalletHandlers } from './wallet-handlers.js';
import { createWalletHistoryHandlers } from './wallet-history-handlers.js';
import { createWebhookHandlers } from './webhook-handlers.js';
import { createAlertHandlers } from './alert-handlers.js';
import { createRefundHandlers } from './refund-handlers.js';
import { createInvoiceHandlers } from './invoice-handlers.js';
import { createTicketHandlers } from './ticket-handlers.js';
import { createDriftHandlers } from './drift-handlers.js';
import { createReconHandlers } from './recon-handlers.js';

export type { HandlerDeps } from './handler-context.js';

/** The handlers behind every channel of the IPC contract, one module per domain. */
export function createHandlers(deps: HandlerDeps): Handlers {
  const d = createHandlerContext(deps);
  return {
    ...createSessionHandlers(d),
    ...createCustomerHandlers(d),
    ...createWalletHandlers(d),
    ...createWalletHistoryHandlers(d),
    ...createCreditHandlers(d),
    ...createOutboxHandlers(d),
    ...createPaymentHandlers(d),
    ...createPaymentSettingsHandlers(d),
    ...createMovementLimitHandlers(d),
    ...createUserHandlers(d),
    ...createWebhookHandlers(d),
    ...createLinkHandlers(d),
    ...createSearchHandlers(d),
    ...createStatementHandlers(d),
    ...createOrderHandlers(d),
    ...createAlertHandlers(d),
    ...createRefundHandlers(d),
    ...createInvoiceHandlers(d),
    ...createTicketHandlers(d),
    ...createReconHandlers(d),
    ...createDriftHandlers(d),
  };
}
