import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newestFeedPosition } from '../../support/billing-state.js';
import { waitUntilSettled } from '../../support/core-client.js';
import { DesktopScene } from '../../support/desktop-scene.js';
import {
  createReseller,
  customerWithWallet,
  get,
  offerInvoiceTopUpsOverHttp,
  post,
} from '../../support/tenant-over-http.js';

/** A Vietcombank-style export: semicolons, day-first dates, dot thousands, debits in their own column. */
const mapping = {
  date: 'Ngày giao dịch',
  amount: 'Số tiền ghi có',
  description: 'Mô tả',
  reference: 'Số tham chiếu',
};
const statement = (lines: string[]) =>
  ['Ngày giao dịch;Số tham chiếu;Số tiền ghi nợ;Số tiền ghi có;Mô tả', ...lines].join('\n');

describe('desktop core: the reconciliation workbench and the drift detector', () => {
  let scene: DesktopScene;
  beforeEach(() => {
    scene = new DesktopScene();
  });
  afterEach(() => scene.close());

  /** A reseller with a VND wallet, signed in to a core whose cache has caught up with the server. */
  async function signedIn() {
    const api = await scene.api();
    const shop = await createReseller(api.url, 'Shop Sai Gon');
    const { walletId } = await customerWithWallet(api.url, shop.apiKey, {
      name: 'Nguyễn Văn A',
      currency: 'VND',
      balance: 100_000,
    });
    const { core, client } = await scene.core();
    await client.invoke('session:connect', { method: 'api_key', url: api.url, apiKey: shop.apiKey });
    const settle = async () => {
      const newest = await newestFeedPosition(api.url, shop.apiKey);
      await waitUntilSettled(client, () => core.cache.cursor() >= newest);
      await core.engine()!.idle();
    };
    await settle();
    return { api, shop, walletId, core, client, settle };
  }

  it('imports a bank CSV offline, matches it, and applies it once: the wallet goes up once', async () => {
    const { api, shop, walletId, client, settle } = await signedIn();
    await offerInvoiceTopUpsOverHttp(api.url, shop.apiKey);
    const invoice = await post(api.url, shop.apiKey, `/v1/wallets/${walletId}/invoice-top-ups`, {
      amount: 1_500_000,
    });
    await settle();
    const csv = statement([
      `01/12/2026 09:15:02;FT26335001;;1.500.000;MBVCB.4567.${invoice.number}.CT tu NGUYEN VAN A`,
      '01/12/2026 10:00:00;FT26335002;200.000;;Phi dich vu',
      '01/12/2026 11:00:00;FT26335003;;999.000;chuyen tien',
      `01/12/2026 12:00:00;FT26335004;;1.400.000;CK ${invoice.number} lan 2`,
    ]);

    // A mapping naming a column the file lacks: refused, naming it; not remembered.
    const wrong = await client.call('recon:import', {
      bank: 'VCB',
      csv,
      mapping: { ...mapping, amount: 'Credit' },
    });
    expect(wrong).toMatchObject({
      ok: false,
      error: { code: 'validation', field: 'mapping.amount', message: expect.stringContaining('"Credit"') },
    });
    expect(await client.invoke('recon:inspect', { bank: 'VCB', csv })).toMatchObject({ mapping: null });

    const { matches } = await client.invoke('recon:import', { bank: 'VCB', csv, mapping });
    expect(matches.map((m) => [m.line.bankReference, m.outcome])).toEqual([
      ['FT26335001', 'matched'],
      ['FT26335003', 'unmatched'],
      ['FT26335004', 'ambiguous'],
    ]);
    // Why: the invoice number is there but the amount is not the one asked, with both figures.
    expect(matches[2]).toMatchObject({
      candidates: [{ kind: 'invoice', id: invoice.id, reference: invoice.number }],
      why: { code: 'differs', transfer: { amount: matches[2]!.line.amount, currency: 'VND' } },
    });
    expect(matches[2]!.why).toMatchObject({ asks: { amount: matches[2]!.line.amount + 100_000 } });
    // The server, asked anyway, refuses a line whose amount differs, and credits nothing; it says
    // what staff can do with the money (no payment review is opened for a bank line).
    const short = matches[2]!;
    expect(
      (
        await client.invoke('recon:apply', {
          lines: [{ line: short.line, target: { kind: 'invoice', id: invoice.id } }],
        })
      ).results[0],
    ).toMatchObject({
      bankReference: 'FT26335004',
      outcome: 'refused',
      message: expect.stringContaining("credit what arrived to the customer's wallet instead"),
    });
    expect(short.why).toMatchObject({ code: 'differs' });
    expect(short.outcome === 'ambiguous' && short.candidates[0]).toMatchObject({
      customerId: expect.any(String),
      walletId,
    });
    // The mapping is remembered for the bank.
    expect((await client.invoke('recon:inspect', { bank: 'VCB', csv })).mapping).toMatchObject(mapping);

    const before = (await get(api.url, shop.apiKey, `/v1/wallets/${walletId}`)).balance as number;
    const matched = matches[0]!;
    if (matched.outcome !== 'matched') throw new Error('expected a match');
    const confirmed = [{ line: matched.line, target: { kind: matched.target.kind, id: matched.target.id } }];
    expect(await client.invoke('recon:apply', { lines: confirmed })).toEqual({
      results: [
        { bankReference: 'FT26335001', outcome: 'applied', credited: { amount: 1_500_000, currency: 'VND' } },
      ],
    });
    // Applied again (a second click, another desktop): nothing more is credited.
    expect((await client.invoke('recon:apply', { lines: confirmed })).results[0]).toMatchObject({
      outcome: 'already_applied',
      appliedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect((await get(api.url, shop.apiKey, `/v1/wallets/${walletId}`)).balance).toBe(before + 1_500_000);

    const audit = await client.invoke('audit:list', { action: 'bank_line.applied' });
    expect(audit.items).toMatchObject([{ entityId: invoice.id, actor: { role: 'reseller_admin' } }]);
  });

  it('proposes an invoice to one line of a statement, and names it paid when matched again', async () => {
    const { api, shop, walletId, client, settle } = await signedIn();
    await offerInvoiceTopUpsOverHttp(api.url, shop.apiKey);
    const invoice = await post(api.url, shop.apiKey, `/v1/wallets/${walletId}/invoice-top-ups`, {
      amount: 1_500_000,
    });
    await settle();
    // Two transfers naming the same invoice, each for its full amount (a payer who paid twice).
    const csv = statement([
      `01/12/2026 09:15:02;FT26335001;;1.500.000;Thanh toan ${invoice.number}`,
      `01/12/2026 09:20:00;FT26335005;;1.500.000;Thanh toan ${invoice.number} lan 2`,
    ]);
    const { matches } = await client.invoke('recon:import', { bank: 'VCB', csv, mapping });
    expect(matches).toMatchObject([
      { outcome: 'matched', target: { id: invoice.id } },
      { outcome: 'ambiguous', candidates: [{ id: invoice.id }], why: { code: 'claimed', by: 'FT26335001' } },
    ]);
    const first = matches[0]!;
    if (first.outcome !== 'matched') throw new Error('expected a match');
    expect(
      await client.invoke('recon:apply', {
        lines: [{ line: first.line, target: { kind: 'invoice', id: invoice.id } }],
      }),
    ).toMatchObject({ results: [{ outcome: 'applied' }] });

    // The second, applied anyway: the server says the invoice is paid and what to do with the money.
    const second = await client.invoke('recon:apply', {
      lines: [{ line: matches[1]!.line, target: { kind: 'invoice', id: invoice.id } }],
    });
    expect(second.results[0]).toMatchObject({
      outcome: 'refused',
      message: expect.stringMatching(/is already paid: .*credit what arrived to the customer's wallet/),
    });
    expect(second.results[0]).not.toMatchObject({ message: expect.stringContaining('payment review') });

    // Matched again once the cache has the paid invoice: both lines name it, as paid.
    await settle();
    const again = await client.invoke('recon:import', { bank: 'VCB', csv, mapping });
    for (const line of again.matches) {
      expect(line).toMatchObject({
        outcome: 'unmatched',
        why: { code: 'settled', status: 'paid', target: { id: invoice.id, reference: invoice.number } },
      });
    }
  });

  it('reads a statement in the currency chosen for its account, and matches a USD invoice', async () => {
    const { api, shop, client, settle } = await signedIn();
    await offerInvoiceTopUpsOverHttp(api.url, shop.apiKey);
    const usd = await customerWithWallet(api.url, shop.apiKey, { name: 'Ada', currency: 'USD', balance: 0 });
    // minor units: 6380 = 63.80 USD
    const invoice = await post(api.url, shop.apiKey, `/v1/wallets/${usd.walletId}/invoice-top-ups`, {
      amount: 6_380,
    });
    await settle();
    const csv = ['Date,Amount,Memo,Ref', `2026-12-03,63.80,Payment ${invoice.number},W-1`].join('\n');
    const columns = { date: 'Date', amount: 'Amount', description: 'Memo', reference: 'Ref' };
    const dateFormat = 'YYYY-MM-DD' as const;

    // Read as a dong account (the default), 63.80 is no amount: refused, naming the row and column.
    expect(
      await client.call('recon:import', { bank: 'Wise', csv, mapping: { ...columns, dateFormat } }),
    ).toMatchObject({
      ok: false,
      error: { field: 'mapping.amount', message: expect.stringContaining('"63.80", not an amount in VND') },
    });
    const mappingUsd = { ...columns, dateFormat, currency: 'USD' as const };
    const { matches } = await client.invoke('recon:import', { bank: 'Wise', csv, mapping: mappingUsd });
    expect(matches).toMatchObject([
      {
        line: { amount: 6_380, currency: 'USD' },
        outcome: 'matched',
        target: { id: invoice.id },
        why: { code: 'agrees' },
      },
    ]);
    // The account's currency is remembered with the bank's columns.
    expect((await client.invoke('recon:inspect', { bank: 'Wise', csv })).mapping).toMatchObject({
      currency: 'USD',
    });
    const first = matches[0]!;
    if (first.outcome !== 'matched') throw new Error('expected a match');
    expect(
      await client.invoke('recon:apply', {
        lines: [{ line: first.line, target: { kind: 'invoice', id: invoice.id } }],
      }),
    ).toEqual({
      results: [{ bankReference: 'W-1', outcome: 'applied', credited: { amount: 6_380, currency: 'USD' } }],
    });
  });

  it('flags a wallet whose cached row was corrupted, names the row, and re-syncs it on request', async () => {
    const { api, shop, walletId, core, client, settle } = await signedIn();
    await post(api.url, shop.apiKey, `/v1/wallets/${walletId}/credits`, {
      amount: 20_000,
      description: 'Goodwill',
    });
    await post(api.url, shop.apiKey, `/v1/wallets/${walletId}/debits`, {
      amount: 5_000,
      description: 'Proxy plan',
    });
    await settle();
    expect((await client.invoke('drift:check', {})).wallets).toEqual([
      expect.objectContaining({ walletId, drifted: false, sum: 115_000, serverBalance: 115_000, rows: [] }),
    ]);

    // Someone (a bug, a disk) changes the goodwill credit in the cache.
    const corrupted = core.cache.db
      .prepare(
        `update transactions set amount = 200000 where wallet_id = ? and description = 'Goodwill' returning id`,
      )
      .get(walletId) as { id: string };
    const [drift] = (await client.invoke('drift:check', { walletId })).wallets;
    expect(drift).toMatchObject({ drifted: true, sum: 295_000, serverBalance: 115_000 });
    // Only the sum and the chain are off: the last row and the wallet row still say 115,000.
    expect(drift).toMatchObject({ lastBalanceAfter: 115_000, cachedBalance: 115_000 });
    expect(drift!.rows).toEqual([expect.objectContaining({ id: corrupted.id, amount: 200_000 })]);

    const resynced = await client.invoke('drift:resync', { walletId });
    expect(resynced).toMatchObject({ rebuilt: false, wallet: { drifted: false, sum: 115_000, rows: [] } });
    expect((await client.invoke('drift:check', {})).wallets[0]).toMatchObject({ drifted: false });
  });

  it('a wallet missing a cached row is rebuilt from the feed on re-sync: every row back, in its place', async () => {
    const { api, shop, walletId, core, client, settle } = await signedIn();
    for (const [n, amount] of [1_000, 2_000, 3_000].entries()) {
      await post(api.url, shop.apiKey, `/v1/wallets/${walletId}/credits`, {
        amount,
        description: `Credit ${n}`,
      });
    }
    await settle();
    const rows = () =>
      core.cache.db
        .prepare(
          'select id, ordinal, amount, balance_after from transactions where wallet_id = ? order by ordinal',
        )
        .all(walletId);
    const whole = rows();
    expect(whole).toHaveLength(4);

    // The cache lost a row in the middle (a bug, a disk): the sum no longer reaches the balance.
    core.cache.db
      .prepare(`delete from transactions where wallet_id = ? and description = 'Credit 1'`)
      .run(walletId);
    const [drift] = (await client.invoke('drift:check', { walletId })).wallets;
    expect(drift).toMatchObject({ drifted: true, sum: 104_000, serverBalance: 106_000 });

    // Only the feed can put the row back in its place: the cache is rebuilt and pulled again.
    const resynced = await client.invoke('drift:resync', { walletId });
    expect(resynced.rebuilt).toBe(true);
    await settle();
    expect(rows()).toEqual(whole);
    expect((await client.invoke('drift:check', {})).wallets).toEqual([
      expect.objectContaining({ walletId, drifted: false, sum: 106_000, serverBalance: 106_000 }),
    ]);
  });
});
