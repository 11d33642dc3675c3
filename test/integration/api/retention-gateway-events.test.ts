import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, key } from '../../support/api.js';
import { DIALECTS } from '../../support/databases.js';
import {
  checkoutEvent,
  signedSandboxEvent,
  startPaymentsApi,
  useKnownSandboxSecret,
  type PaymentsApi,
} from '../../support/payments.js';
import { createTenant, manualClock, ok, type Tenant } from '../../support/tenants.js';

const DAY = 24 * 3_600_000;

/** Stored gateway events: processed ones go after their retention, unprocessed ones stay, nothing pays twice. */
describe.each(DIALECTS)('gateway event retention on %s', (dialect) => {
  let api: PaymentsApi;
  let t: Tenant;
  let clock: ReturnType<typeof manualClock>;

  beforeEach(async () => {
    clock = manualClock();
    // Events wait for the job (run by hand here), so that one can be left unprocessed.
    api = await startPaymentsApi(dialect, { clock: clock.now, payments: { processInline: false } });
    t = await createTenant(api.app, 'Events');
    await useKnownSandboxSecret(api.app, t.admin);
  });
  afterEach(() => api.close());

  const balance = async () =>
    (await ok(call(api.app, 'GET', `/v1/wallets/${t.walletId}`, { token: t.admin }))).balance as number;
  const topUpRows = async () =>
    (await ok(call(api.app, 'GET', `/v1/wallets/${t.walletId}/transactions?type=top_up`, { token: t.admin })))
      .items.length as number;
  const startTopUp = async (amount: number) => {
    const p = await ok(
      call(api.app, 'POST', `/v1/wallets/${t.walletId}/top-ups`, {
        token: t.admin,
        key: key(),
        body: { amount, provider: 'sandbox' },
      }),
    );
    const checkout = (p.checkout.url as string).split('/').pop()!;
    // The provider's side: the payer paid on the sandbox's page.
    await api.db.store.write((trx) =>
      trx.updateTable('sandbox_checkouts').set({ status: 'paid' }).where('id', '=', checkout).execute(),
    );
    return { id: p.id as string, checkout };
  };
  const deliver = (delivery: { body: string; headers: Record<string, string> }) =>
    call(api.app, 'POST', `/v1/webhooks/sandbox/${t.resellerId}`, {
      rawBody: delivery.body,
      headers: delivery.headers,
    });
  const storedEvents = async () =>
    (
      await api.db.store.db
        .selectFrom('gateway_events')
        .select(['event_id', 'processed_at'])
        .orderBy('received_at')
        .execute()
    ).map((e) => ({ eventId: e.event_id, processed: e.processed_at !== null }));

  it('deletes processed events past retention, keeps unprocessed ones, and a re-delivered deleted event credits nothing twice', async () => {
    const before = await balance();
    const rowsBefore = await topUpRows();
    const paid = await startTopUp(2_500);
    const paidEvent = checkoutEvent(paid, { at: clock.now() });
    expect((await deliver(paidEvent)).status).toBe(200);
    await api.app.payments.processEvents();
    expect(await balance()).toBe(before + 2_500);

    // An event that arrives and is not processed yet (its provider is down, say) is never deleted.
    const waiting = await startTopUp(4_000);
    const waitingEvent = checkoutEvent(waiting, { at: clock.now() });
    expect((await deliver(waitingEvent)).status).toBe(200);
    const waitingId = JSON.parse(waitingEvent.body).id as string;
    const paidId = JSON.parse(paidEvent.body).id as string;

    clock.advance(29 * DAY);
    expect((await api.app.pruner.run())!.gatewayEvents).toBe(0);
    clock.advance(2 * DAY);
    expect((await api.app.pruner.run())!.gatewayEvents).toBe(1);
    expect(await storedEvents()).toEqual([{ eventId: waitingId, processed: false }]);
    expect(await balance()).toBe(before + 2_500);

    // The provider delivers the deleted event again: stored anew (no duplicate to drop), processed,
    // and the payment, already paid, credits nothing.
    const redelivered = await deliver(
      signedSandboxEvent(
        { id: paidId, type: 'checkout.paid', checkout: paid.checkout, reference: paid.id },
        { at: clock.now() },
      ),
    );
    expect(redelivered.status).toBe(200);
    expect(redelivered.body).toEqual({ received: true, duplicates: 0 });
    await api.app.payments.processEvents();
    expect(await storedEvents()).toEqual([
      { eventId: waitingId, processed: true },
      { eventId: paidId, processed: true },
    ]);
    const payment = await ok(call(api.app, 'GET', `/v1/payments/${paid.id}`, { token: t.admin }));
    expect(payment.status).toBe('paid');
    // The waiting event was processed now too: its own payment credited, once.
    expect(await balance()).toBe(before + 2_500 + 4_000);
    expect(await topUpRows()).toBe(rowsBefore + 2);
  });
});
