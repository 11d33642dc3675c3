import { PDFParse } from 'pdf-parse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { wordingOfOlderRow } from '../../../src/shared/api/ledger-wording.js';
import { call, key } from '../../support/api.js';
import { DIALECTS } from '../../support/databases.js';
import { pressSandboxButton, startPaymentsApi, type PaymentsApi } from '../../support/payments.js';
import { createTenant, ok, readFeed, settleFeed, type Tenant } from '../../support/tenants.js';

/** The sandbox gateway end to end over real HTTP: hosted page → signed webhook → re-query → credit. */
describe.each(DIALECTS)('sandbox top-ups on %s', (dialect) => {
  let api: PaymentsApi;
  let t: Tenant;

  beforeEach(async () => {
    api = await startPaymentsApi(dialect, { listen: true });
    t = await createTenant(api.app, 'Sandboxco');
  });
  afterEach(() => api.close());

  const balance = async () =>
    (await ok(call(api.app, 'GET', `/v1/wallets/${t.walletId}`, { token: t.admin }))).balance as number;
  const topUps = async () =>
    (await ok(call(api.app, 'GET', `/v1/wallets/${t.walletId}/transactions?type=top_up`, { token: t.admin })))
      .items as any[];
  const payment = async (id: string) => ok(call(api.app, 'GET', `/v1/payments/${id}`, { token: t.admin }));
  const startTopUp = async (body: object, token = t.admin) => {
    const reply = await call(api.app, 'POST', `/v1/wallets/${t.walletId}/top-ups`, {
      token,
      key: key(),
      body,
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    return reply.body;
  };

  it('Pay on the hosted page: the signed webhook arrives, the wallet grows by exactly the amount, once', async () => {
    const before = await balance();
    const topUpsBefore = (await topUps()).length;
    const created = await startTopUp({ amount: 2_500, provider: 'sandbox' }, t.customer);
    expect(created).toMatchObject({ status: 'new', amount: 2_500, currency: 'USD', provider: 'sandbox' });
    expect(created.checkout).toMatchObject({ kind: 'redirect' });
    expect(created.checkout.url).toMatch(new RegExp(`^${api.baseUrl}/sandbox/checkout/sbx_`));

    const page = await fetch(created.checkout.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await page.text();
    expect(html).not.toContain('<script');
    for (const button of ['Pay', 'Pay later (processing, then paid)', 'Decline', 'Cancel']) {
      expect(html).toContain(`>${button}</button>`);
    }
    expect(html).toContain('<label for="card">');

    const pressed = await pressSandboxButton(created.checkout.url, 'pay');
    expect(pressed.status).toBe(200);
    expect(pressed.html).toContain('Payment received');
    expect(pressed.html).toContain(`href="resellerconsole://payments/${created.id}"`);
    await api.app.payments.settled();

    const paid = await payment(created.id);
    expect(paid).toMatchObject({
      status: 'paid',
      paidAt: expect.any(String),
      transactionId: expect.any(String),
    });
    expect(await balance()).toBe(before + 2_500);
    const rows = await topUps();
    expect(rows).toHaveLength(topUpsBefore + 1);
    // A settled gateway top-up is a `top_up` row, never a merchant `credit`.
    expect(rows[0]).toMatchObject({
      id: paid.transactionId,
      type: 'top_up',
      amount: 2_500,
      reference: created.id,
      relatedId: created.id,
      description: 'Test top-up via Sandbox test card — no real money',
      wording: { kind: 'top_up', method: 'Sandbox test card', test: true },
      test: true,
    });
    expect(wordingOfOlderRow(rows[0])).toEqual(rows[0].wording);
    expect(paid.test).toBe(true);
    const credits = await ok(
      call(api.app, 'GET', `/v1/wallets/${t.walletId}/transactions?type=credit`, { token: t.admin }),
    );
    expect(credits.items.map((r: { id: string }) => r.id)).not.toContain(paid.transactionId);
  });

  it('a Vietnamese statement words the sandbox’s starting method label in Vietnamese, a typed one as typed', async () => {
    const paidWith = async () => {
      const created = await startTopUp({ amount: 1_000, provider: 'sandbox' }, t.customer);
      await pressSandboxButton(created.checkout.url, 'pay');
      await api.app.payments.settled();
      return (await payment(created.id)).paidAt as string;
    };
    const day = (await paidWith()).slice(0, 10);
    const settings = await ok(call(api.app, 'GET', '/v1/payment-settings', { token: t.admin }));
    const { available: _, ...sandbox } = settings.methods.find((m: any) => m.provider === 'sandbox');
    await ok(
      call(api.app, 'PATCH', '/v1/payment-settings', {
        token: t.admin,
        body: { methods: [{ ...sandbox, label: 'Thẻ thử của MayXanh' }] },
      }),
    );
    await paidWith();

    const response = await api.app.inject({
      method: 'GET',
      url: `/v1/wallets/${t.walletId}/statement.pdf?from=${day}&to=${day}&lang=vi`,
      headers: { authorization: `Bearer ${t.admin}` },
    });
    expect(response.statusCode, response.body).toBe(200);
    const parser = new PDFParse({ data: new Uint8Array(response.rawPayload) });
    const text = (await parser.getText()).text.replace(/\s+/g, ' ');
    await parser.destroy();
    expect(text).toContain('Nạp tiền thử nghiệm qua Thẻ thử nghiệm sandbox — không có tiền thật');
    expect(text).toContain('Nạp tiền thử nghiệm qua Thẻ thử của MayXanh (sandbox) — không có tiền thật');
    expect(text).not.toContain('Sandbox test card');
  });

  it('Decline: the payment fails with a reason and nothing is credited', async () => {
    const before = await balance();
    const created = await startTopUp({ amount: 1_000, provider: 'sandbox' });
    const pressed = await pressSandboxButton(created.checkout.url, 'decline');
    expect(pressed.html).toContain('declined');
    await api.app.payments.settled();
    expect(await payment(created.id)).toMatchObject({
      status: 'failed',
      failureCode: 'declined',
      failureReason: expect.stringMatching(/declined/),
    });
    expect(await balance()).toBe(before);
  });

  it('a card ending 0002 is declined by Pay', async () => {
    const before = await balance();
    const created = await startTopUp({ amount: 1_000, provider: 'sandbox' });
    await pressSandboxButton(created.checkout.url, 'pay', '4000 0000 0000 0002');
    await api.app.payments.settled();
    expect((await payment(created.id)).status).toBe('failed');
    expect(await balance()).toBe(before);
  });

  it('Pay later: processing first (nothing credited), then paid when processing completes', async () => {
    const before = await balance();
    const created = await startTopUp({ amount: 4_000, provider: 'sandbox' });
    const later = await pressSandboxButton(created.checkout.url, 'pay-later');
    expect(later.html).toContain('>Complete processing</button>');
    await api.app.payments.settled();
    expect((await payment(created.id)).status).toBe('processing');
    expect(await balance()).toBe(before);

    await pressSandboxButton(created.checkout.url, 'complete');
    await api.app.payments.settled();
    expect((await payment(created.id)).status).toBe('paid');
    expect(await balance()).toBe(before + 4_000);
  });

  it('Cancel at the page: cancelled, nothing credited; the return URL alone credits nothing', async () => {
    const before = await balance();
    const created = await startTopUp({ amount: 1_500, provider: 'sandbox' });
    // A browser "coming back" without paying: the return URL is the app's, it calls no API at all.
    expect(created.checkout.url).not.toContain('resellerconsole');
    await pressSandboxButton(created.checkout.url, 'cancel');
    await api.app.payments.settled();
    expect((await payment(created.id)).status).toBe('cancelled');
    expect(await balance()).toBe(before);
  });

  it('saving a method: pending until paid, then a confirmed "Card •••• 4242" that charges without a redirect', async () => {
    const payer = await ok(
      call(api.app, 'POST', `/v1/customers/${t.customerId}/payers`, {
        token: t.admin,
        body: { name: 'Accounts' },
      }),
    );
    const first = await startTopUp({
      amount: 1_000,
      provider: 'sandbox',
      payerId: payer.id,
      saveMethod: true,
    });
    expect(first.savesMethodId).toEqual(expect.any(String));
    const pendingList = await ok(
      call(api.app, 'GET', `/v1/customers/${t.customerId}/payment-methods`, { token: t.admin }),
    );
    expect(pendingList.items).toMatchObject([{ id: first.savesMethodId, status: 'pending' }]);

    await pressSandboxButton(first.checkout.url, 'pay');
    await api.app.payments.settled();
    const methods = await ok(
      call(api.app, 'GET', `/v1/customers/${t.customerId}/payment-methods?payerId=${payer.id}`, {
        token: t.admin,
      }),
    );
    expect(methods.items).toMatchObject([
      { id: first.savesMethodId, status: 'confirmed', label: 'Card •••• 4242' },
    ]);
    await ok(call(api.app, 'POST', `/v1/payment-methods/${first.savesMethodId}/default`, { token: t.admin }));
    const options = await ok(
      call(api.app, 'GET', `/v1/wallets/${t.walletId}/top-up-options`, { token: t.customer }),
    );
    expect(options.savedMethods[0]).toMatchObject({ id: first.savesMethodId, isDefault: true });

    const before = await balance();
    const charged = await startTopUp(
      { amount: 3_000, provider: 'sandbox', payerId: payer.id, savedMethodId: first.savesMethodId },
      t.customer,
    );
    expect(charged).toMatchObject({
      status: 'paid',
      checkout: { kind: 'none' },
      savedMethodId: first.savesMethodId,
    });
    expect(await balance()).toBe(before + 3_000);

    // Made default, then removed, elsewhere (another console, the API): the customer's consoles hear
    // of both through the feed, so a list of saved cards they show is read again.
    await ok(call(api.app, 'DELETE', `/v1/payment-methods/${first.savesMethodId}`, { token: t.admin }));
    await settleFeed(api.db.store);
    const told = (await readFeed(api.app, t.customer)).filter((c) => c.entity === 'saved_method');
    expect(told.map((c) => [c.id, c.data.isDefault, c.data.removedAt !== null])).toEqual([
      [first.savesMethodId, true, false],
      [first.savesMethodId, false, true],
    ]);
    expect(JSON.stringify(told)).not.toContain('token');
  });
});
