import { describe, expect, it } from 'vitest';
import type { AutoTopUpFailure } from '../../../shared/api/alerts.js';
import { textIn } from '../../i18n/text.js';
import { autoTopUpWaitingEmail } from './auto-top-up-waiting.js';
import { endpointDisabledEmail } from './endpoint-disabled.js';
import { invoiceReceiptEmail } from './invoice-receipt.js';
import { renewalFailedEmail, renewalNotCoveredEmail } from './renewal-notice.js';
import { ticketMessageEmail } from './ticket-message.js';
import { topUpReceiptEmail } from './top-up-receipt.js';
import { walletAlertEmail } from './wallet-alert.js';

const en = textIn('en');
const vi = textIn('vi');
const AT = '2031-06-01T07:05:00.000Z';
/** Intl separates the amount and the ₫ sign with a no-break space; the tests read it as a space. */
const plain = (mail: { subject: string; text: string; html: string }) =>
  JSON.parse(JSON.stringify(mail).replace(/\u00a0|\u202f/g, ' ')) as typeof mail;

const topUp = {
  resellerName: 'Acme & Co',
  customerName: 'Ann <b>',
  paymentId: 'pay_1',
  amount: 150_000_000,
  fee: 4_350,
  currency: 'VND' as const,
  balanceAfter: 250_000_000,
  paidAt: AT,
  test: true,
};
const renewal = {
  resellerName: 'Acme',
  customerName: 'Ann',
  subscriptionId: 'sub_1',
  productName: 'VPS small',
  quantity: 2,
  amount: 3_000,
  currency: 'USD' as const,
  available: 1_000,
};

/**
 * The emails the API sends, as their recipients read them. In English exactly what they said before
 * they were translated (these are the strings the old templates produced for the same input); in
 * Vietnamese with Vietnamese amounts and day-first dates.
 */
describe('email templates in English read exactly as before', () => {
  it('top-up receipts', () => {
    expect(topUpReceiptEmail(en, topUp)).toEqual({
      subject: 'Receipt: ₫150,000,000 added to your wallet (test)',
      text: 'Hello Ann <b>,\n\nAcme & Co received your top-up (test mode: no real money moved).\n\nAmount credited: ₫150,000,000\nFee: ₫4,350\nNew balance: ₫250,000,000\nPayment: pay_1\nPaid at: 2031-06-01T07:05:00.000Z',
      html: '<p>Hello Ann &#60;b&#62;,</p>\n<p>Acme &#38; Co received your top-up (test mode: no real money moved).</p>\n<table>\n<tr><th align="left">Amount credited</th><td>₫150,000,000</td></tr>\n<tr><th align="left">Fee</th><td>₫4,350</td></tr>\n<tr><th align="left">New balance</th><td>₫250,000,000</td></tr>\n<tr><th align="left">Payment</th><td>pay_1</td></tr>\n<tr><th align="left">Paid at</th><td>2031-06-01T07:05:00.000Z</td></tr>\n</table>',
    });
    expect(
      topUpReceiptEmail(en, {
        ...topUp,
        resellerName: 'Acme',
        customerName: 'Ann',
        paymentId: 'pay_2',
        amount: 2_500,
        fee: 0,
        currency: 'USD',
        balanceAfter: 7_500,
        test: false,
      }),
    ).toEqual({
      subject: 'Receipt: $25.00 added to your wallet',
      text: 'Hello Ann,\n\nAcme received your top-up.\n\nAmount credited: $25.00\nFee: $0.00\nNew balance: $75.00\nPayment: pay_2\nPaid at: 2031-06-01T07:05:00.000Z',
      html: '<p>Hello Ann,</p>\n<p>Acme received your top-up.</p>\n<table>\n<tr><th align="left">Amount credited</th><td>$25.00</td></tr>\n<tr><th align="left">Fee</th><td>$0.00</td></tr>\n<tr><th align="left">New balance</th><td>$75.00</td></tr>\n<tr><th align="left">Payment</th><td>pay_2</td></tr>\n<tr><th align="left">Paid at</th><td>2031-06-01T07:05:00.000Z</td></tr>\n</table>',
    });
  });

  it('invoice receipts', () => {
    expect(
      invoiceReceiptEmail(en, {
        resellerName: 'Acme',
        customerName: 'Ann',
        number: 'INV-2031-0001',
        total: 1_500_000,
        amountPaid: 1_500_000,
        currency: 'VND',
        method: 'bank_transfer',
        paidAt: AT,
      }),
    ).toEqual({
      subject: 'Receipt: invoice INV-2031-0001 paid (₫1,500,000)',
      text: 'Hello Ann,\n\nAcme received payment in full for invoice INV-2031-0001.\n\nInvoice: INV-2031-0001\nTotal: ₫1,500,000\nAmount paid: ₫1,500,000\nPaid by: bank transfer\nPaid at: 2031-06-01T07:05:00.000Z',
      html: '<p>Hello Ann,</p>\n<p>Acme received payment in full for invoice INV-2031-0001.</p>\n<table>\n<tr><th align="left">Invoice</th><td>INV-2031-0001</td></tr>\n<tr><th align="left">Total</th><td>₫1,500,000</td></tr>\n<tr><th align="left">Amount paid</th><td>₫1,500,000</td></tr>\n<tr><th align="left">Paid by</th><td>bank transfer</td></tr>\n<tr><th align="left">Paid at</th><td>2031-06-01T07:05:00.000Z</td></tr>\n</table>',
    });
  });

  it('invoice receipts for money paid in test mode say no real money was received', () => {
    const mail = invoiceReceiptEmail(en, {
      resellerName: 'Acme',
      customerName: 'Ann',
      number: 'INV-2031-0002',
      total: 1_500,
      amountPaid: 1_500,
      currency: 'USD',
      method: 'sandbox',
      paidAt: AT,
      test: true,
    });
    expect(mail.subject).toBe('Receipt: invoice INV-2031-0002 paid ($15.00) (test)');
    expect(mail.text).toContain(
      'Invoice INV-2031-0002 was paid in test mode: Acme received no real money for it.',
    );
    expect(mail.html).toContain('paid in test mode');
  });

  it('renewal notices', () => {
    expect(renewalNotCoveredEmail(en, { ...renewal, renewsAt: '2031-07-01T00:00:00.000Z' })).toEqual({
      subject: 'VPS small renews on 2031-07-01: your wallet does not cover $30.00',
      text: 'Hello Ann,\n\nVPS small renews on 2031-07-01 for $30.00, and your wallet does not cover it yet. Top up before then to keep it running.\n\nSubscription: sub_1\nProduct: 2 × VPS small\nRenewal amount: $30.00\nAvailable in your wallet: $10.00\nRenews on: 2031-07-01\n\n— Acme',
      html: '<p>Hello Ann,</p>\n<p>VPS small renews on 2031-07-01 for $30.00, and your wallet does not cover it yet. Top up before then to keep it running.</p>\n<table>\n<tr><th align="left">Subscription</th><td>sub_1</td></tr>\n<tr><th align="left">Product</th><td>2 × VPS small</td></tr>\n<tr><th align="left">Renewal amount</th><td>$30.00</td></tr>\n<tr><th align="left">Available in your wallet</th><td>$10.00</td></tr>\n<tr><th align="left">Renews on</th><td>2031-07-01</td></tr>\n</table>\n<p>— Acme</p>',
    });
    expect(
      renewalFailedEmail(en, { ...renewal, reason: undefined, nextAttemptAt: '2031-07-02T00:00:00.000Z' }),
    ).toEqual({
      subject: 'Renewal failed: VPS small ($30.00)',
      text: 'Hello Ann,\n\nWe could not renew VPS small for $30.00. It is past due; we try again on 2031-07-02. Top up your wallet to keep it running.\n\nSubscription: sub_1\nProduct: 2 × VPS small\nRenewal amount: $30.00\nAvailable in your wallet: $10.00\nReason: the wallet could not pay the renewal\nNext attempt: 2031-07-02T00:00:00.000Z\n\n— Acme',
      html: '<p>Hello Ann,</p>\n<p>We could not renew VPS small for $30.00. It is past due; we try again on 2031-07-02. Top up your wallet to keep it running.</p>\n<table>\n<tr><th align="left">Subscription</th><td>sub_1</td></tr>\n<tr><th align="left">Product</th><td>2 × VPS small</td></tr>\n<tr><th align="left">Renewal amount</th><td>$30.00</td></tr>\n<tr><th align="left">Available in your wallet</th><td>$10.00</td></tr>\n<tr><th align="left">Reason</th><td>the wallet could not pay the renewal</td></tr>\n<tr><th align="left">Next attempt</th><td>2031-07-02T00:00:00.000Z</td></tr>\n</table>\n<p>— Acme</p>',
    });
  });

  it('ticket notices', () => {
    const message = { ticketId: 'tkt_1', subject: 'Top-up <missing>' };
    expect(
      ticketMessageEmail(en, {
        ...message,
        authorName: 'ann@example.com',
        body: 'Line one\nline two\n\nPara two',
        to: 'staff',
      }),
    ).toEqual({
      subject: '[tkt_1] Top-up <missing>',
      text: 'ann@example.com wrote:\n\nLine one\nline two\n\nPara two\n\nAnswer it from the support queue in the console (Tickets).',
      html: '<p>ann@example.com wrote:</p>\n<blockquote><p>Line one<br>line two</p>\n<p>Para two</p></blockquote>\n<p>Answer it from the support queue in the console (Tickets).</p>',
    });
    expect(
      ticketMessageEmail(en, {
        ...message,
        authorName: 'agent@example.com',
        body: 'Found it.',
        to: 'customer',
      }),
    ).toEqual({
      subject: '[tkt_1] Top-up <missing>',
      text: 'agent@example.com wrote:\n\nFound it.\n\nAnswer it in the console under Tickets, or sign in to see the whole conversation.',
      html: '<p>agent@example.com wrote:</p>\n<blockquote><p>Found it.</p></blockquote>\n<p>Answer it in the console under Tickets, or sign in to see the whole conversation.</p>',
    });
  });

  it('a disabled webhook endpoint (the HTML paragraph wraps at another word, as HTML ignores)', () => {
    const mail = endpointDisabledEmail(en, {
      url: 'https://hooks.example/x?a=1&b=2',
      endpointId: 'whe_1',
      attempts: 12,
      failures: 15,
    });
    const before = {
      subject: 'Webhook endpoint disabled after repeated failures',
      text: 'Your webhook endpoint https://hooks.example/x?a=1&b=2 (whe_1) was disabled.\n\nReason: every delivery attempt failed for about three days (12 attempts in a row; last: 15 failures since the last success)\n\nEvents are no longer sent to it. Fix the receiver, then enable the endpoint again in the\nconsole (Webhooks); deliveries still pending are sent then, in order.',
      html: '<p>Your webhook endpoint <strong>https://hooks.example/x?a=1&#38;b=2</strong> (whe_1) was disabled.</p>\n<p>Reason: every delivery attempt failed for about three days (12 attempts in a row; last: 15 failures since the last success)</p>\n<p>Events are no longer sent to it. Fix the receiver, then enable the endpoint again in the console\n(Webhooks); deliveries still pending are sent then, in order.</p>',
    };
    expect({ subject: mail.subject, text: mail.text }).toEqual({
      subject: before.subject,
      text: before.text,
    });
    const words = (html: string) => html.replace(/\s+/g, ' ');
    expect(words(mail.html)).toBe(words(before.html));
  });
});

describe('email templates in Vietnamese', () => {
  it('a top-up receipt: Vietnamese words, amounts and dates', () => {
    const mail = plain(topUpReceiptEmail(vi, { ...topUp, test: false }));
    expect(mail.subject).toBe('Biên nhận: 150.000.000 ₫ đã được nạp vào ví của bạn');
    expect(mail.text).toBe(
      [
        'Xin chào Ann <b>,',
        '',
        'Acme & Co đã nhận khoản nạp tiền của bạn.',
        '',
        'Số tiền đã ghi có: 150.000.000 ₫',
        'Phí: 4.350 ₫',
        'Số dư mới: 250.000.000 ₫',
        'Mã thanh toán: pay_1',
        'Thanh toán lúc: 07:05 01/06/2031 (UTC)',
      ].join('\n'),
    );
    expect(mail.html).toContain('<p>Xin chào Ann &#60;b&#62;,</p>');
    expect(mail.html).toContain('<tr><th align="left">Số dư mới</th><td>250.000.000 ₫</td></tr>');
  });

  it('an invoice receipt names the means in Vietnamese; renewal notices word the ledger refusal by its code', () => {
    const invoice = plain(
      invoiceReceiptEmail(vi, {
        resellerName: 'Acme',
        customerName: 'Ann',
        number: 'INV-1',
        total: 1_500_000,
        amountPaid: 1_500_000,
        currency: 'VND',
        method: 'wallet',
        paidAt: AT,
      }),
    );
    expect(invoice.subject).toBe('Biên nhận: hóa đơn INV-1 đã được thanh toán (1.500.000 ₫)');
    expect(invoice.text).toContain('Thanh toán bằng: ví');

    const failed = plain(
      renewalFailedEmail(vi, {
        ...renewal,
        reason: { code: 'insufficient_funds', message: 'insufficient funds: available 1000 < 3000' },
        nextAttemptAt: '2031-07-02T00:00:00.000Z',
      }),
    );
    expect(failed.subject).toBe('Gia hạn không thành công: VPS small (30,00 US$)');
    expect(failed.text).toContain('chúng tôi sẽ thử lại vào 02/07/2031');
    expect(failed.text).toContain('Lý do: ví không đủ số dư để thanh toán khoản gia hạn');
    expect(failed.text).not.toContain('insufficient funds');
    expect(failed.text).toContain('— Acme');
    // A wallet on hold (a reversed payment left it owing) is said as such, not as a short wallet.
    const held = plain(
      renewalFailedEmail(vi, {
        ...renewal,
        reason: { code: 'wallet_on_hold', message: 'this wallet is on hold' },
        nextAttemptAt: '2031-07-02T00:00:00.000Z',
      }),
    );
    expect(held.text).toContain('Lý do: ví đang bị tạm giữ');
    const english = renewalFailedEmail(en, {
      ...renewal,
      reason: { code: 'insufficient_funds', message: 'insufficient funds: available 1000 < 3000' },
      nextAttemptAt: '2031-07-02T00:00:00.000Z',
    });
    expect(english.text).toContain('Reason: insufficient funds: available 1000 < 3000');
  });
});

describe('wallet alert emails', () => {
  const alert = {
    id: 'alr_1',
    walletId: 'wal_1',
    customerId: 'cus_1',
    type: 'wallet.balance_low' as const,
    reason: 'threshold' as const,
    message: 'Available balance $10.00 is below $40.00',
    availableBalance: 1_000,
    currency: 'USD' as const,
    threshold: 4_000,
    runwayDays: null,
    daysLeft: null,
    channels: ['email' as const],
    createdAt: AT,
  };

  it('in English: the alert message as the server wrote it, with the lines it always had', () => {
    expect(walletAlertEmail(en, alert)).toEqual({
      subject: 'Low balance: wallet wal_1 ($10.00 available)',
      text: `Available balance $10.00 is below $40.00\n\nWallet: wal_1\nAvailable balance: $10.00\nAt: ${AT}\n`,
      html: `<p>Available balance $10.00 is below $40.00</p><p>Wallet: wal_1<br>Available balance: $10.00<br>At: ${AT}</p>`,
    });
  });

  it('in Vietnamese: worded from what crossed; a failed auto top-up quotes its reason', () => {
    const low = plain(
      walletAlertEmail(vi, { ...alert, currency: 'VND', availableBalance: 1_500_000, threshold: 2_000_000 }),
    );
    expect(low.subject).toBe('Số dư thấp: ví wal_1 (khả dụng 1.500.000 ₫)');
    expect(low.text).toBe(
      'Số dư khả dụng 1.500.000 ₫ thấp hơn 2.000.000 ₫\n\nVí: wal_1\nSố dư khả dụng: 1.500.000 ₫\nLúc: 07:05 01/06/2031 (UTC)\n',
    );
    const runway = walletAlertEmail(vi, {
      ...alert,
      reason: 'runway',
      threshold: null,
      runwayDays: 7,
      daysLeft: 3,
    });
    expect(runway.text).toMatch(/^Còn khoảng 3 ngày chi tiêu, dưới mức 7 ngày/);
    const failed = walletAlertEmail(vi, {
      ...alert,
      type: 'wallet.auto_top_up_failed',
      reason: null,
      message: 'Auto top-up of $50.00 failed: card declined.',
    });
    expect(failed.subject).toMatch(/^Tự động nạp tiền thất bại: ví wal_1/);
    expect(failed.text).toMatch(
      /^Tự động nạp tiền cho ví này không thành công\. Chi tiết: Auto top-up of \$50\.00 failed/,
    );
  });

  it('a failed auto top-up is worded from its particulars: in English as the server said it, in Vietnamese with a Vietnamese moment', () => {
    const failure = {
      amount: 5_000,
      upTo: false,
      error: 'card declined',
      nextAttemptAt: AT,
      failures: 1,
      switchedOff: false,
    };
    const failed = {
      ...alert,
      type: 'wallet.auto_top_up_failed' as const,
      reason: null,
      threshold: null,
      message: `Auto top-up of $50.00 failed: card declined. Next try at ${AT}.`,
      autoTopUp: failure,
    };
    expect(walletAlertEmail(en, failed).text).toMatch(
      /^Auto top-up of \$50\.00 failed: card declined\. Next try at 2031-06-01T07:05:00\.000Z\.\n/,
    );
    expect(plain(walletAlertEmail(vi, failed)).text).toMatch(
      /^Tự động nạp 50,00 US\$ thất bại: card declined\. Lần thử tiếp theo: 07:05 01\/06\/2031 \(UTC\)\.\n/,
    );
    const upTo = {
      ...failed,
      currency: 'VND' as const,
      autoTopUp: { ...failure, amount: 500_000, upTo: true },
    };
    expect(walletAlertEmail(en, upTo).text).toMatch(
      /^Auto top-up of up to ₫500,000 failed: card declined\. Next try at /,
    );
    expect(plain(walletAlertEmail(vi, upTo)).text).toMatch(
      /^Tự động nạp lên đến 500\.000 ₫ thất bại: card declined\. Lần thử/,
    );
    const off = { ...failed, autoTopUp: { ...failure, nextAttemptAt: null, failures: 4, switchedOff: true } };
    expect(walletAlertEmail(en, off).text).toMatch(
      /^Auto top-up failed: card declined\. Switched off after 4 failed charges in a row \(last: card declined\)\. Check the payment method/,
    );
    expect(walletAlertEmail(vi, off).text).toMatch(
      /^Tự động nạp tiền thất bại: card declined\. Đã tắt sau 4 lần trừ tiền thất bại liên tiếp \(lần cuối: card declined\)/,
    );
  });

  it('a failed auto top-up’s error is worded from its reason in the email’s language; the English when it has none known', () => {
    const failure: AutoTopUpFailure = {
      amount: 5_000,
      upTo: false,
      error: 'The payment was declined.',
      errorReason: { key: 'payment_failed', values: { code: 'declined' } },
      nextAttemptAt: AT,
      failures: 1,
      switchedOff: false,
    };
    const failed = {
      ...alert,
      type: 'wallet.auto_top_up_failed' as const,
      reason: null,
      threshold: null,
      message: `Auto top-up of $50.00 failed: The payment was declined.. Next try at ${AT}.`,
      autoTopUp: failure,
    };
    const said = (text: typeof en, facts: AutoTopUpFailure) =>
      plain(walletAlertEmail(text, { ...failed, autoTopUp: facts })).text.split('\n')[0];
    expect(said(en, failure)).toBe(
      `Auto top-up of $50.00 failed: The payment was declined. Next try at ${AT}.`,
    );
    expect(said(vi, failure)).toBe(
      'Tự động nạp 50,00 US$ thất bại: Thanh toán bị từ chối. Lần thử tiếp theo: 07:05 01/06/2031 (UTC).',
    );
    const off = { ...failure, nextAttemptAt: null, failures: 4, switchedOff: true };
    expect(said(vi, off)).toBe(
      'Tự động nạp tiền thất bại: Thanh toán bị từ chối. Đã tắt sau 4 lần trừ tiền thất bại liên tiếp (lần cuối: Thanh toán bị từ chối). Hãy kiểm tra phương thức thanh toán, rồi bật lại tự động nạp tiền.',
    );
    const applied = {
      ...failure,
      errorReason: { key: 'payment_failed', values: { code: 'applied_to_other_payment' } },
    };
    expect(said(vi, applied)).toMatch(
      /thất bại: Nhân viên đã áp dụng khoản tiền đến cho khoản thanh toán này vào một khoản thanh toán khác\. /,
    );
    const offered = {
      ...failure,
      error: 'Sandbox test card is not offered by this reseller',
      errorReason: { key: 'error_code', values: { code: 'method_unavailable' } },
    };
    expect(said(vi, offered)).toMatch(
      /thất bại: Đại lý hiện không còn cung cấp phương thức thanh toán này\. /,
    );
    // A limit refusal, its amounts in the email's language.
    const limit = {
      ...failure,
      error: 'a top-up must be between $1.00 and $10.00',
      errorReason: { key: 'top_up_limit', values: { min: 100, max: 1_000, currency: 'USD' } },
    };
    expect(said(vi, limit)).toMatch(
      /^Tự động nạp 50,00 US\$ thất bại: Số tiền nạp phải từ 1,00 US\$ đến 10,00 US\$\. /,
    );
    expect(said(en, limit)).toMatch(
      /^Auto top-up of \$50\.00 failed: A top-up must be between \$1\.00 and \$10\.00\. /,
    );
    const ended = {
      ...failure,
      error: 'the payment expired',
      errorReason: { key: 'payment_ended', values: { status: 'expired' } },
    };
    expect(said(vi, ended)).toMatch(/thất bại: Thanh toán đã hết hạn\. /);
    const removed = {
      ...failure,
      error: 'the saved payment method was removed',
      errorReason: { key: 'saved_method_removed', values: {} },
    };
    expect(said(vi, removed)).toMatch(/thất bại: Phương thức thanh toán đã lưu đã bị xoá\. /);
    // None (an older alert), or one this server's emails do not word: the English, quoted.
    const gateway = { ...failure, error: 'Your card has insufficient funds.', errorReason: null };
    expect(said(vi, gateway)).toMatch(/thất bại: Your card has insufficient funds\. Lần thử/);
    const unknown = {
      ...failure,
      errorReason: { key: 'payment_failed', values: { code: 'struck_by_lightning' } },
    };
    expect(said(vi, unknown)).toMatch(/thất bại: The payment was declined\. Lần thử/);
    // A declined card: the bank's reason, from the provider's decline code, where the emails word it.
    const bank = (declineCode: string) => ({
      ...failure,
      errorReason: { key: 'payment_failed', values: { code: 'declined', declineCode } },
    });
    expect(said(en, bank('expired_card'))).toBe(
      `Auto top-up of $50.00 failed: Declined by the bank: the card has expired. Next try at ${AT}.`,
    );
    expect(said(vi, bank('insufficient_funds'))).toMatch(
      /thất bại: Bị ngân hàng từ chối: thẻ không đủ tiền\. Lần thử/,
    );
    // One the payer must not be told (lost, stolen), or one these words do not know: the plain decline.
    expect(said(vi, bank('lost_card'))).toMatch(/thất bại: Thanh toán bị từ chối\. Lần thử/);
    expect(said(en, bank('a_code_from_the_future'))).toMatch(/failed: The payment was declined\. Next/);
    // PayPal's issues for a vaulted account's charge it declined.
    expect(said(en, bank('PAYER_ACTION_REQUIRED'))).toMatch(
      /failed: Declined: PayPal needs the account holder to confirm each payment in PayPal, which an automatic charge cannot ask for\. Next/,
    );
    expect(said(vi, bank('INSTRUMENT_DECLINED'))).toMatch(
      /thất bại: Bị từ chối: thẻ hoặc tài khoản ngân hàng thanh toán qua PayPal đã từ chối\. Lần thử/,
    );
    expect(said(vi, bank('TRANSACTION_REFUSED'))).toMatch(
      /thất bại: Bị PayPal từ chối mà không nêu lý do\. Lần thử/,
    );
  });
});

describe('an auto top-up charge waiting on its provider', () => {
  const waiting = {
    walletId: 'wal_1',
    provider: 'stripe' as const,
    amount: 500_000,
    currency: 'VND' as const,
    since: '2031-06-01T07:05:00.000Z',
    asks: 7,
  };

  it('tells the reseller in English and Vietnamese: the amount in its currency, since when, how often asked', () => {
    const english = autoTopUpWaitingEmail(en, waiting);
    expect(english.subject).toBe('Auto top-up charge waiting on Stripe: wallet wal_1');
    expect(english.text).toContain(
      'The auto top-up charge of ₫500,000 for wallet wal_1 has waited for Stripe',
    );
    expect(english.text).toContain('since 2031-06-01T07:05:00.000Z');
    expect(english.text).toContain('(7 tries so far)');
    const vietnamese = autoTopUpWaitingEmail(vi, waiting);
    expect(vietnamese.subject).toBe('Lần tự động nạp tiền đang chờ Stripe: ví wal_1');
    expect(vietnamese.text.replace(/\u00a0/g, ' ')).toContain(
      'Lần tự động nạp 500.000 ₫ cho ví wal_1 đã chờ Stripe xác nhận từ 07:05 01/06/2031 (UTC)',
    );
    expect(vietnamese.html).toContain('(đã thử 7 lần)');
  });
});
