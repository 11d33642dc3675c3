import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect } from 'vitest';
import { expectHidden, expectText, expectVisible, textOf, UI_TIMEOUT_MS } from './support/expect-ui.js';
import { signedOutTest as test } from './support/fixtures.js';
import { signInAsAdmin } from './support/flows.js';

// Every test signs in to a hosted API: the console starts signed out, with no demo to load.

describe('the reconciliation workbench in the console', () => {
  test('a bank CSV is imported, matched and applied: the wallet goes up once', async ({
    api,
    host,
    page,
  }) => {
    const admin = await api.createReseller('Cong Ty Sai Gon');
    const customerId = await api.createCustomer(admin, { name: 'Nguyễn Văn A', email: 'a@example.com' });
    const walletId = await api.createWallet(admin, customerId, 'VND');
    // "Invoice (bank transfer)" is off until the reseller offers it.
    await api.request('PUT', '/v1/invoice-settings', {
      token: admin.apiKey,
      body: { prefix: 'INV-{YYYY}-', bankDetails: 'Vietcombank 0011001234567', offerTopUp: true },
    });
    const invoice = await api.request<{ id: string; number: string }>(
      'POST',
      `/v1/wallets/${walletId}/invoice-top-ups`,
      {
        token: admin.apiKey,
        body: { amount: 1_500_000 },
        idempotent: true,
      },
    );
    // A second invoice, paid by a transfer whose content names nothing: only its amount fits.
    const second = await api.request<{ id: string; number: string }>(
      'POST',
      `/v1/wallets/${walletId}/invoice-top-ups`,
      { token: admin.apiKey, body: { amount: 700_000 }, idempotent: true },
    );
    const balance = async () =>
      (await api.wallets(admin, customerId)).find((w) => w.id === walletId)!.balance;
    const before = await balance();
    const file = join(mkdtempSync(join(tmpdir(), 'recon-e2e-')), 'vcb.csv');
    writeFileSync(
      file,
      [
        'Ngày giao dịch;Số tham chiếu;Số tiền ghi nợ;Số tiền ghi có;Mô tả',
        `01/12/2026 09:15:02;FT26335001;;1.500.000;MBVCB.4567.${invoice.number}.CT tu NGUYEN VAN A`,
        '01/12/2026 11:00:00;FT26335003;;999.000;chuyen tien',
        '01/12/2026 12:00:00;FT26335004;;700.000;chuyen tien cho shop',
        // The payer sent the first invoice's amount twice: only one line may pay it.
        `01/12/2026 12:30:00;FT26335005;;1.500.000;CK ${invoice.number} lan 2`,
      ].join('\n'),
    );

    const shell = await signInAsAdmin(page, host, api, admin);
    await expectText(shell.syncStatus, 'Online');
    await shell.go('Reconciliation');
    await page.getByLabel('Bank', { exact: true }).fill('Vietcombank');
    // The picker speaks the console's language (not the browser's "Choose File"), then names the file.
    const main = page.getByRole('main');
    await expectVisible(main.getByText('Choose a file…', { exact: true }));
    await expectVisible(main.getByText('No file chosen', { exact: true }));
    await page.getByLabel('Statement (CSV)').setInputFiles(file);
    await expectVisible(main.getByText('vcb.csv', { exact: true }));
    await page.getByLabel('Date column').selectOption('Ngày giao dịch');
    await page.getByLabel('Amount (credit) column').selectOption('Số tiền ghi có');
    await page.getByLabel('Description / memo column').selectOption('Mô tả');
    await page.getByLabel('Bank reference column').selectOption('Số tham chiếu');
    await page.getByRole('button', { name: 'Match statement' }).click();

    const lines = page.getByRole('table', { name: 'Statement lines' });
    await expectVisible(lines);
    await expectText(
      lines.getByRole('row', { name: /FT26335001/ }),
      /Matched.*Invoice INV-[\d-]+: code and amount agree/,
    );
    await expectText(
      lines.getByRole('row', { name: /FT26335003/ }),
      /No match.*No memo code or invoice number/,
    );

    const twice = lines.getByRole('row', { name: /FT26335005/ });
    await expectText(
      twice,
      new RegExp(
        `Needs a decision.*Line FT26335001 of this statement already pays invoice ${invoice.number}`,
      ),
    );
    expect(await twice.getByRole('checkbox', { name: 'Apply FT26335005' }).isChecked()).toBe(false);

    const onlyAmount = lines.getByRole('row', { name: /FT26335004/ });
    await expectText(
      onlyAmount,
      new RegExp(`Needs a decision.*only the amount matches invoice ${second.number}`),
    );
    await expectVisible(page.getByRole('button', { name: 'Apply 1 confirmed line' }));
    // A person decides the ambiguous line: choosing its candidate confirms it.
    await onlyAmount.getByLabel('Apply FT26335004 to').selectOption({ label: `invoice ${second.number}` });

    const apply = page.getByRole('button', { name: 'Apply 2 confirmed lines' });
    await apply.click();
    const applied = page.getByRole('list', { name: 'Applied lines' });
    await expectText(applied, /FT26335001: Applied — ₫1,500,000 credited.*FT26335004: Applied/);
    // Applied lines are done: marked so, and not offered again (the server would credit nothing more).
    await expectText(lines.getByRole('row', { name: /FT26335001/ }), /Applied/);
    await expectText(lines.getByRole('row', { name: /FT26335004/ }), /Applied/);
    expect(await lines.getByRole('checkbox', { name: 'Apply FT26335001' }).isDisabled()).toBe(true);
    await expectVisible(page.getByRole('button', { name: 'Apply 0 confirmed lines' }));
    expect(await page.getByRole('button', { name: 'Apply 0 confirmed lines' }).isDisabled()).toBe(true);
    await expect.poll(balance, { timeout: UI_TIMEOUT_MS }).toBe(before + 2_200_000);
    expect(await balance()).toBe(before + 2_200_000);

    // Matched again: the previous results go, and once the console has synced the paid invoice,
    // a line naming it says it is paid (each press reads the cache as it is then).
    const paidLine = lines.getByRole('row', { name: /FT26335001/ });
    await expect
      .poll(
        async () => {
          await page.getByRole('button', { name: 'Match statement' }).click();
          return textOf(paidLine);
        },
        { timeout: UI_TIMEOUT_MS },
      )
      .toMatch(new RegExp(`No match.*Invoice ${invoice.number} is already paid`));
    await expectHidden(page.getByRole('list', { name: 'Applied lines' }));
    await expectText(twice, new RegExp(`Invoice ${invoice.number} is already paid`));
    // What to do with money that arrived for a paid invoice: credit the customer's wallet, there.
    await twice.getByRole('link', { name: "Open the customer's wallet for FT26335005" }).click();
    await expectText(page.getByRole('main'), 'Nguyễn Văn A');
  });

  test('a statement of a USD account is read in cents and matches a USD invoice', async ({
    api,
    host,
    page,
  }) => {
    const admin = await api.createReseller('Saigon Dollar Co');
    const customerId = await api.createCustomer(admin, { name: 'Ada Lovelace', email: 'ada@example.com' });
    const walletId = await api.createWallet(admin, customerId, 'USD');
    await api.request('PUT', '/v1/invoice-settings', {
      token: admin.apiKey,
      body: { prefix: 'INV-{YYYY}-', bankDetails: 'Vietcombank USD 0011009876543', offerTopUp: true },
    });
    // minor units: 6380 = 63.80 USD
    const invoice = await api.request<{ id: string; number: string }>(
      'POST',
      `/v1/wallets/${walletId}/invoice-top-ups`,
      { token: admin.apiKey, body: { amount: 6_380 }, idempotent: true },
    );
    const balance = async () =>
      (await api.wallets(admin, customerId)).find((w) => w.id === walletId)!.balance;
    const before = await balance();
    const file = join(mkdtempSync(join(tmpdir(), 'recon-e2e-')), 'usd.csv');
    writeFileSync(
      file,
      ['Date,Credit,Details,Ref', `2026-12-03,63.80,Payment ${invoice.number},W-1`].join('\n'),
    );

    const shell = await signInAsAdmin(page, host, api, admin);
    await expectText(shell.syncStatus, 'Online');
    await shell.go('Reconciliation');
    await page.getByLabel('Bank', { exact: true }).fill('Vietcombank USD');
    await page.getByLabel('Statement (CSV)').setInputFiles(file);
    await page.getByLabel('Date column').selectOption('Date');
    await page.getByLabel('Amount (credit) column').selectOption('Credit');
    await page.getByLabel('Description / memo column').selectOption('Details');
    await page.getByLabel('Bank reference column').selectOption('Ref');
    await page.getByLabel('Date format').selectOption('YYYY-MM-DD');
    // Read as the default dong account, 63.80 is no amount: the console says so.
    const currency = page.getByLabel('Account currency');
    expect(await currency.inputValue()).toBe('VND');
    await page.getByRole('button', { name: 'Match statement' }).click();
    await expectText(page.getByRole('main'), 'holds "63.80", not an amount in VND');

    await currency.selectOption('USD');
    await page.getByRole('button', { name: 'Match statement' }).click();
    const line = page.getByRole('table', { name: 'Statement lines' }).getByRole('row', { name: /W-1/ });
    await expectText(
      line,
      new RegExp(`\\$63\\.80.*Matched.*Invoice ${invoice.number}: code and amount agree`),
    );
    await page.getByRole('button', { name: 'Apply 1 confirmed line' }).click();
    await expectText(page.getByRole('list', { name: 'Applied lines' }), 'W-1: Applied — $63.80 credited');
    await expect.poll(balance, { timeout: UI_TIMEOUT_MS }).toBe(before + 6_380);
  });

  test('the drift detector names a wallet whose cached row was changed, in its currency, and re-syncs it', async ({
    api,
    host,
    page,
    screenshot,
  }) => {
    const admin = await api.createReseller('Drift Check Co');
    const customerId = await api.createCustomer(admin, { name: 'Ada Lovelace', email: 'ada@example.com' });
    const walletId = await api.createWallet(admin, customerId, 'USD');
    await api.credit(admin, walletId, 5_000, 'Goodwill');
    const shell = await signInAsAdmin(page, host, api, admin);
    await expectText(shell.syncStatus, 'Online');
    await shell.go('Reconciliation');
    const drift = page.getByRole('region', { name: 'Ledger drift' });
    await drift.getByRole('button', { name: 'Check for drift' }).click();
    await expectText(drift, 'The wallet agrees with the server.');

    // Something (a bug, a disk) changes the credit's amount in the console's cache.
    const cache = new Database(join(host.options.dataDir, 'cache.sqlite'), { timeout: UI_TIMEOUT_MS });
    cache.prepare(`update transactions set amount = 200000 where description = 'Goodwill'`).run();
    cache.close();
    await drift.getByRole('button', { name: 'Check for drift' }).click();
    const wallet = drift.getByRole('group', { name: 'Drift in Ada Lovelace · USD wallet' });
    await expectText(
      wallet,
      /Ada Lovelace · USD wallet: server balance \$50\.00, cached rows add up to \$2,000\.00\./,
    );
    await expectText(wallet, /1 cached row breaks the balance chain:/);
    await expectText(
      wallet,
      /balance after \$50\.00, where the rows before it and its amount make \$2,000\.00\./,
    );
    await screenshot('drift');
    await wallet.getByRole('button', { name: 'Re-sync this wallet' }).click();
    await drift.getByRole('button', { name: 'Check for drift' }).click();
    await expectText(drift, 'The wallet agrees with the server.');
  });
});
