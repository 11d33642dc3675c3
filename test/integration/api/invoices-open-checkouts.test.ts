import { afterEach, describe, expect, it } from 'vitest';
import { PUBLISHED_ACCOUNT_KEYS } from '../../../src/server/gateways/crypto/published-keys.js';
import { call, key } from '../../support/api.js';
import { DIALECTS } from '../../support/databases.js';
import { pressSandboxButton, startPaymentsApi, type PaymentsApi } from '../../support/payments.js';
import { createTenant, ok } from '../../support/tenants.js';

/**
 * "Pay by this method" on an invoice keeps one open checkout: asking again for the same method
 * answers the checkout already open, asking for another cancels the open one first. So the checkout
 * the invoice tracks is the only one to pay, and paying it pays the invoice; a payer who still pays
 * a cancelled checkout at its provider is credited nothing by itself (a review is opened for staff),
 * so nothing is doubled and nothing vanishes. Amounts are minor units of USD.
 */
describe.each(DIALECTS)('checkouts of one invoice on %s', (dialect) => {
  let api: PaymentsApi | undefined;
  afterEach(() => api?.close());

  it('one open checkout at a time: the same method answers it, another cancels it', async () => {
    // Listening: the sandbox's webhooks travel over HTTP to the real route.
    api = await startPaymentsApi(dialect, { listen: true });
    const { app, db } = api;
    const t = await createTenant(app, 'Onecheckout');
    // Crypto beside the sandbox: opening a BTC checkout derives an address, it asks no chain.
    await ok(
      call(app, 'PUT', '/v1/payment-settings/credentials/crypto', {
        token: t.admin,
        body: {
          credentials: {
            chainUrl: 'https://chain.example.com',
            xpubs: { bitcoin: PUBLISHED_ACCOUNT_KEYS.bitcoin },
            rates: { USD: { BTC: '50000' } },
          },
        },
      }),
    );
    await ok(
      call(app, 'PATCH', '/v1/payment-settings', {
        token: t.admin,
        body: {
          methods: [
            {
              provider: 'crypto',
              enabled: true,
              label: 'Crypto',
              feeBasisPoints: 0,
              processingTime: '10-30 minutes',
            },
          ],
        },
      }),
    );
    const draft = await ok(
      call(app, 'POST', `/v1/customers/${t.customerId}/invoices`, {
        token: t.admin,
        body: { currency: 'USD', lines: [{ description: 'Proxy plan', quantity: 1, unitAmount: 2_500 }] },
      }),
    );
    const open = await ok(
      call(app, 'POST', `/v1/invoices/${draft.id}/finalize`, { token: t.admin, key: key('fin') }),
    );
    const invoice = () => ok(call(app, 'GET', `/v1/invoices/${open.id}`, { token: t.customer }));
    const payment = (id: string) => ok(call(app, 'GET', `/v1/payments/${id}`, { token: t.customer }));
    const balance = async () =>
      (await ok(call(app, 'GET', `/v1/wallets/${t.walletId}`, { token: t.admin }))).balance as number;
    const checkout = (body: object, k = key('pay')) =>
      call(app, 'POST', `/v1/invoices/${open.id}/payments`, { token: t.customer, key: k, body });
    const start = await balance();

    const card = await ok(checkout({ provider: 'sandbox' }));
    // Asked again for the same method (the page reopened, a second click): the same checkout.
    const againKey = key('again');
    const again = await checkout({ provider: 'sandbox' }, againKey);
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ id: card.id, status: 'new', checkout: card.checkout });
    // Every money-moving request stays idempotent: a replay under its key answers the same.
    const replay = await checkout({ provider: 'sandbox' }, againKey);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(again.body);
    expect(await invoice()).toMatchObject({ status: 'open', pendingPaymentId: card.id });

    // Another method: the open card checkout is cancelled before the coin one opens.
    const coin = await ok(checkout({ provider: 'crypto', asset: { asset: 'BTC', network: 'bitcoin' } }));
    expect(coin.id).not.toBe(card.id);
    expect(await payment(card.id)).toMatchObject({ status: 'cancelled' });
    expect(await invoice()).toMatchObject({ status: 'open', pendingPaymentId: coin.id });

    // And back to the card: a new card checkout, the coin one cancelled in turn.
    const card2 = await ok(checkout({ provider: 'sandbox' }));
    expect(card2.id).not.toBe(card.id);
    expect(await payment(coin.id)).toMatchObject({ status: 'cancelled' });
    const invoicePayments = await db.store.db
      .selectFrom('payments')
      .select(['id', 'status'])
      .where('invoice_id', '=', open.id)
      .orderBy('created_at')
      .execute();
    expect(invoicePayments).toEqual([
      { id: card.id, status: 'cancelled' },
      { id: coin.id, status: 'cancelled' },
      { id: card2.id, status: 'new' },
    ]);

    // The open checkout pays the invoice; the wallet only passes the money through.
    await pressSandboxButton(card2.checkout.url, 'pay');
    await app.payments.settled();
    const paid = await invoice();
    expect(paid).toMatchObject({ status: 'paid', amountDue: 0, amountPaid: 2_500, pendingPaymentId: null });
    expect(paid.payments).toMatchObject([{ kind: 'gateway', amount: 2_500, paymentId: card2.id }]);
    expect(await balance()).toBe(start);

    // The first card checkout, still on the payer's screen, paid anyway: nothing is credited by
    // itself (not doubled into the wallet), and staff are asked to decide (not lost).
    await pressSandboxButton(card.checkout.url, 'pay');
    await app.payments.settled();
    expect(await payment(card.id)).toMatchObject({ status: 'cancelled' });
    const reviews = await db.store.db
      .selectFrom('payment_reviews')
      .select(['payment_id', 'reason', 'status'])
      .where('payment_id', '=', card.id)
      .execute();
    expect(reviews).toEqual([{ payment_id: card.id, reason: 'unmatched', status: 'open' }]);
    expect(await balance()).toBe(start);
    expect(await invoice()).toEqual(paid);
  });

  it('paying from the wallet cancels the open checkout; paid anyway, it goes to review', async () => {
    const { app, t, open, card, invoice, payment, balance, paidAnyway } =
      await invoiceWithCheckout('Walletcheckout');
    const start = await balance();

    // The payer changes their mind and pays from the wallet: the card checkout is cancelled with it.
    const walletKey = key('wallet');
    const fromWallet = () =>
      call(app, 'POST', `/v1/invoices/${open.id}/pay`, {
        token: t.customer,
        key: walletKey,
        body: { source: 'wallet' },
      });
    const paid = await ok(fromWallet());
    expect(paid).toMatchObject({ status: 'paid', amountDue: 0, amountPaid: 2_500, pendingPaymentId: null });
    expect(paid.payments).toMatchObject([{ kind: 'wallet', amount: 2_500 }]);
    expect(await payment()).toMatchObject({ status: 'cancelled' });
    expect(await balance()).toBe(start - 2_500);
    // Idempotent: the replay answers the first response and moves nothing.
    const replay = await fromWallet();
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(paid);
    expect(await balance()).toBe(start - 2_500);

    // The card checkout, still on the payer's screen, paid anyway: nothing lands in the wallet by
    // itself, and staff are asked to decide.
    const reviews = await paidAnyway();
    expect(await payment()).toMatchObject({ status: 'cancelled' });
    expect(reviews).toEqual([{ payment_id: card.id, reason: 'unmatched', status: 'open' }]);
    expect(await balance()).toBe(start - 2_500);
    expect(await invoice()).toEqual(paid);
  });

  it('a part paid from the wallet cancels the open checkout too, and the invoice tracks it no more', async () => {
    // More than the wallet has available (100 000 less a 1 000 payment and a 2 000 hold).
    const { app, t, open, card, payment } = await invoiceWithCheckout('Walletpart', 100_000);
    const part = await ok(
      call(app, 'POST', `/v1/invoices/${open.id}/pay`, {
        token: t.customer,
        key: key('wallet'),
        body: { source: 'wallet' },
      }),
    );
    expect(part).toMatchObject({
      status: 'partially_paid',
      amountPaid: 97_000,
      amountDue: 3_000,
      pendingPaymentId: null,
    });
    expect(await payment()).toMatchObject({ status: 'cancelled' });
    // The rest is paid by a new checkout, for what is still due.
    const rest = await ok(
      call(app, 'POST', `/v1/invoices/${open.id}/payments`, {
        token: t.customer,
        key: key('pay'),
        body: { provider: 'sandbox' },
      }),
    );
    expect(rest).toMatchObject({ status: 'new', amount: 3_000 });
    expect(rest.id).not.toBe(card.id);
  });

  /** An open invoice (2 500 unless said) with a sandbox checkout the payer opened for it, not yet paid. */
  async function invoiceWithCheckout(name: string, unitAmount = 2_500) {
    api = await startPaymentsApi(dialect, { listen: true });
    const { app, db } = api;
    const t = await createTenant(app, name);
    const draft = await ok(
      call(app, 'POST', `/v1/customers/${t.customerId}/invoices`, {
        token: t.admin,
        body: { currency: 'USD', lines: [{ description: 'Proxy plan', quantity: 1, unitAmount }] },
      }),
    );
    const open = await ok(
      call(app, 'POST', `/v1/invoices/${draft.id}/finalize`, { token: t.admin, key: key('fin') }),
    );
    const card = await ok(
      call(app, 'POST', `/v1/invoices/${open.id}/payments`, {
        token: t.customer,
        key: key('pay'),
        body: { provider: 'sandbox' },
      }),
    );
    expect(await ok(call(app, 'GET', `/v1/invoices/${open.id}`, { token: t.customer }))).toMatchObject({
      status: 'open',
      pendingPaymentId: card.id,
    });
    return {
      app,
      t,
      open,
      card,
      invoice: () => ok(call(app, 'GET', `/v1/invoices/${open.id}`, { token: t.customer })),
      payment: () => ok(call(app, 'GET', `/v1/payments/${card.id}`, { token: t.customer })),
      balance: async () =>
        (await ok(call(app, 'GET', `/v1/wallets/${t.walletId}`, { token: t.admin }))).balance as number,
      /** The cancelled checkout, still on the payer's screen, paid anyway at its provider. */
      paidAnyway: async () => {
        await pressSandboxButton(card.checkout.url, 'pay');
        await app.payments.settled();
        return db.store.db
          .selectFrom('payment_reviews')
          .select(['payment_id', 'reason', 'status'])
          .where('payment_id', '=', card.id)
          .execute();
      },
    };
  }

  it('a bank transfer recorded on the invoice cancels its open checkout; paid anyway, it goes to review', async () => {
    const { app, t, open, card, invoice, payment, balance, paidAnyway } =
      await invoiceWithCheckout('Transfercheckout');
    const start = await balance();

    // Staff record a transfer of part of it: the card checkout, for the whole, is cancelled with it.
    const transferKey = key('transfer');
    const markPaid = () =>
      call(app, 'POST', `/v1/invoices/${open.id}/mark-paid`, {
        token: t.admin,
        key: transferKey,
        body: { amount: 1_000, reference: 'FT-1' },
      });
    const part = await ok(markPaid());
    expect(part).toMatchObject({
      status: 'partially_paid',
      amountPaid: 1_000,
      amountDue: 1_500,
      pendingPaymentId: null,
    });
    expect(part.payments).toMatchObject([{ kind: 'transfer', amount: 1_000 }]);
    expect(await payment()).toMatchObject({ status: 'cancelled' });
    // The transfer passes through the wallet: in as a top_up, out as the payment.
    expect(await balance()).toBe(start);
    const replay = await markPaid();
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(part);

    // Paid anyway: nothing lands in the wallet nor on the invoice by itself; staff are asked.
    expect(await paidAnyway()).toEqual([{ payment_id: card.id, reason: 'unmatched', status: 'open' }]);
    expect(await payment()).toMatchObject({ status: 'cancelled' });
    expect(await balance()).toBe(start);
    expect(await invoice()).toEqual(part);
  });

  it('voiding the invoice cancels its open checkout; paid anyway, it goes to review', async () => {
    const { app, t, open, card, invoice, payment, balance, paidAnyway } =
      await invoiceWithCheckout('Voidcheckout');
    const start = await balance();

    const voidKey = key('void');
    const voidIt = () => call(app, 'POST', `/v1/invoices/${open.id}/void`, { token: t.admin, key: voidKey });
    const voided = await ok(voidIt());
    expect(voided).toMatchObject({ status: 'void', amountDue: 0, pendingPaymentId: null });
    expect(await payment()).toMatchObject({ status: 'cancelled' });
    const replay = await voidIt();
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(voided);

    // Paid anyway: before, the money fell into the wallet of a customer whose invoice was void.
    expect(await paidAnyway()).toEqual([{ payment_id: card.id, reason: 'unmatched', status: 'open' }]);
    expect(await payment()).toMatchObject({ status: 'cancelled' });
    expect(await balance()).toBe(start);
    expect(await invoice()).toEqual(voided);
  });

  it('staff apply the money of the cancelled checkout paid anyway to its invoice: once, admins only', async () => {
    const { app, t, open, card, invoice, balance, paidAnyway } = await invoiceWithCheckout('Applyinvoice');
    const start = await balance();
    // A transfer pays 1 000 of the 2 500: the card checkout is cancelled; its payer pays it anyway.
    await ok(
      call(app, 'POST', `/v1/invoices/${open.id}/mark-paid`, {
        token: t.admin,
        key: key('transfer'),
        body: { amount: 1_000 },
      }),
    );
    await paidAnyway();
    const { items } = await ok(call(app, 'GET', '/v1/payment-reviews?status=open', { token: t.admin }));
    const review = items.find((r: { paymentId: string }) => r.paymentId === card.id);
    // What arrived (the amount and the fee the payer paid on top), in the payment's currency.
    expect(review).toMatchObject({ reason: 'unmatched', amount: 2_500 + card.fee, currency: 'USD' });
    expect(await balance()).toBe(start);

    const url = `/v1/payment-reviews/${review.id}/apply`;
    const body = { invoice: true };
    expect((await call(app, 'POST', url, { token: t.admin, body })).status).toBe(400);
    expect((await call(app, 'POST', url, { token: t.support, key: key('apply'), body })).status).toBe(403);
    const applyKey = key('apply');
    const applied = await ok(call(app, 'POST', url, { token: t.admin, key: applyKey, body }));
    expect(applied).toMatchObject({
      status: 'resolved',
      applied: { paymentId: card.id, walletId: t.walletId, by: expect.any(String) },
    });
    const paid = await invoice();
    expect(paid).toMatchObject({ status: 'paid', amountDue: 0, amountPaid: 2_500, pendingPaymentId: null });
    expect(paid.payments).toMatchObject([
      { kind: 'transfer', amount: 1_000 },
      { kind: 'gateway', amount: 1_500, paymentId: card.id },
    ]);
    // What the invoice did not need stays in the wallet.
    expect(await balance()).toBe(start + 1_000 + card.fee);

    // The replay answers the first response; another key is refused: nothing is credited twice.
    const replay = await call(app, 'POST', url, { token: t.admin, key: applyKey, body });
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(applied);
    const again = await call(app, 'POST', url, { token: t.admin, key: key('apply'), body });
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'conflict', field: 'id' } } });
    expect(await balance()).toBe(start + 1_000 + card.fee);
    expect(await invoice()).toEqual(paid);
  });

  it('refuses to apply the money to an invoice voided since, with its reason', async () => {
    const { app, t, open, card, balance, paidAnyway } = await invoiceWithCheckout('Applyvoid');
    const start = await balance();
    await ok(call(app, 'POST', `/v1/invoices/${open.id}/void`, { token: t.admin, key: key('void') }));
    await paidAnyway();
    const { items } = await ok(call(app, 'GET', '/v1/payment-reviews?status=open', { token: t.admin }));
    const review = items.find((r: { paymentId: string }) => r.paymentId === card.id);
    const refused = await call(app, 'POST', `/v1/payment-reviews/${review.id}/apply`, {
      token: t.admin,
      key: key('apply'),
      body: { invoice: true },
    });
    expect(refused).toMatchObject({
      status: 409,
      body: {
        error: {
          code: 'conflict',
          field: 'invoice',
          reason: { key: 'review_invoice_not_payable', values: { invoice: open.number, status: 'void' } },
        },
      },
    });
    expect(await balance()).toBe(start);
    // The money can still go to the wallet.
    await ok(
      call(app, 'POST', `/v1/payment-reviews/${review.id}/apply`, {
        token: t.admin,
        key: key('apply'),
        body: { walletId: t.walletId },
      }),
    );
    expect(await balance()).toBe(start + review.amount);
  });
});
