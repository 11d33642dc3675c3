import { PDFParse } from 'pdf-parse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DesktopScene } from '../../support/desktop-scene.js';
import { createReseller, customerWithWallet, post } from '../../support/tenant-over-http.js';

describe('desktop core: wallet statements', () => {
  let scene: DesktopScene;
  beforeEach(() => {
    scene = new DesktopScene();
  });
  afterEach(async () => {
    await scene.close();
  });

  it('downloads a signed PDF and CSV, says they are intact and genuine, and catches an edited copy', async () => {
    const api = await scene.api();
    const acme = await createReseller(api.url, 'Acme Proxies');
    const { walletId } = await customerWithWallet(api.url, acme.apiKey, { name: 'Ada', balance: 10_000 });
    await post(api.url, acme.apiKey, `/v1/wallets/${walletId}/credits`, {
      amount: 2_500,
      description: 'Goodwill',
    });
    const { client } = await scene.core();
    await client.invoke('session:connect', { method: 'api_key', url: api.url, apiKey: acme.apiKey });
    const today = new Date().toISOString().slice(0, 10);

    const pdf = await client.invoke('statements:download', {
      walletId,
      from: today,
      to: today,
      format: 'pdf',
    });
    expect(pdf).toMatchObject({
      filename: `statement-${walletId}-${today}-to-${today}.pdf`,
      contentType: 'application/pdf',
    });
    expect(await client.invoke('statements:verify', { filename: pdf.filename, base64: pdf.base64 })).toEqual({
      kind: 'pdf',
      intact: true,
      genuine: true,
      problems: [],
      walletId,
      period: { from: today, to: today },
    });

    const csv = await client.invoke('statements:download', {
      walletId,
      from: today,
      to: today,
      format: 'csv',
    });
    const text = Buffer.from(csv.base64, 'base64').toString('utf8');
    expect(text).toContain('Goodwill');
    // Someone makes the goodwill credit look ten times larger, decimals and minor units alike.
    const edited = text.replace(
      /,25\.00,(\d+\.\d\d),2500,/,
      (_m, balance: string) => `,250.00,${balance},25000,`,
    );
    expect(edited).not.toBe(text);
    const verdict = await client.invoke('statements:verify', {
      filename: 'edited.csv',
      base64: Buffer.from(edited).toString('base64'),
    });
    expect(verdict).toMatchObject({ kind: 'csv', intact: false, genuine: false });
    expect(verdict.problems).toContainEqual(expect.objectContaining({ code: 'row_changed', row: 2 }));

    const refused = await client.call('statements:verify', {
      filename: 'notes.txt',
      base64: Buffer.from('hello').toString('base64'),
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'validation', field: 'base64' } });
  });

  it('a PDF comes in the language the console asks for, the customer’s otherwise; a CSV has none', async () => {
    const api = await scene.api();
    const acme = await createReseller(api.url, 'Acme Proxies');
    const { walletId } = await customerWithWallet(api.url, acme.apiKey, {
      name: 'Ada',
      currency: 'VND',
      balance: 500_000,
    });
    const { client } = await scene.core();
    await client.invoke('session:connect', { method: 'api_key', url: api.url, apiKey: acme.apiKey });
    const today = new Date().toISOString().slice(0, 10);
    const textOf = async (base64: string) => {
      const parser = new PDFParse({ data: new Uint8Array(Buffer.from(base64, 'base64')) });
      const { text } = await parser.getText();
      await parser.destroy();
      return text.replace(/\s+/g, ' ');
    };
    const download = (format: 'pdf' | 'csv', language?: 'en' | 'vi') =>
      client.invoke('statements:download', { walletId, from: today, to: today, format, language });

    const vi = await textOf((await download('pdf', 'vi')).base64);
    expect(vi).toContain('Acme Proxies — sao kê ví');
    expect(vi).toContain('Số dư cuối kỳ: 500.000 ₫');
    // Ada has no language: English, as before.
    const en = await textOf((await download('pdf')).base64);
    expect(en).toContain('Acme Proxies — wallet statement');
    expect(en).toContain('Closing balance: ₫500,000');
    // A CSV is data in no language: the console's language is not sent for it (the API would refuse it).
    const csv = await download('csv', 'vi');
    expect(Buffer.from(csv.base64, 'base64').toString('utf8')).toMatch(/^Format,/);
  });
});
