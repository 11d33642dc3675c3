/**
 * Each queued write as the request that carries it (path, body, the schema of its answer), and what
 * the console does with the answer: the same for a write sent alone or inside a batch.
 */
import type { z } from 'zod';
import { customerSchema } from '../../shared/api/customers.js';
import { invoiceSchema } from '../../shared/api/invoices.js';
import { fulfilmentResponse, subscriptionSchema } from '../../shared/api/orders.js';
import { paymentSchema } from '../../shared/api/payments.js';
import { ticketSchema } from '../../shared/api/tickets.js';
import { movementResponse, walletSchema } from '../../shared/api/wallets.js';
import type { CacheTable } from '../../shared/ipc-contract.js';
import type { ApiClient } from '../api/client.js';
import type { CacheStore } from '../cache/cache-store.js';
import type { QueuedWrite } from '../outbox/outbox-store.js';

/** A queued write this version can send: any but an unreadable stored row. */
export type SendableIntent = Exclude<QueuedWrite, { kind: 'unreadable' }>;

/** The server ids a queued write's customer and wallet have (local ones already mapped). */
export interface Refs {
  customerId: string | null;
  walletId: string | null;
  /** The ticket a reply is written on. */
  ticketId?: string | null;
}

export interface OperationRequest {
  path: string;
  body: unknown;
  /** The shape of a successful answer: anything else means the answer cannot be trusted. */
  schema: z.ZodType;
}

const at = (id: string | null) => encodeURIComponent(id!);

/** The local id a creation names (what its confirmation maps to a server id), if it is one. */
export function localIdOf(item: QueuedWrite): string | null {
  return 'localId' in item.payload ? item.payload.localId : null;
}

/**
 * A wallet creation's body: its currency, and the initial balance the server credits with it (it
 * moves money, so it goes, like every queued write, under the write's own Idempotency-Key).
 */
function walletBody(payload: Extract<SendableIntent, { kind: 'wallet.create' }>['payload']) {
  const { currency, initialBalance } = payload;
  return initialBalance === undefined ? { currency } : { currency, initialBalance };
}

export function operationRequest(item: SendableIntent, refs: Refs): OperationRequest {
  switch (item.kind) {
    case 'customer.create': {
      const { localId: _local, ...body } = item.payload;
      return { path: '/v1/customers', body, schema: customerSchema };
    }
    case 'wallet.create':
      return {
        path: `/v1/customers/${at(refs.customerId)}/wallets`,
        body: walletBody(item.payload),
        schema: walletSchema,
      };
    case 'wallet.credit':
      return {
        path: `/v1/wallets/${at(refs.walletId)}/credits`,
        body: item.payload,
        schema: movementResponse,
      };
    case 'wallet.adjust':
      return {
        path: `/v1/wallets/${at(refs.walletId)}/adjustments`,
        body: item.payload,
        schema: movementResponse,
      };
    case 'payment.create': {
      const { localId: _local, ...body } = item.payload;
      return { path: `/v1/wallets/${at(refs.walletId)}/top-ups`, body, schema: paymentSchema };
    }
    case 'order.fulfil':
      return {
        path: `/v1/orders/${encodeURIComponent(item.payload.orderId)}/fulfilment`,
        body: { provisioned: item.payload.provisioned },
        schema: fulfilmentResponse,
      };
    case 'subscription.cancel':
      return {
        path: `/v1/subscriptions/${encodeURIComponent(item.payload.subscriptionId)}/cancel`,
        body: {},
        schema: subscriptionSchema,
      };
    case 'invoice.create': {
      const { localId: _local, ...body } = item.payload;
      return { path: `/v1/customers/${at(refs.customerId)}/invoices`, body, schema: invoiceSchema };
    }
    case 'ticket.open': {
      const { localId: _local, ...body } = item.payload;
      return { path: '/v1/tickets', body: { ...body, customerId: refs.customerId }, schema: ticketSchema };
    }
    case 'ticket.reply':
      return {
        path: `/v1/tickets/${at(refs.ticketId ?? null)}/messages`,
        body: { message: item.payload.message },
        schema: ticketSchema,
      };
  }
}

/**
 * What a confirmed write changes in the console, returning the server id of what it created (if it
 * created something): a payment and an invoice go into the cache at once — the checkout is on
 * screen before the feed brings it — and the tables whose screens must read again are noted.
 */
export function applyAnswer(
  item: SendableIntent,
  answer: unknown,
  cache: CacheStore,
  touched: Set<CacheTable>,
): string | null {
  switch (item.kind) {
    case 'customer.create':
    case 'wallet.create':
      return (answer as { id: string }).id;
    case 'wallet.credit':
    case 'wallet.adjust':
      return null;
    case 'payment.create': {
      const payment = answer as z.output<typeof paymentSchema>;
      if (cache.putPayment(payment)) touched.add('payments');
      return payment.id;
    }
    case 'order.fulfil':
      touched.add('orders');
      return null;
    case 'subscription.cancel':
      touched.add('subscriptions');
      return null;
    case 'invoice.create': {
      const invoice = answer as z.output<typeof invoiceSchema>;
      cache.putInvoice(invoice);
      touched.add('invoices');
      return invoice.id;
    }
    case 'ticket.open':
    case 'ticket.reply': {
      const ticket = answer as z.output<typeof ticketSchema>;
      cache.putTicket(ticket);
      touched.add('tickets');
      return item.kind === 'ticket.open' ? ticket.id : null;
    }
  }
}

/** Sends one write on its own request (a server without the batch route); returns its answer. */
export async function sendAlone(client: ApiClient, item: SendableIntent, refs: Refs): Promise<unknown> {
  const key = item.idempotencyKey;
  switch (item.kind) {
    case 'customer.create': {
      const { localId: _local, ...body } = item.payload;
      return client.createCustomer(body, key);
    }
    case 'wallet.create':
      return client.createWallet(refs.customerId!, walletBody(item.payload), key);
    case 'wallet.credit':
      return client.credit(refs.walletId!, item.payload, key);
    case 'wallet.adjust':
      return client.adjust(refs.walletId!, item.payload, key);
    case 'payment.create': {
      const { localId: _local, ...body } = item.payload;
      return client.createTopUp(refs.walletId!, body, key);
    }
    case 'order.fulfil':
      return client.reportFulfilment(item.payload.orderId, { provisioned: item.payload.provisioned }, key);
    case 'subscription.cancel':
      return client.cancelSubscription(item.payload.subscriptionId, key);
    case 'invoice.create': {
      const { localId: _local, ...body } = item.payload;
      return client.createInvoice(refs.customerId!, body, key);
    }
    case 'ticket.open': {
      const { localId: _local, ...body } = item.payload;
      return client.openTicket({ ...body, customerId: refs.customerId! }, key);
    }
    case 'ticket.reply':
      return client.replyToTicket(refs.ticketId!, { message: item.payload.message }, key);
  }
}
