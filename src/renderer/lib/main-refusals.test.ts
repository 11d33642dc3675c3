import { afterEach, describe, expect, it } from 'vitest';
import {
  created,
  handlerWorld,
  TEST_ACCOUNT,
  testCustomer,
  testWallet,
} from '../../main/testing/handler-world';
import { i18n } from '../i18n';
import { errorMessage, IpcError } from './ipc';

/**
 * The banners main's own refusals show (a wallet or customer not in the console, a queued change
 * gone, a draft not sent yet, a PDF this console cannot save): the answer comes from the real
 * handlers, as the renderer receives it, and reads in the console's language.
 */
let w: ReturnType<typeof handlerWorld> | undefined;
afterEach(async () => {
  w?.close();
  w = undefined;
  await i18n.changeLanguage('en');
});

async function banner(channel: string, input: unknown): Promise<string> {
  const result = await w!.call(channel, input);
  if (result.ok) throw new Error(`${channel} took ${JSON.stringify(input)}`);
  return errorMessage(new IpcError(result.error));
}

const DRAFT = {
  customerId: 'cus_1',
  currency: 'USD',
  lines: [{ description: 'Hosting', quantity: 1, unitAmount: 1_000 }],
};

async function queuedDraft(): Promise<string> {
  const queued = await w!.call('invoices:create-draft', DRAFT);
  if (!queued.ok) throw new Error('the draft was not queued');
  return (queued.value as { payload: { localId: string } }).payload.localId;
}

describe("main's own refusals, as banners", () => {
  it('read in Vietnamese for a Vietnamese user', async () => {
    await i18n.changeLanguage('vi');
    w = handlerWorld('reseller_admin', { changes: created({ entity: 'customer', data: testCustomer() }) });
    expect(await banner('wallets:credit', { walletId: 'wal_none', amount: 100, description: 'Quà' })).toBe(
      'Không tìm thấy ví. Nếu ví vừa được tạo, ví vẫn đang đồng bộ.',
    );
    expect(await banner('wallets:create', { customerId: 'cus_none', currency: 'VND' })).toBe(
      'Không tìm thấy khách hàng.',
    );
    expect(await banner('outbox:retry', { id: 'out_none' })).toBe(
      'Thay đổi này không còn nằm trong Thay đổi đang chờ.',
    );
    const localId = await queuedDraft();
    expect(await banner('invoices:finalize', { invoiceId: localId })).toBe(
      'Hóa đơn nháp này vẫn đang chờ đồng bộ: hãy chốt hóa đơn khi máy chủ đã nhận được nó.',
    );
    expect(await banner('invoices:save-pdf', { invoiceId: 'inv_1' })).toBe(
      'Bảng điều khiển này lưu tệp qua trình duyệt: hãy dùng Tải PDF.',
    );
  });

  it('say a queued change being sent can no longer be discarded', async () => {
    await i18n.changeLanguage('vi');
    w = handlerWorld('reseller_admin', { changes: created({ entity: 'customer', data: testCustomer() }) });
    await queuedDraft();
    const [item] = w.outbox.list(TEST_ACCOUNT);
    w.outbox.markSending(item!.id);
    expect(await banner('outbox:discard', { id: item!.id })).toBe(
      'Thay đổi này đang được gửi đi: không thể hủy bỏ nữa.',
    );
    expect(await banner('outbox:discard', { id: 'out_none' })).toBe(
      'Thay đổi này không còn nằm trong Thay đổi đang chờ.',
    );
  });

  it('say in Vietnamese which thing is still syncing: a customer, a wallet or a payment', async () => {
    await i18n.changeLanguage('vi');
    w = handlerWorld('reseller_admin');
    const queued = await w.call('customers:create', { name: 'Công ty An Phát', email: 'ke-toan@anphat.vn' });
    if (!queued.ok) throw new Error('the customer was not queued');
    const customerId = (queued.value as { payload: { localId: string } }).payload.localId;
    const customerSyncing = 'Khách hàng này vẫn đang đồng bộ. Hãy thử lại khi khách hàng đã được xác nhận.';
    expect(await banner('customers:set-language', { customerId, language: 'vi' })).toBe(customerSyncing);
    expect(await banner('payers:create', { customerId, name: 'Kế toán' })).toBe(customerSyncing);
    expect(await banner('payments:refund', { paymentId: 'local_pay_1', reason: 'Trùng' })).toBe(
      'Khoản thanh toán này vẫn đang đồng bộ. Hãy thử lại khi khoản thanh toán đã được xác nhận.',
    );
    const wallet = await w.call('wallets:create', { customerId, currency: 'VND' });
    if (!wallet.ok) throw new Error('the wallet was not queued');
    const walletId = (wallet.value as { payload: { localId: string } }).payload.localId;
    expect(
      await banner('alerts:update-settings', {
        walletId,
        settings: { threshold: 100_000, channels: ['desktop'] },
      }),
    ).toBe('Ví này vẫn đang đồng bộ. Hãy thử lại khi ví đã được xác nhận.');
  });

  it("say in Vietnamese that a movement is above the reseller's maximum, or needs confirming first", async () => {
    await i18n.changeLanguage('vi');
    w = handlerWorld('reseller_admin', {
      changes: created(
        { entity: 'customer', data: testCustomer() },
        { entity: 'wallet', data: testWallet() },
      ),
    });
    // USD by default: confirm above 1,000.00, refuse above 10,000,000.00 (minor units below).
    const credit = { walletId: 'wal_1', description: 'Quà tặng' };
    expect(await banner('wallets:credit', { ...credit, amount: 1_000_000_001 })).toBe(
      'Một lần chuyển tiền tối đa là 10.000.000,00 USD (quản trị viên có thể thay đổi trong Cài đặt thanh toán).',
    );
    expect(await banner('wallets:credit', { ...credit, amount: 500_000 })).toBe(
      'Số tiền này vượt mức cần xác nhận của bạn là 1.000,00 USD.',
    );
  });

  it('read in English for an English user', async () => {
    w = handlerWorld('reseller_admin', { changes: created({ entity: 'customer', data: testCustomer() }) });
    expect(await banner('wallets:create', { customerId: 'cus_none', currency: 'VND' })).toBe(
      'Customer not found.',
    );
    expect(await banner('invoices:save-pdf', { invoiceId: 'inv_1' })).toBe(
      'This console saves files through the browser: use Download PDF.',
    );
  });
});
