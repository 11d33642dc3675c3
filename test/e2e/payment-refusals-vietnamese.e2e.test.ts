/**
 * A console that speaks Vietnamese words the server's refusals on its payment screens in Vietnamese:
 * cancelling a payment the server has already moved on from, and a top-up the reseller's limits
 * refuse after the form was opened, a coin whose account key the reseller removed meanwhile, and
 * verifying a transfer while the bank feed does not answer.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe } from 'vitest';
import { PUBLISHED_ACCOUNT_KEYS } from '../support/emulators/crypto-chain.js';
import { launchChainApi, offerCrypto } from './support/chain-api.js';
import { expectText, expectVisible, UI_TIMEOUT_MS } from './support/expect-ui.js';
import { signedOutTest as test } from './support/fixtures.js';
import { openTopUp, signInAsAdmin, signInAsNewCustomer } from './support/flows.js';
import { CryptoCheckout } from './support/pages/crypto-checkout.js';
import { PaymentsScreen } from './support/pages/top-up.js';
import { offerVietQrBank } from './support/vietqr-bank.js';

// Every test signs in to a hosted API: the console starts signed out, with no demo to load.

describe('payment refusals in a Vietnamese console', () => {
  test('cancelling a payment the server already moved on from says why, in Vietnamese', async ({
    api,
    host,
    page,
    workdir,
    screenshot,
  }) => {
    const { shell } = await signInAsNewCustomer(api, host, page, 'Refusing Proxies', {
      name: 'Do Thi Hoa',
      email: 'hoa@example.com',
    });
    const topUp = await openTopUp(page, shell);
    await topUp.preset('$100.00').click();
    await topUp.method(/Sandbox test card/).check();
    await topUp.submit.click();
    await expectVisible(topUp.openPaymentPage);

    // The gateway has just started taking the payment; the console has not heard of it yet.
    const billing = new Database(join(workdir, 'billing.sqlite'), { timeout: UI_TIMEOUT_MS });
    billing.prepare(`update payments set status = 'processing' where status = 'new'`).run();
    billing.close();

    await page.getByRole('combobox', { name: 'Language' }).selectOption('vi');
    await topUp.status.getByRole('button', { name: 'Hủy thanh toán' }).click();
    await expectText(
      topUp.status,
      'Không thể hủy khoản thanh toán này nữa: trạng thái hiện tại là “Đang xử lý”. Chỉ khoản thanh toán chưa ai bắt đầu trả mới có thể hủy.',
    );
    await screenshot('cancel-refused-vietnamese');
  });

  test('a top-up above a limit lowered after the form opened is refused in Vietnamese', async ({
    api,
    host,
    page,
    screenshot,
  }) => {
    const { admin, shell } = await signInAsNewCustomer(api, host, page, 'Limiting Proxies', {
      name: 'Vu Van Nam',
      email: 'nam@example.com',
    });
    const topUp = await openTopUp(page, shell);
    await topUp.method(/Sandbox test card/).check();
    // Meanwhile the reseller lowers its largest top-up to $50.00.
    await api.request('PATCH', '/v1/payment-settings', {
      token: admin.apiKey,
      body: { limits: [{ currency: 'USD', minAmount: 500, maxAmount: 5_000, presets: [] }] },
    });
    await topUp.preset('$100.00').click();
    await topUp.submit.click();
    await expectText(topUp.status, 'The top-up could not start: A top-up must be between $5.00 and $50.00.');

    await page.getByRole('combobox', { name: 'Language' }).selectOption('vi');
    await expectText(
      topUp.status,
      /Không thể bắt đầu nạp tiền: Số tiền nạp phải từ 5,00\sUS\$ đến 50,00\sUS\$\./,
    );
    await screenshot('top-up-limit-refused-vietnamese');
  });

  test('a top-up by a method the reseller turned off after the form opened is refused in Vietnamese', async ({
    api,
    host,
    page,
  }) => {
    const { admin, shell } = await signInAsNewCustomer(api, host, page, 'Switching Proxies', {
      name: 'Bui Thi Lan',
      email: 'lan@example.com',
    });
    const topUp = await openTopUp(page, shell);
    await topUp.preset('$100.00').click();
    await topUp.method(/Sandbox test card/).check();
    await api.changeSandboxMethod(admin, { enabled: false });
    await topUp.submit.click();
    await expectText(
      topUp.status,
      'The top-up could not start: Sandbox test card is not offered by this reseller',
    );

    await page.getByRole('combobox', { name: 'Language' }).selectOption('vi');
    await expectText(
      topUp.status,
      'Không thể bắt đầu nạp tiền: Phương thức thanh toán này chưa được bật cho đại lý này.',
    );
  });

  test('a coin whose account key the reseller removed after the form opened is refused in Vietnamese', async ({
    workdir,
    host,
    page,
    screenshot,
  }) => {
    const { api, close } = await launchChainApi(workdir);
    try {
      await api.ready();
      const admin = await api.createReseller('Keyless Coins');
      const rates = { USDT: '1', BTC: '50000' };
      await offerCrypto(api, admin, rates);
      const customerId = await api.createCustomer(admin, { name: 'Trinh Van Son', email: 'son@example.com' });
      await api.createWallet(admin, customerId, 'USD');
      const shell = await signInAsAdmin(page, host, api, admin);
      const topUp = await openTopUp(page, shell);
      const crypto = new CryptoCheckout(page);
      await topUp.preset('$100.00').click();
      await topUp.method(/Crypto/).check();
      await crypto.coinAndNetwork.selectOption({ label: 'USDT on Tron (TRC-20)' });
      // Meanwhile the reseller keeps only its Bitcoin key: USDT on Tron has no address to give.
      await api.request('PUT', '/v1/payment-settings/credentials/crypto', {
        token: admin.apiKey,
        body: { credentials: { xpubs: { bitcoin: PUBLISHED_ACCOUNT_KEYS.bitcoin }, rates: { USD: rates } } },
      });
      await topUp.submit.click();
      await expectText(
        topUp.status,
        'The top-up could not start: USDT on Tron (TRC-20) is not offered: the reseller has set no account key (xpub) for its network. Choose another coin.',
      );

      await page.getByRole('combobox', { name: 'Language' }).selectOption('vi');
      await expectText(
        topUp.status,
        'Không thể bắt đầu nạp tiền: USDT trên Tron (TRC-20) không được hỗ trợ: đại lý chưa thiết lập khóa tài khoản (xpub) cho mạng của đồng tiền này. Hãy chọn đồng tiền khác.',
      );
      await screenshot('coin-without-key-refused-vietnamese');
    } finally {
      await close();
    }
  });

  test('verifying a transfer while the bank feed does not answer says so in Vietnamese', async ({
    api,
    host,
    page,
    screenshot,
  }) => {
    await api.ready();
    const admin = await api.createReseller('Feedless Proxies');
    const bank = await offerVietQrBank(api, admin, 'CONG TY FEEDLESS');
    let bankOpen = true;
    try {
      const customerId = await api.createCustomer(admin, { name: 'Ngo Bao', email: 'bao@example.com' });
      await api.createWallet(admin, customerId, 'VND');
      const shell = await signInAsAdmin(page, host, api, admin);
      await shell.go('Wallet');
      const topUp = await openTopUp(page, shell);
      await topUp.preset('₫500,000').click();
      await topUp.method(/VietQR bank transfer/).check();
      await topUp.submit.click();
      await expectVisible(topUp.qrCode);

      await shell.navLink('Payments').click();
      const payments = new PaymentsScreen(page);
      await payments.open(payments.rows.first()).click();
      await page.getByRole('combobox', { name: 'Language' }).selectOption('vi');
      await bank.close();
      bankOpen = false;
      const verify = page.getByRole('region', { name: 'Kiểm tra khoản thanh toán của tôi' });
      await verify.getByLabel('Mã giao dịch ngân hàng').fill('FT25091123456789');
      await verify.getByRole('button', { name: 'Kiểm tra', exact: true }).click();
      await expectText(
        verify,
        'Không kết nối được tới nguồn dữ liệu ngân hàng để kiểm tra mã tham chiếu này. Chưa có gì thay đổi; hãy thử lại sau vài phút.',
      );
      await screenshot('verify-feed-unreachable-vietnamese');
    } finally {
      if (bankOpen) await bank.close();
    }
  });
});
