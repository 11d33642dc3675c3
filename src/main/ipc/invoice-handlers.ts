import type { Invoice } from '../../shared/api/invoices.js';
import type { Payment } from '../../shared/api/payments.js';
import { newId, newIdempotencyKey } from '../../shared/ids.js';
import type { InvoiceView, Language, QueuedItem } from '../../shared/ipc-contract.js';
import { isLocalId, LOCAL_PREFIX } from '../outbox/outbox-store.js';
import { isAllowedExternalUrl } from './external-links.js';
import { HandlerError, type Handlers } from './handle.js';
import type { HandlerContext } from './handler-context.js';
import { notSynced } from './not-synced.js';
import { rejectionOf } from './queued-view.js';
import { ADMIN, clientAs, online, STAFF, type Role } from './online.js';

type InvoiceChannels =
  | 'invoices:list'
  | 'invoices:get'
  | 'invoices:named'
  | 'invoices:create-draft'
  | 'invoices:finalize'
  | 'invoices:void'
  | 'invoices:pay-wallet'
  | 'invoices:pay-checkout'
  | 'invoices:pdf'
  | 'invoices:mark-paid'
  | 'invoices:top-up'
  | 'invoices:settings'
  | 'invoices:update-settings'
  | 'invoices:save-pdf'
  | 'invoices:open-pdf'
  | 'invoices:request-receipt'
  | 'invoices:receipt-of';

const PAYING: readonly Role[] = ['reseller_admin', 'customer'];
const ANY: readonly Role[] = ['reseller_admin', 'support_agent', 'customer'];

/**
 * Invoices. Reads come from the cache (what the feed brought: a customer's own, staff all), with the
 * drafts still queued in the outbox on top; a draft is created through the outbox, so staff can write
 * one offline. Numbering, payments, voids and the PDF are the server's: online, a clear `offline`
 * refusal otherwise. Answers of writes go into the cache at once.
 */
export function createInvoiceHandlers(d: HandlerContext): Pick<Handlers, InvoiceChannels> {
  const as = (roles: readonly Role[], what: string) => clientAs(d.session, roles, what);
  const view = (invoice: Invoice): InvoiceView => ({
    ...invoice,
    pending: false,
    customerName: d.cache.customer(invoice.customerId)?.name ?? '',
  });
  const store = (invoice: Invoice): Invoice => {
    d.cache.putInvoice(invoice);
    return invoice;
  };
  const serverId = (invoiceId: string): string => {
    const id = d.real(invoiceId);
    if (isLocalId(id))
      throw new HandlerError(
        'not_sent',
        'this draft is still queued: it can be finalized once it reached the server',
        undefined,
        { key: 'draft_not_sent', values: {} },
      );
    return id;
  };
  const pendingDraft = (i: QueuedItem<'invoice.create'>): InvoiceView => {
    const lines = i.payload.lines.map((l) => ({
      description: l.description,
      quantity: l.quantity,
      unitAmount: l.unitAmount,
      taxRateBps: l.taxRateBps ?? null,
      amount: l.quantity * l.unitAmount,
    }));
    // The server rounds the totals; until it has, only the subtotal is known exactly.
    const subtotal = lines.reduce((s, l) => s + l.amount, 0);
    return {
      id: i.payload.localId,
      customerId: i.customerId ?? '',
      customerName: d.cache.customer(d.real(i.customerId ?? ''))?.name ?? '',
      number: null,
      status: 'draft',
      currency: i.payload.currency,
      lines,
      subtotal,
      tax: 0,
      total: subtotal,
      amountPaid: 0,
      amountRefunded: 0,
      amountDue: subtotal,
      memo: i.payload.memo ?? null,
      dueDate: i.payload.dueDate ?? null,
      autoPay: i.payload.autoPay ?? null,
      methodLastUsed: null,
      payments: [],
      pendingPaymentId: null,
      topUpWalletId: null,
      test: false,
      issuedAt: null,
      paidAt: null,
      voidedAt: null,
      createdAt: i.createdAt,
      updatedAt: i.createdAt,
      pending: true,
      ...rejectionOf(i),
    };
  };

  /**
   * The PDF as the API renders it (never bytes from the renderer), in the language the renderer asks
   * for (its own), named after the invoice's number.
   */
  const pdfOf = async (invoiceId: string, language: Language | undefined) => {
    const client = as(ANY, 'read invoices');
    const id = serverId(invoiceId);
    const base64 = await online('Fetching the PDF', () => client.invoicePdf(id, language));
    const number = d.cache.invoice(id)?.number ?? id;
    return { filename: `${number.replace(/[^A-Za-z0-9_-]+/g, '-')}.pdf`, base64 };
  };
  const documentHost = () => {
    if (!d.documents)
      throw new HandlerError(
        'unsupported',
        'this console saves files through the browser: use Download PDF',
        undefined,
        { key: 'pdf_needs_download', values: {} },
      );
    return d.documents;
  };

  return {
    'invoices:list': ({ customerId, status, from, to, olderThan, limit }) => {
      d.account();
      const customer = customerId === undefined ? undefined : d.real(customerId);
      const queued =
        olderThan !== undefined ||
        d.session.get().role === 'customer' ||
        (status !== undefined && status !== 'draft')
          ? []
          : d
              .queued('invoice.create')
              .filter((i) => customer === undefined || d.real(i.customerId ?? '') === customer)
              .map(pendingDraft);
      const cached = d.cache.invoices({ customerId: customer, status, from, to }, limit, olderThan).map(view);
      return [...queued, ...cached];
    },

    'invoices:get': async ({ invoiceId }) => {
      const id = d.real(invoiceId);
      if (isLocalId(id)) {
        const item = d.queued('invoice.create').find((i) => i.payload.localId === id);
        return item ? pendingDraft(item) : null;
      }
      const cached = d.cache.invoice(id);
      if (cached) return view(cached);
      try {
        return view(store(await as(ANY, 'see invoices').invoice(id)));
      } catch {
        return null;
      }
    },

    // One cache read for every invoice a screen names (the audit trail's page), not one each.
    'invoices:named': ({ invoiceIds }) => {
      d.account();
      return d.cache.invoicesWithIds(invoiceIds.map((invoiceId) => d.real(invoiceId))).map(view);
    },

    'invoices:create-draft': ({ customerId, currency, lines, dueDate, memo, autoPay }) => {
      const customer = d.real(customerId);
      const localId = `${LOCAL_PREFIX}inv_${newId('transaction').slice('txn_'.length)}`;
      const name = d.cache.customer(customer)?.name;
      const subtotal = lines.reduce((s, l) => s + l.quantity * l.unitAmount, 0);
      return d.enqueue({
        kind: 'invoice.create',
        payload: {
          localId,
          currency,
          lines: lines.map((l) => ({
            description: l.description,
            quantity: l.quantity,
            unitAmount: l.unitAmount,
            ...(l.taxRateBps !== undefined ? { taxRateBps: l.taxRateBps } : {}),
          })),
          ...(dueDate ? { dueDate } : {}),
          ...(memo ? { memo } : {}),
          ...(autoPay !== undefined ? { autoPay } : {}),
        },
        customerRef: customer,
        walletRef: null,
        currency,
        summary: { key: 'invoiceDraft', values: { amount: subtotal, currency, name: name || null } },
      });
    },

    'invoices:finalize': async ({ invoiceId }) => {
      const client = as(ADMIN, 'finalize invoices');
      const id = serverId(invoiceId);
      return store(
        await online('Finalizing', () => client.invoiceAction(id, 'finalize', newIdempotencyKey())),
      );
    },

    'invoices:void': async ({ invoiceId }) => {
      const client = as(ADMIN, 'void invoices');
      const id = serverId(invoiceId);
      return store(await online('Voiding', () => client.invoiceAction(id, 'void', newIdempotencyKey())));
    },

    'invoices:pay-wallet': async ({ invoiceId }) => {
      const client = as(PAYING, 'pay invoices');
      const id = serverId(invoiceId);
      return store(await online('Paying', () => client.payInvoiceFromWallet(id, newIdempotencyKey())));
    },

    'invoices:pay-checkout': async ({ invoiceId, provider, payerId, savedMethodId, asset }) => {
      const client = as(PAYING, 'pay invoices');
      const id = serverId(invoiceId);
      const payment: Payment = await online('Opening the payment', () =>
        client.payInvoiceByCheckout(
          id,
          {
            provider,
            ...(payerId ? { payerId } : {}),
            ...(savedMethodId ? { savedMethodId } : {}),
            ...(asset ? { asset } : {}),
          },
          newIdempotencyKey(),
        ),
      );
      d.cache.putPayment(payment);
      d.paymentsStored();
      // Only a hosted page the console may open reaches the renderer.
      return payment.checkout?.kind === 'redirect' &&
        !isAllowedExternalUrl(payment.checkout.url, d.trustedOrigins())
        ? { ...payment, checkout: null }
        : payment;
    },

    'invoices:mark-paid': async ({ invoiceId, ...transfer }) => {
      const client = as(ADMIN, 'record bank transfers');
      const id = serverId(invoiceId);
      return store(
        await online('Recording the transfer', () =>
          client.markInvoicePaid(id, transfer, newIdempotencyKey()),
        ),
      );
    },

    'invoices:settings': async () => {
      const client = as(STAFF, 'read the invoice settings');
      return online('Loading the invoice settings', () => client.invoiceSettings());
    },

    'invoices:update-settings': async (body) => {
      const client = as(ADMIN, 'change the invoice settings');
      return online('Saving the invoice settings', () => client.updateInvoiceSettings(body));
    },

    'invoices:top-up': async ({ walletId, amount }) => {
      const client = as(PAYING, 'top up by invoice');
      const wallet = d.walletFor(walletId);
      if (isLocalId(wallet.id))
        throw notSynced('wallet', 'this wallet is still syncing: top it up once it is confirmed');
      return store(
        await online('Requesting the invoice', () =>
          client.topUpInvoice(wallet.id, amount, newIdempotencyKey()),
        ),
      );
    },

    'invoices:request-receipt': async ({ paymentId }) => {
      const client = as(PAYING, 'request invoices');
      const id = d.real(paymentId);
      return store(await online('Requesting the invoice', () => client.requestReceiptInvoice(id)));
    },

    'invoices:receipt-of': ({ paymentId }) => {
      d.account();
      return d.cache.receiptOf(d.real(paymentId));
    },

    'invoices:pdf': async ({ invoiceId, language }) => pdfOf(invoiceId, language),

    'invoices:save-pdf': async ({ invoiceId, language }) => {
      const documents = documentHost();
      const { filename, base64 } = await pdfOf(invoiceId, language);
      return { path: await documents.save(filename, Buffer.from(base64, 'base64')) };
    },

    'invoices:open-pdf': async ({ invoiceId, language }) => {
      const documents = documentHost();
      const { filename, base64 } = await pdfOf(invoiceId, language);
      return { opened: await documents.open(filename, Buffer.from(base64, 'base64')) };
    },
  };
}
