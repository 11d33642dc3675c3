import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PaymentProvider, SavedMethodCharge } from '../../../src/server/gateways/provider.js';
import { cancelCheckouts } from '../../../src/server/services/invoices/pay.js';
import { call, key } from '../../support/api.js';
import { DIALECTS } from '../../support/databases.js';
import { pressSandboxButton, startPaymentsApi, type PaymentsApi } from '../../support/payments.js';
import { createTenant, expectRefusal, ok, type Tenant } from '../../support/tenants.js';

/**
 * An invoice whose checkout the provider has seen being paid (the invoice reads Processing) takes no
 * second payment: neither the wallet, another checkout nor a transfer staff record, or the money
 * would pay it twice (the first payment's money would then go on to the wallet); nor may staff void
 * it, for the same money would then only fill the wallet, which its payer did not mean. The refusal names
 * the reason as data (`invoice_processing`); the invoice and the wallet stay as they were, and once
 * the first payment lands the invoice is paid by it alone. The same holds while the saved card is
 * being charged off-session for an auto-pay invoice's rest. Amounts are minor units of USD.
 */
describe.each(DIALECTS)('a Processing invoice on %s', (dialect) => {
  let api: PaymentsApi | undefined;
  afterEach(() => api?.close());

  it('refuses the wallet and a second checkout while its payment is processing', async () => {
    // Listening: the sandbox's webhooks travel over HTTP to the real route.
    api = await startPaymentsApi(dialect, { listen: true });
    const { app } = api;
    const t = await createTenant(app, 'Twicepaid');
    const { open, invoice } = await openInvoice(app, t);
    const balance = async () =>
      (await ok(call(app, 'GET', `/v1/wallets/${t.walletId}`, { token: t.admin }))).balance as number;

    const first = await ok(
      call(app, 'POST', `/v1/invoices/${open.id}/payments`, {
        token: t.customer,
        key: key('pay'),
        body: { provider: 'sandbox' },
      }),
    );
    // The payer submits the card; the provider answers "processing" before it confirms.
    await pressSandboxButton(first.checkout.url, 'pay-later');
    await app.payments.settled();
    expect(await ok(call(app, 'GET', `/v1/payments/${first.id}`, { token: t.customer }))).toMatchObject({
      status: 'processing',
    });
    const before = { invoice: await invoice(), balance: await balance() };
    expect(before.invoice).toMatchObject({ status: 'open', amountDue: 2_500, pendingPaymentId: first.id });

    const walletKey = key('wallet');
    const fromWallet = () =>
      call(app, 'POST', `/v1/invoices/${open.id}/pay`, {
        token: t.customer,
        key: walletKey,
        body: { source: 'wallet' },
      });
    const refused = await fromWallet();
    expectRefusal(refused, 409, 'invoice_processing', 'status');
    expect(refused.body.error.reason).toEqual({
      key: 'invoice_processing',
      values: { invoice: open.number, payment: first.id },
    });
    // A retry under the same key is answered the same, and still moves nothing.
    expect((await fromWallet()).body).toEqual(refused.body);

    const checkoutKey = key('again');
    const secondCheckout = () =>
      call(app, 'POST', `/v1/invoices/${open.id}/payments`, {
        token: t.customer,
        key: checkoutKey,
        body: { provider: 'sandbox' },
      });
    const again = await secondCheckout();
    expectRefusal(again, 409, 'invoice_processing', 'status');
    expect((await secondCheckout()).body).toEqual(again.body);
    // Nor may staff record a bank transfer that pays it meanwhile: the payment being confirmed will.
    const transfer = await call(app, 'POST', `/v1/invoices/${open.id}/mark-paid`, {
      token: t.admin,
      key: key('transfer'),
      body: { reference: 'FT-2' },
    });
    expectRefusal(transfer, 409, 'invoice_processing', 'status');
    expect(transfer.body.error.reason).toEqual(refused.body.error.reason);
    // Nor may staff void it: the payment being confirmed would then only fill the wallet. Same code
    // and field; the reason says it is the void that waits.
    const voided = await voidIt(app, t, open.id);
    expectRefusal(voided, 409, 'invoice_processing', 'status');
    expect(voided.body.error.reason).toEqual({
      key: 'invoice_void_processing',
      values: { invoice: open.number, payment: first.id },
    });
    expect(voided.body.error.message).toBe(
      `invoice ${open.number} cannot be voided while payment ${first.id} is being confirmed by its provider; try again once it ends`,
    );
    const payments = await ok(
      call(app, 'GET', `/v1/payments?provider=sandbox&limit=100`, { token: t.admin }),
    );
    expect(payments.items.filter((p: any) => p.invoiceId === open.id).map((p: any) => p.id)).toEqual([
      first.id,
    ]);
    expect(await invoice()).toEqual(before.invoice);
    expect(await balance()).toBe(before.balance);

    // The first payment lands: it alone pays the invoice, and the wallet ends where it was.
    await pressSandboxButton(first.checkout.url, 'complete');
    await app.payments.settled();
    expect(await invoice()).toMatchObject({
      status: 'paid',
      amountDue: 0,
      amountPaid: 2_500,
      pendingPaymentId: null,
    });
    expect(await balance()).toBe(before.balance);
  });

  it('refuses the wallet and a second checkout while its paid payment waits for staff (held for a review)', async () => {
    api = await startPaymentsApi(dialect, { listen: true });
    const { app, db } = api;
    const t = await createTenant(app, 'Heldpaid');
    const { open, invoice } = await openInvoice(app, t);
    const setWallet = (status: 'active' | 'closed') =>
      db.store.write((trx) =>
        trx.updateTable('wallets').set({ status }).where('id', '=', t.walletId).execute(),
      );
    const first = await ok(
      call(app, 'POST', `/v1/invoices/${open.id}/payments`, {
        token: t.customer,
        key: key('pay'),
        body: { provider: 'sandbox' },
      }),
    );
    // Paid at the provider while the wallet could not take it: the payment is held for staff.
    await setWallet('closed');
    await pressSandboxButton(first.checkout.url, 'pay');
    await app.payments.settled();
    expect(await ok(call(app, 'GET', `/v1/payments/${first.id}`, { token: t.customer }))).toMatchObject({
      heldForReview: true,
    });
    // A pay request that read the open checkouts just before the payment was held: cancelling that
    // checkout fails, and the request is refused with it rather than paying the invoice beside it.
    const row = await db.store.db
      .selectFrom('invoices')
      .selectAll()
      .where('id', '=', open.id)
      .executeTakeFirstOrThrow();
    const readBefore = {
      ...(await db.store.db
        .selectFrom('payments')
        .selectAll()
        .where('id', '=', first.id)
        .executeTakeFirstOrThrow()),
      held_for_review: 0,
    };
    const scope = { resellerId: t.resellerId, customerId: t.customerId, canWrite: true };
    await expect(
      db.store.write((trx) => cancelCheckouts(trx, scope, row, [readBefore], new Date().toISOString())),
    ).rejects.toMatchObject({ code: 'invoice_processing', reason: { key: 'invoice_payment_held' } });

    // The wallet takes money again (as one under its balance limit would): paying now pays twice.
    await setWallet('active');
    const before = await invoice();
    expect(before).toMatchObject({ status: 'open', amountDue: 2_500, pendingPaymentId: first.id });

    const fromWallet = await call(app, 'POST', `/v1/invoices/${open.id}/pay`, {
      token: t.customer,
      key: key('wallet'),
      body: { source: 'wallet' },
    });
    expectRefusal(fromWallet, 409, 'invoice_processing', 'status');
    expect(fromWallet.body.error.reason).toEqual({
      key: 'invoice_payment_held',
      values: { invoice: open.number, payment: first.id },
    });
    const again = await call(app, 'POST', `/v1/invoices/${open.id}/payments`, {
      token: t.customer,
      key: key('again'),
      body: { provider: 'sandbox' },
    });
    expectRefusal(again, 409, 'invoice_processing', 'status');
    expect(again.body.error.reason).toEqual(fromWallet.body.error.reason);
    // Nor may staff void it: the money that arrived is meant for it, and staff apply it there.
    const voided = await voidIt(app, t, open.id);
    expectRefusal(voided, 409, 'invoice_processing', 'status');
    expect(voided.body.error.reason).toEqual({
      key: 'invoice_void_payment_held',
      values: { invoice: open.number, payment: first.id },
    });
    const payments = await ok(
      call(app, 'GET', `/v1/payments?provider=sandbox&limit=100`, { token: t.admin }),
    );
    expect(payments.items.filter((p: any) => p.invoiceId === open.id).map((p: any) => p.id)).toEqual([
      first.id,
    ]);
    expect(await invoice()).toEqual(before);
  });

  it('refuses the wallet and a checkout while its rest is charged to the saved card; the card pays it once', async () => {
    api = await startPaymentsApi(dialect, { listen: true });
    const { app, db } = api;
    const t = await createTenant(app, 'Cardcharge');
    // A card saved the way a payer saves one: a top-up paid on the hosted page with "save" ticked.
    const payer = await ok(
      call(app, 'POST', `/v1/customers/${t.customerId}/payers`, { token: t.admin, body: { name: 'AP' } }),
    );
    const saving = await ok(
      call(app, 'POST', `/v1/wallets/${t.walletId}/top-ups`, {
        token: t.admin,
        key: key('save'),
        body: { amount: 1_000, provider: 'sandbox', payerId: payer.id, saveMethod: true },
      }),
    );
    await pressSandboxButton(saving.checkout.url, 'pay');
    await app.payments.settled();
    const wallet = () => ok(call(app, 'GET', `/v1/wallets/${t.walletId}`, { token: t.admin }));
    const available = (await wallet()).availableBalance as number;

    // The off-session charge waits at the provider until the test lets it answer.
    let charging!: () => void;
    const charged = new Promise<void>((resolve) => (charging = resolve));
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    const providerOrThrow = app.payments.providerOrThrow.bind(app.payments);
    vi.spyOn(app.payments, 'providerOrThrow').mockImplementation(async (payment) => {
      const provider = await providerOrThrow(payment);
      const slow: PaymentProvider = Object.create(provider);
      slow.chargeSavedMethod = async (charge: SavedMethodCharge) => {
        charging();
        await answered;
        return provider.chargeSavedMethod!(charge);
      };
      return slow;
    });

    // 2 500 more than the wallet holds: with auto-pay, the wallet pays what it can, the card the rest.
    const draft = await ok(
      call(app, 'POST', `/v1/customers/${t.customerId}/invoices`, {
        token: t.admin,
        body: {
          currency: 'USD',
          autoPay: true,
          lines: [{ description: 'Proxy plan', quantity: 1, unitAmount: available + 2_500 }],
        },
      }),
    );
    const finalizing = ok(
      call(app, 'POST', `/v1/invoices/${draft.id}/finalize`, { token: t.admin, key: key('fin') }),
    );
    await charged;
    const invoice = () => ok(call(app, 'GET', `/v1/invoices/${draft.id}`, { token: t.customer }));
    const partly = await invoice();
    expect(partly).toMatchObject({ status: 'partially_paid', amountDue: 2_500 });
    const chargeId = partly.pendingPaymentId as string;
    expect(chargeId).toEqual(expect.any(String));
    // What the console reads it as Processing from: the payment it tracks is the off-session charge
    // of the saved card, `new` with that method and nothing for the payer to open, not held.
    expect(await ok(call(app, 'GET', `/v1/payments/${chargeId}`, { token: t.customer }))).toMatchObject({
      status: 'new',
      savedMethodId: saving.savesMethodId,
      checkout: null,
      heldForReview: false,
      invoiceId: draft.id,
    });

    // Money reaches the wallet meanwhile, and the customer pays the invoice from it: before, the
    // wallet paid it and the card's money then landed in the wallet (paid twice).
    await ok(
      call(app, 'POST', `/v1/wallets/${t.walletId}/credits`, {
        token: t.admin,
        key: key('credit'),
        body: { amount: 2_500, description: 'goodwill' },
      }),
    );
    const before = await wallet();
    const fromWallet = await call(app, 'POST', `/v1/invoices/${draft.id}/pay`, {
      token: t.customer,
      key: key('wallet'),
      body: { source: 'wallet' },
    });
    expectRefusal(fromWallet, 409, 'invoice_processing', 'status');
    expect(fromWallet.body.error.reason).toEqual({
      key: 'invoice_processing',
      values: { invoice: partly.number, payment: chargeId },
    });
    const again = await call(app, 'POST', `/v1/invoices/${draft.id}/payments`, {
      token: t.customer,
      key: key('again'),
      body: { provider: 'sandbox' },
    });
    expectRefusal(again, 409, 'invoice_processing', 'status');
    // Nor may staff void it (refunding the wallet's part): the card's money would then only fill the wallet.
    const voided = await voidIt(app, t, draft.id);
    expectRefusal(voided, 409, 'invoice_processing', 'status');
    expect(voided.body.error.reason).toEqual({
      key: 'invoice_void_processing',
      values: { invoice: partly.number, payment: chargeId },
    });
    expect(await invoice()).toEqual(partly);
    expect(await wallet()).toMatchObject({
      balance: before.balance,
      availableBalance: before.availableBalance,
    });

    // The card answers: it alone pays the rest; the wallet keeps the money it was given.
    answer();
    const paid = await finalizing;
    await app.payments.settled();
    expect(paid).toMatchObject({ status: 'paid', amountDue: 0, amountPaid: available + 2_500 });
    expect(paid.payments).toMatchObject([
      { kind: 'wallet', amount: available },
      { kind: 'gateway', amount: 2_500, paymentId: chargeId },
    ]);
    expect(await invoice()).toEqual(paid);
    expect(await wallet()).toMatchObject({
      balance: before.balance,
      availableBalance: before.availableBalance,
    });
    const payments = await db.store.db
      .selectFrom('payments')
      .select(['id', 'status'])
      .where('invoice_id', '=', draft.id)
      .execute();
    expect(payments).toEqual([{ id: chargeId, status: 'paid' }]);
  });
});

/** Staff void the invoice, as the console's Void invoice does. */
function voidIt(app: PaymentsApi['app'], t: Tenant, id: string) {
  return call(app, 'POST', `/v1/invoices/${id}/void`, { token: t.admin, key: key('void') });
}

/** An invoice of 2,500 for the tenant's customer, finalized (open), and a read of it as the customer. */
async function openInvoice(app: PaymentsApi['app'], t: Tenant) {
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
  return { open, invoice };
}
