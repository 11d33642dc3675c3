import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, key } from '../../support/api.js';
import { DIALECTS } from '../../support/databases.js';
import { createPaymentTenant, type PaymentTenant } from '../../support/payment-records.js';
import { startPaymentsApi, type PaymentsApi } from '../../support/payments.js';
import { createTenant, expectRefusal, login, ok, PASSWORD, type Tenant } from '../../support/tenants.js';

/**
 * Every staff action that changes money or settings leaves one audit record naming the admin who
 * did it (user id and role), the entity, and the reason entered; admins alone read the trail, and
 * only their own tenant's.
 */
describe.each(DIALECTS)('the audit trail on %s', (dialect) => {
  let api: PaymentsApi;
  let t: PaymentTenant;
  let other: Tenant;
  /** A signed-in admin user: the actor every record below must name. */
  let admin: { token: string; userId: string };

  beforeAll(async () => {
    api = await startPaymentsApi(dialect);
    t = await createPaymentTenant(api.app, api.db.store, 'Audited');
    other = await createTenant(api.app, 'Elsewhere');
    const email = `auditor-${key()}@example.com`;
    const user = await ok(
      call(api.app, 'POST', '/v1/users', {
        token: t.admin,
        body: { email, password: PASSWORD, role: 'reseller_admin' },
      }),
    );
    admin = { token: await login(api.app, email), userId: user.id };
  });
  afterAll(() => api.close());

  const audit = (query: string, token = admin.token) => call(api.app, 'GET', `/v1/audit?${query}`, { token });

  /**
   * The records of one action on one entity by this admin: exactly one, with its reason (the setup's
   * own writes, by the reseller's API key, are records of another actor).
   */
  async function expectOneRecord(action: string, entityId: string, reason: string | null) {
    const list = await ok(audit(`actor=${admin.userId}&action=${action}&entity=${entityId}`));
    expect(list.items, `${action} on ${entityId}`).toHaveLength(1);
    expect(list.items[0]).toMatchObject({
      action,
      entityId,
      reason,
      actor: { userId: admin.userId, role: 'reseller_admin' },
    });
    return list.items[0];
  }

  const send = (method: 'POST' | 'PUT' | 'PATCH', url: string, body: unknown, money = false) =>
    ok(call(api.app, method, url, { token: admin.token, body, ...(money ? { key: key('audit') } : {}) }));

  it('a merchant credit and an adjustment name their reason and the balance before and after', async () => {
    const before = await ok(call(api.app, 'GET', `/v1/wallets/${t.walletId}`, { token: admin.token }));
    await send(
      'POST',
      `/v1/wallets/${t.walletId}/credits`,
      { amount: 700, description: 'Goodwill for the outage' },
      true,
    );
    const credited = await expectOneRecord('wallet.credited', t.walletId, 'Goodwill for the outage');
    expect(credited.before).toEqual({ balance: before.balance });
    expect(credited.after).toMatchObject({ balance: before.balance + 700, amount: 700 });

    await send(
      'POST',
      `/v1/wallets/${t.walletId}/adjustments`,
      { amount: -200, reason: 'Duplicate credit' },
      true,
    );
    await expectOneRecord('wallet.adjusted', t.walletId, 'Duplicate credit');
  });

  it('debits applied together — a busy wallet’s, a batch’s — leave one record each, naming who sent it', async () => {
    const customer = await send('POST', '/v1/customers', {
      name: 'Busy Wallet',
      email: `${key()}@example.com`,
    });
    const wallet = await send(
      'POST',
      `/v1/customers/${customer.id}/wallets`,
      { currency: 'USD', initialBalance: 100_000 },
      true,
    );
    const debitAs = (token: string, n: number) =>
      ok(
        call(api.app, 'POST', `/v1/wallets/${wallet.id}/debits`, {
          token,
          key: key('busy'),
          body: { amount: 10 + n, description: `Busy debit ${n}` },
        }),
      );
    // Sent together: the wallet's debits are applied as one group.
    const together = await Promise.all([
      ...[0, 1, 2, 3].map((n) => debitAs(admin.token, n)),
      ...[4, 5].map((n) => debitAs(t.admin, n)),
    ]);
    const batch = await ok(
      call(api.app, 'POST', '/v1/batch', {
        token: admin.token,
        body: {
          operations: [6, 7].map((n) => ({
            path: `/v1/wallets/${wallet.id}/debits`,
            idempotencyKey: key('batch'),
            body: { amount: 10 + n, description: `Busy debit ${n}` },
          })),
        },
      }),
    );
    const debits = [...together, ...batch.results.map((r: { body: unknown }) => r.body)] as Array<{
      transaction: { id: string; amount: number };
    }>;
    const records = (await ok(audit(`action=wallet.debited&entity=${wallet.id}`))).items as Array<{
      actor: { userId: string | null; apiKeyId: string | null };
      after: { transactionId: string; amount: number };
      reason: string;
    }>;
    expect(records).toHaveLength(8);
    debits.forEach((debit, n) => {
      const record = records.find((r) => r.after.transactionId === debit.transaction.id);
      expect(record, `debit ${n}`).toMatchObject({
        reason: `Busy debit ${n}`,
        after: { amount: -(10 + n) },
        actor: n === 4 || n === 5 ? { userId: null } : { userId: admin.userId },
      });
    });
  });

  it('with no webhook listening to payments, debits alone and together still leave one record each', async () => {
    // The reseller above listens to payments, which sends its debits through the services; this one
    // does not, so on PostgreSQL its debits take the one-statement paths (ledger/one-statement-entry.ts,
    // batch/hot-wallet-statement.ts), which must write the same records.
    const wallet = await ok(
      call(api.app, 'POST', `/v1/customers/${other.customerId}/wallets`, {
        token: other.admin,
        body: { currency: 'EUR', initialBalance: 100_000 },
        key: key('wallet'),
      }),
    );
    const debit = (n: number) =>
      ok(
        call(api.app, 'POST', `/v1/wallets/${wallet.id}/debits`, {
          token: other.admin,
          key: key('quiet'),
          body: { amount: 10 + n, description: `Quiet debit ${n}` },
        }),
      );
    const alone = await debit(0);
    const together = await Promise.all([1, 2, 3, 4, 5].map(debit));
    const records = (await ok(audit(`action=wallet.debited&entity=${wallet.id}`, other.admin)))
      .items as Array<{
      actor: { userId: string | null; apiKeyId: string | null; role: string };
      before: { balance: number };
      after: { balance: number; amount: number; transactionId: string };
      reason: string;
    }>;
    expect(records).toHaveLength(6);
    [alone, ...together].forEach((answer, n) => {
      const record = records.find((r) => r.after.transactionId === answer.transaction.id);
      expect(record, `debit ${n}`).toMatchObject({
        reason: `Quiet debit ${n}`,
        actor: { userId: null, role: 'reseller_admin' },
        before: { balance: answer.wallet.balance + 10 + n },
        after: { balance: answer.wallet.balance, amount: -(10 + n) },
      });
      expect(record!.actor.apiKeyId).toMatch(/^key_/);
    });
  });

  it('a refused write leaves no record: the change and its record commit together', async () => {
    const wallet = await ok(call(api.app, 'GET', `/v1/wallets/${t.otherWalletId}`, { token: admin.token }));
    const reply = await call(api.app, 'POST', `/v1/wallets/${t.otherWalletId}/adjustments`, {
      token: admin.token,
      key: key('audit'),
      body: { amount: -(wallet.balance + 1), reason: 'Too much' },
    });
    expect(reply.status).toBeGreaterThanOrEqual(400);
    expect((await ok(audit(`action=wallet.adjusted&entity=${t.otherWalletId}`))).items).toEqual([]);
  });

  it('a refund of a payment and a wallet closed', async () => {
    await send(
      'POST',
      `/v1/wallet-transactions/${t.paymentId}/refunds`,
      { amount: 100, reason: 'Charged twice' },
      true,
    );
    await expectOneRecord('transaction.refunded', t.walletId, 'Charged twice');

    const customer = await send('POST', '/v1/customers', { name: 'Leaving', email: `${key()}@example.com` });
    const wallet = await send('POST', `/v1/customers/${customer.id}/wallets`, { currency: 'EUR' });
    await send('POST', `/v1/wallets/${wallet.id}/close`, undefined);
    const closed = await expectOneRecord('wallet.closed', wallet.id, null);
    expect(closed.before).toEqual({ status: 'active' });
  });

  it('payment reviews resolved and applied, and a bank line applied', async () => {
    await send('POST', `/v1/payment-reviews/${t.otherReviewId}/resolve`, { note: 'The customer called' });
    await expectOneRecord('payment_review.resolved', t.otherReviewId, 'The customer called');

    await send('POST', `/v1/payment-reviews/${t.reviewId}/apply`, { walletId: t.walletId }, true);
    await expectOneRecord('payment_review.applied', t.reviewId, null);

    await send('POST', '/v1/bank-lines/apply', {
      bankReference: `FT${key()}`,
      date: '2026-12-01',
      amount: 1_000,
      currency: 'USD',
      description: 'CK thanh toan hoa don',
      target: { kind: 'invoice', id: t.openInvoiceId },
      reason: 'Matched on the statement of 1 Dec',
    });
    await expectOneRecord('bank_line.applied', t.openInvoiceId, 'Matched on the statement of 1 Dec');
  });

  it('payment settings, movement limits, alert and auto top-up settings, webhook endpoints and users', async () => {
    await send('PATCH', '/v1/payment-settings', {
      limits: [{ currency: 'USD', minAmount: 50, maxAmount: 1_500_000, presets: [10_000] }],
    });
    await expectOneRecord('payment_settings.updated', t.resellerId, null);

    await send('PUT', '/v1/movement-limits', {
      items: [{ currency: 'USD', confirmAbove: 100_000, maxPerMovement: 1_000_000_000 }],
    });
    const limits = await expectOneRecord('movement_limits.updated', t.resellerId, null);
    expect(limits.after).toContainEqual(expect.objectContaining({ currency: 'USD', confirmAbove: 100_000 }));

    await send('PUT', `/v1/wallets/${t.walletId}/alert-settings`, {
      threshold: 1_000,
      channels: ['desktop'],
    });
    await expectOneRecord('alert_settings.updated', t.walletId, null);

    await send('PUT', `/v1/wallets/${t.walletId}/auto-top-up`, {
      enabled: false,
      threshold: 1_000,
      amount: 5_000,
      paymentMethodId: t.savedMethodId,
    });
    await expectOneRecord('auto_top_up.updated', t.walletId, null);

    const endpoint = await send('POST', '/v1/webhook-endpoints', {
      url: 'https://hooks.example.com/audited',
      events: ['wallet.payment_made'],
    });
    const created = await expectOneRecord('webhook_endpoint.created', endpoint.id, null);
    expect(JSON.stringify(created)).not.toContain(endpoint.secret);

    const apiKey = await send('POST', '/v1/api-keys', { name: 'Billing robot', role: 'support_agent' });
    const keyRecord = await expectOneRecord('api_key.created', apiKey.id, null);
    expect(JSON.stringify(keyRecord)).not.toContain(apiKey.key);
    await ok(call(api.app, 'DELETE', `/v1/api-keys/${apiKey.id}`, { token: admin.token }));
    await expectOneRecord('api_key.revoked', apiKey.id, null);

    await send('PATCH', `/v1/users/${t.userId}`, { disabled: true });
    const user = await expectOneRecord('user.updated', t.userId, null);
    expect(user).toMatchObject({ before: { disabled: false }, after: { disabled: true } });
  });

  it('gateway credentials (which fields, never their values), invoice settings, voids and payments by hand, and products', async () => {
    await send('PUT', '/v1/payment-settings/credentials/sandbox', {
      credentials: { webhookSecret: 'audit-visible-nowhere-0123456789' },
    });
    const credentials = await expectOneRecord('gateway_credentials.updated', 'sandbox', null);
    expect(credentials.after).toEqual({ provider: 'sandbox', fields: ['webhookSecret'] });
    expect(JSON.stringify(credentials)).not.toContain('audit-visible-nowhere');

    await send('PUT', '/v1/invoice-settings', { prefix: 'AUD-{YYYY}-', bankDetails: 'VCB 0011001234567' });
    const series = await expectOneRecord('invoice_settings.updated', t.resellerId, null);
    expect(series.after).toMatchObject({ prefix: 'AUD-{YYYY}-', bankDetails: 'VCB 0011001234567' });

    await send('POST', `/v1/invoices/${t.invoiceId}/void`, {}, true);
    const voided = await expectOneRecord('invoice.voided', t.invoiceId, null);
    expect(voided.after).toMatchObject({ status: 'void' });

    await send('POST', `/v1/invoices/${t.otherOpenInvoiceId}/mark-paid`, { reference: 'FT26337' }, true);
    await expectOneRecord('invoice.marked_paid', t.otherOpenInvoiceId, 'FT26337');

    const product = await send('POST', '/v1/products', {
      name: 'Audited proxies',
      prices: { USD: 900 },
      period: 'none',
    });
    await expectOneRecord('product.created', product.id, null);
    await send('PATCH', `/v1/products/${product.id}`, { prices: { USD: 1_100 } });
    const updated = await expectOneRecord('product.updated', product.id, null);
    expect(updated).toMatchObject({ before: { prices: { USD: 900 } }, after: { prices: { USD: 1_100 } } });
  });

  it('customers created and updated, their invoice auto-pay, debits, holds, top-up links and batch order refunds', async () => {
    const email = `${key()}@example.com`;
    const customer = await send('POST', '/v1/customers', { name: 'Trần Thị Audit', email });
    const created = await expectOneRecord('customer.created', customer.id, null);
    expect(created.after).toEqual({ name: 'Trần Thị Audit', email, externalRef: null, language: null });
    await send('PATCH', `/v1/customers/${customer.id}`, {
      name: 'Tran Thi Audit',
      externalRef: 'AUD-1',
      language: 'vi',
    });
    const renamed = await expectOneRecord('customer.updated', customer.id, null);
    expect(renamed).toMatchObject({
      before: { name: 'Trần Thị Audit', externalRef: null, language: null },
      after: { name: 'Tran Thi Audit', email, externalRef: 'AUD-1', language: 'vi' },
    });

    await send('PUT', `/v1/customers/${customer.id}/invoice-settings`, { autoPay: true });
    const autoPay = await expectOneRecord('customer_invoice_settings.updated', customer.id, null);
    expect(autoPay).toMatchObject({ before: { autoPay: false }, after: { autoPay: true } });

    const wallet = await ok(call(api.app, 'GET', `/v1/wallets/${t.walletId}`, { token: admin.token }));
    const debit = await send(
      'POST',
      `/v1/wallets/${t.walletId}/debits`,
      { amount: 150, description: 'Domain renewal' },
      true,
    );
    const debited = await expectOneRecord('wallet.debited', t.walletId, 'Domain renewal');
    expect(debited.after).toMatchObject({ amount: -150, transactionId: debit.transaction.id });
    expect(debited.before).toEqual({ balance: debited.after.balance + 150 });
    expect(debited.after.balance).toBeLessThan(wallet.balance);

    const placed = await send(
      'POST',
      `/v1/wallets/${t.walletId}/holds`,
      { amount: 120, description: 'Pending VPS order' },
      true,
    );
    const hold = await expectOneRecord('hold.placed', placed.hold.id, 'Pending VPS order');
    expect(hold.after).toEqual({ walletId: t.walletId, amount: 120, currency: placed.hold.currency });
    await send('POST', `/v1/holds/${placed.hold.id}/capture`, { amount: 100 }, true);
    const captured = await expectOneRecord('hold.captured', placed.hold.id, 'Pending VPS order');
    expect(captured).toMatchObject({
      before: { status: 'pending', amount: 120 },
      after: { status: 'captured', charged: 100, walletId: t.walletId },
    });
    await send('POST', `/v1/holds/${t.otherHoldId}/release`, undefined, true);
    const released = await expectOneRecord(
      'hold.released',
      t.otherHoldId,
      'Audited other customer pending order',
    );
    expect(released.after).toMatchObject({ status: 'released' });

    const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
    const link = await send(
      'POST',
      `/v1/customers/${t.customerId}/top-up-links`,
      { walletId: t.walletId, amount: 5_000, expiresAt },
      true,
    );
    const linked = await expectOneRecord('top_up_link.created', link.id, null);
    expect(linked.after).toMatchObject({ customerId: t.customerId, walletId: t.walletId, amount: 5_000 });
    // The link's URL pays into the wallet: the trail never holds it.
    expect(JSON.stringify(linked)).not.toContain(new URL(link.url).pathname.split('/').pop());

    const batch = await send(
      'POST',
      '/v1/order-refunds',
      { orderIds: [t.orderId], reason: 'Provisioning run 42 failed', dryRun: false },
      true,
    );
    expect(batch.items[0]).toMatchObject({ outcome: 'refunded' });
    const refunds = await expectOneRecord(
      'orders.batch_refunded',
      t.resellerId,
      'Provisioning run 42 failed',
    );
    expect(refunds.after).toMatchObject({ orderIds: [t.orderId] });
    // Each refund row itself is a transaction.refunded record naming the order and the batch's reason.
    const rows = await ok(audit(`actor=${admin.userId}&action=transaction.refunded`));
    expect(rows.items.map((r: any) => r.reason)).toContainEqual(
      expect.stringContaining('Provisioning run 42 failed'),
    );
  });

  it('filters by actor and time, and pages newest first', async () => {
    const mine = await ok(audit(`actor=${admin.userId}&limit=2`));
    expect(mine.items).toHaveLength(2);
    expect(mine.items.every((r: any) => r.actor.userId === admin.userId)).toBe(true);
    const next = await ok(audit(`actor=${admin.userId}&limit=2&cursor=${mine.nextCursor}`));
    expect(next.items[0].at <= mine.items[1].at).toBe(true);
    expect(next.items.map((r: any) => r.id)).not.toContain(mine.items[1].id);
    expect((await ok(audit('from=2000-01-01T00:00:00Z&to=2000-01-02T00:00:00Z'))).items).toEqual([]);
  });

  it('a movement is its own record: it writes no audit_records row, and the trail pages through both kinds once each', async () => {
    const stored = async () =>
      Number(
        (
          await api.db.store.db
            .selectFrom('audit_records')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('reseller_id', '=', t.resellerId)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await stored();
    const credit = await send(
      'POST',
      `/v1/wallets/${t.walletId}/credits`,
      { amount: 300, description: 'Read from the ledger' },
      true,
    );
    expect(await stored()).toBe(before);
    const credits = await ok(audit(`actor=${admin.userId}&action=wallet.credited&entity=${t.walletId}`));
    const record = credits.items.find((r: any) => r.reason === 'Read from the ledger');
    expect(record).toMatchObject({
      actor: { userId: admin.userId, role: 'reseller_admin' },
      entityType: 'wallet',
      before: { balance: credit.wallet.balance - 300 },
      after: { balance: credit.wallet.balance, amount: 300, transactionId: credit.transaction.id },
      at: credit.transaction.createdAt,
    });
    // A record of another kind after it, then the whole trail a few at a time against all at once.
    await send('PATCH', `/v1/customers/${t.customerId}`, { name: 'Audited, renamed' });
    const all = (await ok(audit('limit=200'))).items.map((r: { id: string }) => r.id);
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Array<{ id: string }>; nextCursor: string | null } = await ok(
        audit(`limit=3${cursor ? `&cursor=${cursor}` : ''}`),
      );
      paged.push(...page.items.map((r) => r.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all);
    expect(new Set(all).size).toBe(all.length);
    expect(all).toContain(record.id);
    expect(all.indexOf(record.id)).toBeGreaterThan(0);
  });

  it('a support agent and a customer are refused (403); another tenant sees none of it', async () => {
    expectRefusal(await audit('', t.support), 403, 'forbidden');
    expectRefusal(await audit('', t.customer), 403, 'forbidden');
    expectRefusal(
      await call(api.app, 'POST', '/v1/bank-lines/apply', {
        token: t.support,
        body: {
          bankReference: 'FT-SUPPORT',
          date: '2026-12-01',
          amount: 1_000,
          currency: 'USD',
          description: 'x',
          target: { kind: 'invoice', id: t.otherOpenInvoiceId },
        },
      }),
      403,
      'forbidden',
    );

    const ours = await ok(audit('limit=500'));
    expect(ours.items.length).toBeGreaterThan(5);
    expect((await ok(audit(`entity=${t.walletId}`, other.admin))).items).toEqual([]);
    const theirs = await ok(audit('limit=500', other.admin));
    const ourIds = new Set(ours.items.map((r: any) => r.id));
    expect(theirs.items.filter((r: any) => ourIds.has(r.id))).toEqual([]);
  });
});
