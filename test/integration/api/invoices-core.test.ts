import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PDFParse } from 'pdf-parse';
import { call, key, startApi, type TestApi } from '../../support/api.js';
import { DIALECTS } from '../../support/databases.js';
import { createTenant, expectRefusal, ok, readFeed, settleFeed, type Tenant } from '../../support/tenants.js';

const LINES = [
  { description: 'Hosting plan', quantity: 2, unitAmount: 1_000, taxRateBps: 1_000 },
  { description: 'Setup', quantity: 1, unitAmount: 505, taxRateBps: 1_000 },
];
// Subtotal 2 505; tax 10% of 2 505 = 250.5 → rounded once, half up, to 251; total 2 756.

describe.each(DIALECTS)('invoices on %s', (dialect) => {
  let api: TestApi;
  let t: Tenant;
  let other: Tenant;

  beforeAll(async () => {
    api = await startApi(dialect);
    t = await createTenant(api.app, 'Inv');
    other = await createTenant(api.app, 'Other');
  });
  afterAll(() => api.close());

  const draft = async (body: Record<string, unknown> = {}, customerId = t.customerId, token = t.admin) =>
    ok(
      call(api.app, 'POST', `/v1/customers/${customerId}/invoices`, {
        token,
        body: { currency: 'USD', lines: LINES, ...body },
      }),
    );
  const finalize = (id: string, k = key('fin'), token = t.admin) =>
    call(api.app, 'POST', `/v1/invoices/${id}/finalize`, { token, key: k });
  const balance = async (walletId = t.walletId) =>
    (await ok(call(api.app, 'GET', `/v1/wallets/${walletId}`, { token: t.admin })))
      .availableBalance as number;
  /** The ledger rows that name the invoice; each carries its number as reference. */
  const ledgerFor = async (inv: { id: string; number: string }) => {
    const rows = await api.db.store.db
      .selectFrom('ledger_entries')
      .selectAll()
      .where('related_id', '=', inv.id)
      .execute();
    for (const r of rows) expect(r.reference).toBe(inv.number);
    return rows;
  };

  it('a draft has server totals rounded once; PATCH changes it only while draft', async () => {
    const inv = await draft({ memo: 'Thanks' });
    expect(inv).toMatchObject({
      status: 'draft',
      number: null,
      subtotal: 2_505,
      tax: 251,
      total: 2_756,
      amountDue: 2_756,
      amountPaid: 0,
      memo: 'Thanks',
      lines: [
        { description: 'Hosting plan', quantity: 2, unitAmount: 1_000, taxRateBps: 1_000, amount: 2_000 },
        { description: 'Setup', quantity: 1, unitAmount: 505, taxRateBps: 1_000, amount: 505 },
      ],
    });
    const patched = await ok(
      call(api.app, 'PATCH', `/v1/invoices/${inv.id}`, {
        token: t.admin,
        body: { lines: [{ description: 'One', quantity: 3, unitAmount: 333 }], memo: null },
      }),
    );
    expect(patched).toMatchObject({ subtotal: 999, tax: 0, total: 999, memo: null });
    await ok(finalize(inv.id));
    expectRefusal(
      await call(api.app, 'PATCH', `/v1/invoices/${inv.id}`, { token: t.admin, body: { memo: 'late' } }),
      409,
      'conflict',
      'status',
    );
  });

  it('numbers are gap-free and unique under concurrent finalizes; a replay answers the same number', async () => {
    const drafts = await Promise.all(Array.from({ length: 8 }, () => draft()));
    const keys = drafts.map(() => key('fin'));
    const replies = await Promise.all(drafts.map((d, i) => finalize(d.id, keys[i])));
    for (const r of replies) expect(r.status, JSON.stringify(r.body)).toBe(200);
    const sequences = (
      await api.db.store.db
        .selectFrom('invoices')
        .select('sequence')
        .where('reseller_id', '=', t.resellerId)
        .where('sequence', 'is not', null)
        .orderBy('sequence')
        .execute()
    ).map((r) => Number(r.sequence));
    expect(sequences).toEqual(Array.from({ length: sequences.length }, (_, i) => i + 1));
    const numbers = replies.map((r) => r.body.number as string);
    expect(new Set(numbers).size).toBe(8);
    for (const n of numbers) expect(n).toMatch(/^INV-\d{4}-\d{6}$/);
    // A replay of the same key: the same answer, no new number.
    const again = await finalize(drafts[0]!.id, keys[0]);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.number).toBe(numbers[0]);
    // A second finalize under a new key is refused: it is already open.
    expectRefusal(await finalize(drafts[0]!.id), 409, 'conflict', 'status');
  });

  it('the reseller chooses its prefix; numbers issued before keep theirs', async () => {
    const shop = await createTenant(api.app, 'Prefix');
    await ok(
      call(api.app, 'PUT', '/v1/invoice-settings', { token: shop.admin, body: { prefix: 'ACME-{YYYY}/' } }),
    );
    const d = await draft({}, shop.customerId, shop.admin);
    const inv = await ok(finalize(d.id, key(), shop.admin));
    expect(inv.number).toMatch(/^ACME-\d{4}\/000001$/);
    expectRefusal(
      await call(api.app, 'PUT', '/v1/invoice-settings', {
        token: shop.admin,
        body: { prefix: 'bad prefix!' },
      }),
      400,
      'validation',
      'prefix',
    );
  });

  it('auto-pay in full from the wallet: one payment row whose reference is the number', async () => {
    const before = await balance();
    const d = await draft({ autoPay: true });
    const inv = await ok(finalize(d.id));
    expect(inv).toMatchObject({ status: 'paid', amountPaid: 2_756, amountDue: 0, methodLastUsed: 'wallet' });
    expect(await balance()).toBe(before - 2_756);
    const rows = await ledgerFor(inv);
    expect(rows.map((r) => [r.type, Number(r.amount), r.related_id])).toEqual([['payment', -2_756, inv.id]]);
    expect(inv.payments).toMatchObject([{ kind: 'wallet', amount: 2_756, transactionId: rows[0]!.id }]);
  });

  it('auto-pay with a short wallet and no backup method: partially paid, amount due right', async () => {
    const shop = await createTenant(api.app, 'Short');
    const available = await ok(call(api.app, 'GET', `/v1/wallets/${shop.walletId}`, { token: shop.admin }));
    const d = await ok(
      call(api.app, 'POST', `/v1/customers/${shop.customerId}/invoices`, {
        token: shop.admin,
        body: {
          currency: 'USD',
          lines: [{ description: 'Big', quantity: 1, unitAmount: available.availableBalance + 1_234 }],
        },
      }),
    );
    // The customer's own setting decides when the invoice does not.
    await ok(
      call(api.app, 'PUT', `/v1/customers/${shop.customerId}/invoice-settings`, {
        token: shop.admin,
        body: { autoPay: true },
      }),
    );
    const inv = await ok(finalize(d.id, key(), shop.admin));
    expect(inv).toMatchObject({
      status: 'partially_paid',
      amountPaid: available.availableBalance,
      amountDue: 1_234,
    });
    const after = await ok(call(api.app, 'GET', `/v1/wallets/${shop.walletId}`, { token: shop.admin }));
    expect(after.availableBalance).toBe(0);
  });

  it('a EUR invoice with only a USD wallet stays open; the USD wallet is never used', async () => {
    const before = await balance();
    const d = await draft({ currency: 'EUR', autoPay: true });
    const inv = await ok(finalize(d.id));
    expect(inv).toMatchObject({ status: 'open', amountPaid: 0, amountDue: 2_756 });
    expect(await balance()).toBe(before);
    expectRefusal(
      await call(api.app, 'POST', `/v1/invoices/${inv.id}/pay`, {
        token: t.customer,
        key: key(),
        body: { source: 'wallet' },
      }),
      422,
      'insufficient_funds',
      'source',
    );
  });

  it('the customer pays its open invoice from the wallet; a replay pays once', async () => {
    const before = await balance();
    const inv = await ok(finalize((await draft()).id));
    expect(inv.status).toBe('open');
    const k = key('pay');
    const paid = await call(api.app, 'POST', `/v1/invoices/${inv.id}/pay`, {
      token: t.customer,
      key: k,
      body: { source: 'wallet' },
    });
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    expect(paid.body).toMatchObject({ status: 'paid', amountDue: 0 });
    const replay = await call(api.app, 'POST', `/v1/invoices/${inv.id}/pay`, {
      token: t.customer,
      key: k,
      body: { source: 'wallet' },
    });
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(paid.body);
    expect(await balance()).toBe(before - 2_756);
    expect(await ledgerFor(inv)).toHaveLength(1);
    expectRefusal(
      await call(api.app, 'POST', `/v1/invoices/${inv.id}/pay`, {
        token: t.customer,
        key: key(),
        body: { source: 'wallet' },
      }),
      409,
      'conflict',
      'status',
    );
  });

  it('concurrent wallet payments of several invoices never overdraw the wallet', async () => {
    const shop = await createTenant(api.app, 'Race');
    const w = await ok(call(api.app, 'GET', `/v1/wallets/${shop.walletId}`, { token: shop.admin }));
    const each = Math.ceil(w.availableBalance / 3);
    const open = [];
    for (let i = 0; i < 6; i++) {
      const d = await ok(
        call(api.app, 'POST', `/v1/customers/${shop.customerId}/invoices`, {
          token: shop.admin,
          body: { currency: 'USD', lines: [{ description: `Item ${i}`, quantity: 1, unitAmount: each }] },
        }),
      );
      open.push(await ok(finalize(d.id, key(), shop.admin)));
    }
    const replies = await Promise.all(
      open.map((inv) =>
        call(api.app, 'POST', `/v1/invoices/${inv.id}/pay`, {
          token: shop.customer,
          key: key(),
          body: { source: 'wallet' },
        }),
      ),
    );
    for (const r of replies) expect([200, 422], JSON.stringify(r.body)).toContain(r.status);
    const after = await ok(call(api.app, 'GET', `/v1/wallets/${shop.walletId}`, { token: shop.admin }));
    expect(after.availableBalance).toBe(0);
    const paid = await Promise.all(
      open.map(
        async (inv) =>
          (await ok(call(api.app, 'GET', `/v1/invoices/${inv.id}`, { token: shop.admin })))
            .amountPaid as number,
      ),
    );
    expect(paid.reduce((a, b) => a + b, 0)).toBe(w.availableBalance);
  });

  it('void: open and unpaid voids; partly paid is refunded to the wallet first; paid is refused', async () => {
    const open = await ok(finalize((await draft()).id));
    const voided = await ok(
      call(api.app, 'POST', `/v1/invoices/${open.id}/void`, { token: t.admin, key: key() }),
    );
    expect(voided).toMatchObject({ status: 'void', amountDue: 0 });
    expectRefusal(
      await call(api.app, 'POST', `/v1/invoices/${open.id}/void`, { token: t.admin, key: key() }),
      409,
      'conflict',
      'status',
    );

    const shop = await createTenant(api.app, 'Partly');
    const w = await ok(call(api.app, 'GET', `/v1/wallets/${shop.walletId}`, { token: shop.admin }));
    const big = await ok(
      call(api.app, 'POST', `/v1/customers/${shop.customerId}/invoices`, {
        token: shop.admin,
        body: {
          currency: 'USD',
          autoPay: true,
          lines: [{ description: 'Big', quantity: 1, unitAmount: w.availableBalance + 500 }],
        },
      }),
    );
    const partly = await ok(finalize(big.id, key(), shop.admin));
    expect(partly.status).toBe('partially_paid');
    const refunded = await ok(
      call(api.app, 'POST', `/v1/invoices/${big.id}/void`, { token: shop.admin, key: key() }),
    );
    expect(refunded).toMatchObject({
      status: 'void',
      amountPaid: w.availableBalance,
      amountRefunded: w.availableBalance,
    });
    const back = await ok(call(api.app, 'GET', `/v1/wallets/${shop.walletId}`, { token: shop.admin }));
    expect(back.availableBalance).toBe(w.availableBalance);
    const rows = await ledgerFor(partly);
    expect(rows.map((r) => [r.type, Number(r.amount)]).sort()).toEqual(
      [
        ['payment', -w.availableBalance],
        ['refund', w.availableBalance],
      ].sort(),
    );

    const paid = await ok(finalize((await draft({ autoPay: true })).id));
    expect(paid.status).toBe('paid');
    expectRefusal(
      await call(api.app, 'POST', `/v1/invoices/${paid.id}/void`, { token: t.admin, key: key() }),
      409,
      'conflict',
      'status',
    );
  });

  it('bad input is refused naming the field, and changes nothing', async () => {
    const url = `/v1/customers/${t.customerId}/invoices`;
    const cases: Array<[unknown, string]> = [
      [{ currency: 'XXX', lines: LINES }, 'currency'],
      [{ currency: 'USD', lines: [] }, 'lines'],
      [{ currency: 'USD', lines: [{ description: '', quantity: 1, unitAmount: 1 }] }, 'lines.0.description'],
      [{ currency: 'USD', lines: [{ description: 'x', quantity: 0, unitAmount: 1 }] }, 'lines.0.quantity'],
      [
        { currency: 'USD', lines: [{ description: 'x', quantity: 1, unitAmount: 1.5 }] },
        'lines.0.unitAmount',
      ],
      [
        { currency: 'USD', lines: [{ description: 'x', quantity: 1, unitAmount: 1, taxRateBps: 10_001 }] },
        'lines.0.taxRateBps',
      ],
      [{ currency: 'USD', lines: LINES, dueDate: '2026-13-40' }, 'dueDate'],
      [
        {
          currency: 'USD',
          lines: [{ description: 'x', quantity: 1_000_000, unitAmount: 100_000_000_000_000 }],
        },
        'lines.0.unitAmount',
      ],
    ];
    const count = async () => (await api.db.store.db.selectFrom('invoices').select('id').execute()).length;
    const before = await count();
    for (const [body, field] of cases) {
      const reply = await call(api.app, 'POST', url, { token: t.admin, body });
      expect(reply.status, JSON.stringify(reply.body)).toBe(400);
      expect(reply.body.error.field, JSON.stringify(reply.body)).toBe(field);
    }
    expect(await count()).toBe(before);
    const inv = await draft();
    const pay = await call(api.app, 'POST', `/v1/invoices/${inv.id}/pay`, {
      token: t.admin,
      key: key(),
      body: { source: 'card' },
    });
    expectRefusal(pay, 400, 'validation', 'source');
    expectRefusal(
      await call(api.app, 'POST', `/v1/invoices/${inv.id}/finalize`, { token: t.admin }),
      400,
      'idempotency_key_missing',
      'Idempotency-Key',
    );
  });

  it('roles: support reads only; a customer sees and pays its own invoices only, never finalizes or voids', async () => {
    const inv = await ok(finalize((await draft()).id));
    const mineOther = await ok(finalize((await draft({}, t.otherCustomerId)).id));
    expect((await call(api.app, 'GET', `/v1/invoices/${inv.id}`, { token: t.support })).status).toBe(200);
    expectRefusal(
      await call(api.app, 'POST', `/v1/customers/${t.customerId}/invoices`, {
        token: t.support,
        body: { currency: 'USD', lines: LINES },
      }),
      403,
      'forbidden',
    );
    expectRefusal(await finalize((await draft()).id, key(), t.support), 403, 'forbidden');
    expectRefusal(
      await call(api.app, 'POST', `/v1/invoices/${inv.id}/void`, { token: t.customer, key: key() }),
      403,
      'forbidden',
    );
    expectRefusal(
      await call(api.app, 'POST', `/v1/invoices/${inv.id}/pay`, {
        token: t.support,
        key: key(),
        body: { source: 'wallet' },
      }),
      403,
      'forbidden',
    );
    expect((await call(api.app, 'GET', `/v1/invoices/${inv.id}`, { token: t.customer })).status).toBe(200);
    expectRefusal(
      await call(api.app, 'GET', `/v1/invoices/${mineOther.id}`, { token: t.customer }),
      404,
      'not_found',
      'id',
    );
    expectRefusal(
      await call(api.app, 'POST', `/v1/invoices/${mineOther.id}/pay`, {
        token: t.customer,
        key: key(),
        body: { source: 'wallet' },
      }),
      404,
      'not_found',
      'id',
    );
    const list = await ok(call(api.app, 'GET', '/v1/invoices?limit=500', { token: t.customer }));
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.items.every((i: any) => i.customerId === t.customerId)).toBe(true);
    const open = await ok(
      call(api.app, 'GET', `/v1/invoices?status=open&customerId=${t.otherCustomerId}`, { token: t.admin }),
    );
    expect(open.items.map((i: any) => i.id)).toContain(mineOther.id);
    expect(open.items.every((i: any) => i.status === 'open' && i.customerId === t.otherCustomerId)).toBe(
      true,
    );
  });

  it("another tenant's invoice does not exist for the caller, on every invoice route", async () => {
    const foreign = await ok(finalize((await draft()).id));
    const o = other;
    const attempts = [
      call(api.app, 'GET', `/v1/invoices/${foreign.id}`, { token: o.admin }),
      call(api.app, 'GET', `/v1/invoices/${foreign.id}/pdf`, { token: o.admin }),
      call(api.app, 'PATCH', `/v1/invoices/${foreign.id}`, { token: o.admin, body: { memo: 'x' } }),
      call(api.app, 'POST', `/v1/invoices/${foreign.id}/finalize`, { token: o.admin, key: key() }),
      call(api.app, 'POST', `/v1/invoices/${foreign.id}/void`, { token: o.admin, key: key() }),
      call(api.app, 'POST', `/v1/invoices/${foreign.id}/pay`, {
        token: o.admin,
        key: key(),
        body: { source: 'wallet' },
      }),
      call(api.app, 'POST', `/v1/invoices/${foreign.id}/payments`, {
        token: o.admin,
        key: key(),
        body: { provider: 'sandbox' },
      }),
      call(api.app, 'POST', `/v1/customers/${t.customerId}/invoices`, {
        token: o.admin,
        body: { currency: 'USD', lines: LINES },
      }),
      call(api.app, 'GET', `/v1/customers/${t.customerId}/invoice-settings`, { token: o.admin }),
    ];
    for (const reply of await Promise.all(attempts)) {
      expect(reply.status, JSON.stringify(reply.body)).toBe(404);
      expect(reply.body.error.code).toBe('not_found');
    }
    const list = await ok(call(api.app, 'GET', '/v1/invoices?limit=500', { token: o.admin }));
    expect(list.items.map((i: any) => i.id)).not.toContain(foreign.id);
  });

  it('the PDF holds the number, the lines and the total', async () => {
    const inv = await ok(finalize((await draft()).id));
    const response = await api.app.inject({
      method: 'GET',
      url: `/v1/invoices/${inv.id}/pdf`,
      headers: { authorization: `Bearer ${t.customer}` },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/pdf/);
    const parser = new PDFParse({ data: new Uint8Array(response.rawPayload) });
    const { text } = await parser.getText();
    await parser.destroy();
    expect(text).toContain(inv.number);
    expect(text).toContain('Hosting plan');
    expect(text).toContain('Total: 27.56 USD');
  });

  it('invoices travel the change feed, a customer sees its own only', async () => {
    const inv = await ok(finalize((await draft({}, t.otherCustomerId)).id));
    await settleFeed(api.db.store);
    const staff = await readFeed(api.app, t.admin);
    const last = staff.filter((c: any) => c.entity === 'invoice' && c.id === inv.id).at(-1);
    expect(last.data).toMatchObject({ status: 'open', number: inv.number });
    const customerFeed = await readFeed(api.app, t.customer);
    expect(customerFeed.some((c: any) => c.entity === 'invoice' && c.id === inv.id)).toBe(false);
  });
});
