import { randomBytes } from 'node:crypto';
import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStatementFile } from '../../../src/main/statements/statement-file.js';
import { verifyStatement } from '../../../src/shared/statements/statement.js';
import { call, key, seedReseller, startApi, type TestApi } from '../../support/api.js';
import { DIALECTS } from '../../support/databases.js';
import { expectRefusal, manualClock, ok } from '../../support/tenants.js';

const DAY = 86_400_000;

/** The PDF's text, any run of spaces or line breaks (vi-VN puts a no-break space before ₫) as one space. */
async function textOf(pdf: Buffer): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  const { text } = await parser.getText();
  await parser.destroy();
  return text.replace(/\s+/g, ' ');
}

/** An amount as vi-VN writes it, spaces normalised as textOf does: "275.000 ₫". */
const vnd = (amount: number) =>
  new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND' }).format(amount).replace(/\s+/g, ' ');

describe.each(DIALECTS)('PDFs in the customer’s language, or the one asked for, on %s', (dialect) => {
  let api: TestApi;
  let admin: string;
  let mai: { id: string; walletId: string };
  let ann: { id: string };
  const clock = manualClock('2030-03-01T09:00:00.000Z');

  const pdf = async (url: string) => {
    const response = await api.app.inject({
      method: 'GET',
      url,
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/pdf/);
    return response.rawPayload;
  };
  const invoiceFor = async (customerId: string) => {
    const draft = await ok(
      call(api.app, 'POST', `/v1/customers/${customerId}/invoices`, {
        token: admin,
        body: {
          currency: 'VND',
          dueDate: '2030-03-31',
          lines: [{ description: 'Gói lưu trữ', quantity: 1, unitAmount: 250_000, taxRateBps: 1_000 }],
        },
      }),
    );
    return ok(call(api.app, 'POST', `/v1/invoices/${draft.id}/finalize`, { token: admin, key: key() }));
  };

  beforeAll(async () => {
    // The statement key derives from the credentials key.
    api = await startApi(dialect, { clock: clock.now, payments: { credentialsKey: randomBytes(32) } });
    admin = (await seedReseller(api.app, 'MayXanh')).admin;
    const customer = async (body: Record<string, unknown>) =>
      ok(call(api.app, 'POST', '/v1/customers', { token: admin, body }));
    const maiId = (await customer({ name: 'Nguyễn Thị Mai', email: 'mai@example.vn', language: 'vi' })).id;
    ann = await customer({ name: 'Ann Lee', email: 'ann@example.com' });
    const wallet = await ok(
      call(api.app, 'POST', `/v1/customers/${maiId}/wallets`, {
        token: admin,
        body: { currency: 'VND', initialBalance: 1_000_000 },
        key: key('wallet'),
      }),
    );
    mai = { id: maiId, walletId: wallet.id };
    clock.advance(DAY);
    await ok(
      call(api.app, 'POST', `/v1/wallets/${mai.walletId}/debits`, {
        token: admin,
        key: key(),
        body: { amount: 250_000, description: 'Gói lưu trữ tháng 3', reference: 'ORD-1' },
      }),
    );
  });
  afterAll(() => api.close());

  it('a Vietnamese customer’s invoice is in Vietnamese: labels, a vi-VN day and ₫ amounts', async () => {
    const inv = await invoiceFor(mai.id);
    const text = await textOf(await pdf(`/v1/invoices/${inv.id}/pdf`));
    expect(text).toContain(`Hóa đơn ${inv.number}`);
    expect(text).toContain('Khách hàng: Nguyễn Thị Mai <mai@example.vn>');
    expect(text).toContain(`Ngày hóa đơn: 02/03/2030`);
    expect(text).toContain('Hạn thanh toán: 31/03/2030');
    expect(text).toContain('Trạng thái: Chưa thanh toán');
    expect(text).toContain(`Gói lưu trữ ×1 @ ${vnd(250_000)} thuế 10% = ${vnd(250_000)}`);
    expect(text).toContain(`Thuế: ${vnd(25_000)}`);
    expect(text).toContain(`Tổng cộng: ${vnd(275_000)}`);
    expect(vnd(275_000)).toBe('275.000 ₫');
    expect(text).toContain(`Số tiền phải trả: ${vnd(275_000)}`);
    expect(text).not.toMatch(/Invoice|Total|Due date|VND/);
  });

  it('?lang=en gives the same invoice in English, as it always read', async () => {
    const inv = await invoiceFor(mai.id);
    const text = await textOf(await pdf(`/v1/invoices/${inv.id}/pdf?lang=en`));
    expect(text).toContain(`Invoice ${inv.number}`);
    expect(text).toContain('Bill to: Nguyễn Thị Mai <mai@example.vn>');
    expect(text).toContain('Invoice date: 2030-03-02');
    expect(text).toContain('Due date: 2030-03-31');
    expect(text).toContain('Status: Unpaid');
    expect(text).toContain('Gói lưu trữ ×1 @ 250000 VND tax 10% = 250000 VND');
    expect(text).toContain('Total: 275000 VND');
    expect(text).not.toMatch(/Hóa đơn|Tổng cộng|₫/);
  });

  it('a customer with no language gets English; ?lang=vi gives Vietnamese (the console’s viewer)', async () => {
    const inv = await invoiceFor(ann.id);
    expect(await textOf(await pdf(`/v1/invoices/${inv.id}/pdf`))).toContain('Total: 275000 VND');
    expect(await textOf(await pdf(`/v1/invoices/${inv.id}/pdf?lang=vi`))).toContain(
      `Tổng cộng: ${vnd(275_000)}`,
    );
  });

  it('a lang other than en or vi is a 400 naming `lang`, on both PDFs', async () => {
    const inv = await invoiceFor(mai.id);
    for (const url of [
      `/v1/invoices/${inv.id}/pdf?lang=fr`,
      `/v1/wallets/${mai.walletId}/statement.pdf?from=2030-03-01&to=2030-03-02&lang=VI`,
    ]) {
      expectRefusal(await call(api.app, 'GET', url, { token: admin }), 400, 'validation', 'lang');
    }
  });

  it('the statement PDF is in the customer’s language, ?lang=en in English; both verify', async () => {
    const url = `/v1/wallets/${mai.walletId}/statement.pdf?from=2030-03-01&to=2030-03-02`;
    const keys = (await ok(call(api.app, 'GET', '/.well-known/statement-keys'))).keys;

    const vi = await pdf(url);
    const viText = await textOf(vi);
    expect(viText).toContain('MayXanh — sao kê ví');
    expect(viText).toContain(`Khách hàng: Nguyễn Thị Mai (${mai.id})`);
    expect(viText).toContain('Kỳ: từ 01/03/2030 đến 02/03/2030 (UTC)');
    expect(viText).toContain(`Số dư đầu kỳ: ${vnd(0)} Số dư cuối kỳ: ${vnd(750_000)}`);
    // Row 2, the debit: its moment (UTC), type, amount and the balance after it.
    expect(viText).toContain(`2. 09:00:00 02/03/2030 Thanh toán -${vnd(250_000)} → ${vnd(750_000)}`);
    expect(viText).toContain('Gói lưu trữ tháng 3 · ORD-1');
    // Row 1, which the server wrote itself (the wallet's opening credit), reads in Vietnamese too.
    expect(viText).toContain('Số dư ban đầu ·');
    expect(viText).not.toContain('Initial balance');
    expect(viText).toContain('Mã băm cuối:');
    expect(viText).not.toMatch(/Opening balance|Period:|Final hash/);
    // The language changes what people read, never what is signed.
    const fromVi = readStatementFile(vi);
    expect(await verifyStatement(fromVi.statement, keys)).toMatchObject({ intact: true, genuine: true });

    const en = await pdf(`${url}&lang=en`);
    const enText = await textOf(en);
    expect(enText).toContain('MayXanh — wallet statement');
    expect(enText).toContain('Period: 2030-03-01 to 2030-03-02 (UTC)');
    expect(enText).toContain('2. 2030-03-02 09:00:00 payment -₫250,000 → ₫750,000');
    expect(enText).toContain('Initial balance ·');
    expect(enText).not.toMatch(/sao kê|Số dư|₫750\.000/);
    expect(readStatementFile(en).statement).toEqual(fromVi.statement);
  });
});
