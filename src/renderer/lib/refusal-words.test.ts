import { describe, expect, it } from 'vitest';
import { i18n } from '../i18n';
import { refusalWords } from './refusal-words';

type Reason = Parameters<typeof refusalWords>[0];

/**
 * Each reason worded in English (the whole sentence, or matching it) and in Vietnamese; the console
 * is left in English.
 */
async function expectWorded(
  cases: ReadonlyArray<readonly [Reason, string | RegExp, RegExp]>,
  english: 'whole' | 'matching',
) {
  try {
    for (const [reason, inEnglish, vietnamese] of cases) {
      await i18n.changeLanguage('en');
      if (english === 'whole') expect(refusalWords(reason)).toBe(inEnglish);
      else expect(refusalWords(reason)).toMatch(inEnglish);
      await i18n.changeLanguage('vi');
      expect(refusalWords(reason)).toMatch(vietnamese);
    }
  } finally {
    await i18n.changeLanguage('en');
  }
}

describe('refusalWords', () => {
  it('words a refund the provider refused, and why, in English and Vietnamese', async () => {
    await expectWorded(
      [
        [
          { key: 'refund_refused', values: { refund: 'rfd_1', provider: 'stripe', code: 'disputed' } },
          'The payment provider refused this refund (the payment is disputed): its amount is back on the wallet.',
          /^Nhà cung cấp thanh toán đã từ chối khoản hoàn tiền này \(khoản thanh toán đang bị khiếu nại\): số tiền đã trở lại ví\.$/,
        ],
      ],
      'whole',
    );
    // A code this console does not know: the server's English.
    expect(refusalWords({ key: 'refund_refused', values: { provider: 'stripe', code: 'lost' } })).toBeNull();
  });

  it('words a refund that failed after its wallet was closed: its money waits in a review, not on the wallet', async () => {
    await expectWorded(
      [
        [
          { key: 'refund_refused_review', values: { refund: 'rfd_1', provider: 'stripe', code: 'refused' } },
          'The payment provider refused this refund (refused by the provider) after the wallet was closed: its amount did not go back to the wallet, and waits in a payment review for staff to place.',
          /^Nhà cung cấp thanh toán đã từ chối khoản hoàn tiền này \(bị nhà cung cấp từ chối\) sau khi ví đã đóng: số tiền không trở lại ví mà đang chờ trong mục xem xét thanh toán/,
        ],
      ],
      'whole',
    );
  });

  it('words a wallet on hold, naming its currency, in English and Vietnamese', async () => {
    const reason = { key: 'wallet_on_hold', values: { currency: 'USD' } };
    await i18n.changeLanguage('en');
    expect(refusalWords(reason)).toBe(
      'The USD wallet is on hold: a reversed payment left it owing money, and it takes no new spending until that is settled.',
    );
    await i18n.changeLanguage('vi');
    expect(refusalWords(reason)).toMatch(/^Ví USD đang bị tạm giữ/);
    await i18n.changeLanguage('en');
    // Without the currency it carries, the server's English shows instead.
    expect(refusalWords({ key: 'wallet_on_hold', values: {} })).toBeNull();
  });

  it('words a wallet still in use by listing what uses it, only the non-zero counts, plural as each language has it', async () => {
    const inUse = (counts: Partial<Record<string, number>>, currency = 'USD') => ({
      key: 'wallet_in_use',
      values: {
        currency,
        holds: 0,
        subscriptions: 0,
        provisioningOrders: 0,
        autoTopUpCharging: 0,
        ...counts,
      },
    });
    await expectWorded(
      [
        [
          inUse({ holds: 2, provisioningOrders: 1 }),
          'The USD wallet is still in use: 2 pending holds, 1 order being provisioned. Settle them first.',
          /^Ví USD vẫn đang được sử dụng: 2 khoản giữ tiền đang chờ, 1 đơn hàng đang được cung cấp\. Hãy giải quyết xong trước\.$/,
        ],
        [
          inUse({ holds: 1, subscriptions: 3, autoTopUpCharging: 1 }, 'VND'),
          'The VND wallet is still in use: 1 pending hold, 3 running subscriptions, an auto top-up charge under way. Settle them first.',
          /^Ví VND vẫn đang được sử dụng: 1 khoản giữ tiền đang chờ, 3 gói đăng ký đang chạy, một lần nạp tiền tự động đang được thực hiện\. /,
        ],
        [
          inUse({ subscriptions: 1, provisioningOrders: 1_200 }),
          'The USD wallet is still in use: 1 running subscription, 1,200 orders being provisioned. Settle them first.',
          /: 1 gói đăng ký đang chạy, 1\.200 đơn hàng đang được cung cấp\. /,
        ],
        // Money reserved with no hold counted: the server says "pending charges".
        [
          inUse({}),
          'The USD wallet is still in use: pending charges. Settle them first.',
          /^Ví USD vẫn đang được sử dụng: các khoản phí đang chờ\. /,
        ],
      ],
      'whole',
    );
    // Without its counts (an older server, or one not a count), the server's English shows instead.
    expect(refusalWords({ key: 'wallet_in_use', values: { currency: 'USD' } })).toBeNull();
    expect(refusalWords(inUse({ holds: -1 }))).toBeNull();
    expect(refusalWords(inUse({ holds: 1.5 }))).toBeNull();
    expect(refusalWords({ key: 'wallet_in_use', values: { ...inUse({}).values, holds: '2' } })).toBeNull();
  });

  it('words closing a wallet on hold as a close refused, not as spending refused', async () => {
    const reason = { key: 'wallet_on_hold_close', values: { currency: 'USD' } };
    await i18n.changeLanguage('en');
    expect(refusalWords(reason)).toBe(
      'The USD wallet is on hold: a reversed payment left it owing money, and it cannot be closed until that is settled.',
    );
    await i18n.changeLanguage('vi');
    expect(refusalWords(reason)).toBe(
      'Ví USD đang bị tạm giữ: một khoản thanh toán bị hoàn khiến ví còn nợ, và ví không thể đóng cho đến khi khoản nợ được thanh toán.',
    );
    await i18n.changeLanguage('en');
    expect(refusalWords({ key: 'wallet_on_hold_close', values: {} })).toBeNull();
  });

  it('words the refusals of the payment screens in English and Vietnamese', async () => {
    const cases: [{ key: string; values: Record<string, string | number> }, string, RegExp][] = [
      [
        { key: 'payment_not_cancellable', values: { status: 'processing' } },
        'This payment can no longer be cancelled: it is “Processing”. Only a payment nobody has started paying can be cancelled.',
        /^Không thể hủy khoản thanh toán này nữa: trạng thái hiện tại là “Đang xử lý”/,
      ],
      [
        { key: 'payment_held_for_review', values: {} },
        'This payment was paid and is waiting for staff: the wallet could not take the money. It cannot be cancelled; staff will credit it.',
        /^Khoản thanh toán này đã được trả và đang chờ nhân viên xử lý: ví không thể nhận khoản tiền này\./,
      ],
      [
        { key: 'payment_held_unanswered', values: {} },
        'This charge is not confirmed: staff are checking with the provider whether it was made. It cannot be cancelled; if it was never made, marking its review resolved ends it and nothing is charged.',
        /^Khoản thu này chưa được xác nhận: nhân viên đang kiểm tra với nhà cung cấp xem khoản thu đã được thực hiện chưa\./,
      ],
      [
        { key: 'invoice_payment_held', values: { invoice: 'INV-2026-000001', payment: 'pay_1' } },
        'Invoice INV-2026-000001 was paid: its payment arrived and is waiting for staff, because the wallet could not take the money. It takes no other payment; staff will credit it.',
        /^Hóa đơn INV-2026-000001 đã được thanh toán: khoản tiền đã đến và đang chờ nhân viên xử lý/,
      ],
      [
        { key: 'invoice_void_processing', values: { invoice: 'INV-2026-000001', payment: 'pay_1' } },
        'Invoice INV-2026-000001 cannot be voided while payment pay_1 is being confirmed by its provider; try again once it ends.',
        /^Không thể hủy hóa đơn INV-2026-000001 khi khoản thanh toán pay_1 đang được nhà cung cấp xác nhận/,
      ],
      [
        { key: 'invoice_void_payment_held', values: { invoice: 'INV-2026-000001', payment: 'pay_1' } },
        'Invoice INV-2026-000001 cannot be voided: it was paid by payment pay_1, which waits for staff because the wallet could not take the money. Staff will credit it to the invoice.',
        /^Không thể hủy hóa đơn INV-2026-000001: hóa đơn đã được thanh toán bằng khoản thanh toán pay_1/,
      ],
      [
        { key: 'payment_never_opened', values: {} },
        'This payment never reached the payment page: there is nothing to verify.',
        /^Khoản thanh toán này chưa từng tới trang thanh toán/,
      ],
      [
        { key: 'top_up_limit', values: { min: 10_000, max: 400_000_000, currency: 'VND' } },
        'A top-up must be between ₫10,000 and ₫400,000,000.',
        /^Số tiền nạp phải từ 10\.000\s₫ đến 400\.000\.000\s₫\.$/,
      ],
      [
        { key: 'payment_not_refundable', values: { status: 'new' } },
        'Only a paid top-up can be refunded; this one is “Awaiting payment”.',
        /“Chờ thanh toán”\.$/,
      ],
      [
        { key: 'refund_at_most', values: { amount: 1_250, currency: 'USD' } },
        'At most $12.50 of this payment can still be refunded.',
        /^Chỉ còn có thể hoàn lại tối đa .*12,50/,
      ],
      [
        { key: 'refund_nothing_left', values: {} },
        'Nothing of this payment is left to refund.',
        /^Khoản thanh toán này không còn gì để hoàn lại\.$/,
      ],
      [
        { key: 'refund_came_first', values: {} },
        'Another refund of this payment came first: less is left to refund.',
        /^Một lần hoàn tiền khác/,
      ],
    ];
    await expectWorded(cases, 'whole');
    // Without what they carry (an unknown status, no currency), the server's English shows instead.
    expect(refusalWords({ key: 'payment_not_cancellable', values: { status: 'lost' } })).toBeNull();
    expect(refusalWords({ key: 'refund_at_most', values: { amount: 1_250 } })).toBeNull();
    expect(
      refusalWords({ key: 'invoice_void_processing', values: { invoice: 'INV-2026-000001' } }),
    ).toBeNull();
  });

  it('words verifying with no answer or the wrong kind of proof, and applying a reviewed transfer, in English and Vietnamese', async () => {
    const cases: [{ key: string; values: Record<string, string | number> }, RegExp, RegExp][] = [
      [
        { key: 'verify_unreachable', values: { source: 'chain' } },
        /^The chain could not be reached to check this transaction\. Nothing was changed/,
        /^Không kết nối được tới blockchain/,
      ],
      [
        { key: 'verify_unreachable', values: { source: 'bank' } },
        /^The bank feed could not be reached/,
        /^Không kết nối được tới nguồn dữ liệu ngân hàng/,
      ],
      [
        { key: 'verify_not_crypto', values: {} },
        /^This is not a crypto payment: a transaction hash cannot verify it\.$/,
        /^Đây không phải là khoản thanh toán bằng tiền mã hóa: không thể dùng mã băm giao dịch để kiểm tra\.$/,
      ],
      [
        { key: 'verify_not_bank', values: {} },
        /^This is not a bank transfer \(VietQR\): a bank reference cannot verify it\.$/,
        /^Đây không phải là khoản chuyển khoản ngân hàng \(VietQR\)/,
      ],
      [
        { key: 'review_already_applied', values: {} },
        /^This transfer was already applied\.$/,
        /^Khoản chuyển khoản này đã được áp dụng rồi\.$/,
      ],
      [
        { key: 'review_already_resolved', values: {} },
        /^This review is already resolved/,
        /^Mục cần xem xét này đã được xử lý/,
      ],
      [{ key: 'review_without_transfer', values: {} }, /no money to apply\.$/, /không có tiền để áp dụng\.$/],
      [
        { key: 'review_payment_already_paid', values: {} },
        /^This payment is already paid/,
        /^Khoản thanh toán này đã được thanh toán/,
      ],
      [
        { key: 'review_payment_held', values: {} },
        /^This payment is held for a review of its own money/,
        /^Khoản thanh toán này đang được giữ chờ xem xét/,
      ],
      [
        { key: 'review_other_currency', values: { transfer: 'VND', target: 'USD' } },
        /^The transfer is in VND and this is in USD: apply it to a VND wallet\.$/,
        /^Khoản chuyển khoản bằng VND còn nơi nhận dùng USD/,
      ],
      [
        { key: 'review_without_invoice', values: {} },
        /^This money was not paid for an invoice/,
        /^Khoản tiền này không được thanh toán cho hóa đơn nào/,
      ],
      [
        { key: 'review_invoice_not_payable', values: { invoice: 'INV-2026-0007', status: 'paid' } },
        /^Invoice INV-2026-0007 is already paid: apply the money to the wallet instead\.$/,
        /^Hóa đơn INV-2026-0007 đã được thanh toán rồi/,
      ],
      [
        { key: 'review_invoice_not_payable', values: { invoice: 'INV-2026-0007', status: 'void' } },
        /^Invoice INV-2026-0007 takes no payment \(it is a draft or void\)/,
        /^Hóa đơn INV-2026-0007 không nhận thanh toán/,
      ],
    ];
    await expectWorded(cases, 'matching');
    expect(refusalWords({ key: 'verify_unreachable', values: { source: 'moon' } })).toBeNull();
  });

  it('words the saved-method, payer and crypto quote refusals of a top-up in English and Vietnamese', async () => {
    const cases: [{ key: string; values: Record<string, string | number> }, string | RegExp, RegExp][] = [
      [
        { key: 'payer_not_found', values: {} },
        'This payer is not one of this customer’s payers (it may have been removed): choose another.',
        /^Người thanh toán này không thuộc khách hàng này/,
      ],
      [
        { key: 'save_method_needs_payer', values: {} },
        'A saved method belongs to a payer: choose the payer to save it for.',
        /^Phương thức đã lưu thuộc về một người thanh toán/,
      ],
      [
        { key: 'saved_method_not_found', values: {} },
        /^This saved method no longer exists/,
        /^Phương thức đã lưu này không còn tồn tại/,
      ],
      [
        { key: 'saved_method_not_confirmed', values: { status: 'pending' } },
        'This saved method cannot pay yet: it is “Pending check”, not confirmed.',
        /trạng thái là “Đang chờ kiểm tra”, chưa được xác nhận\.$/,
      ],
      [
        { key: 'saved_method_other_provider', values: { provider: 'sandbox' } },
        'This saved method is for Sandbox test card, not for the method chosen: choose Sandbox test card to pay with it.',
        /^Phương thức đã lưu này dùng cho .+, không phải cho phương thức đã chọn/,
      ],
      [
        { key: 'saved_method_other_payer', values: {} },
        /^This saved method belongs to another payer/,
        /^Phương thức đã lưu này thuộc về người thanh toán khác/,
      ],
      [
        { key: 'coin_not_chosen', values: {} },
        'A crypto top-up needs a coin and its network: choose one of the coins offered.',
        /^Nạp tiền bằng tiền mã hóa cần chọn đồng tiền và mạng của nó: hãy chọn một trong các đồng tiền được hỗ trợ\.$/,
      ],
      [
        { key: 'coin_not_offered', values: { asset: 'BTC', currency: 'VND' } },
        'BTC is not offered for VND top-ups: choose another coin.',
        /^BTC không được hỗ trợ cho khoản nạp bằng VND/,
      ],
      [
        { key: 'coin_amount_too_small', values: { amount: 1, currency: 'USD', asset: 'BTC' } },
        '$0.01 is too small to invoice in BTC: top up a larger amount.',
        /^0,01\sUS\$ quá nhỏ để lập hóa đơn bằng BTC/,
      ],
    ];
    await expectWorded(cases, 'matching');
    // Without what they carry (an unknown status or provider, no currency), the server's English shows.
    expect(refusalWords({ key: 'saved_method_not_confirmed', values: { status: 'lost' } })).toBeNull();
    expect(refusalWords({ key: 'saved_method_other_provider', values: { provider: 'moon' } })).toBeNull();
    expect(refusalWords({ key: 'coin_amount_too_small', values: { amount: 1, asset: 'BTC' } })).toBeNull();
  });

  it('words a coin that cannot be paid, its rate, and an expired payment in English and Vietnamese', async () => {
    const cases: [Reason, string, RegExp][] = [
      [
        { key: 'coin_network_unwatched', values: { asset: 'BTC', network: 'bitcoin' } },
        'Bitcoin (BTC) cannot be paid here: nothing on this server watches its network, so the payment could never be confirmed. Choose another coin.',
        /^Không thể thanh toán bằng Bitcoin \(BTC\) tại đây: máy chủ này không theo dõi mạng/,
      ],
      [
        { key: 'coin_no_account_key', values: { asset: 'USDT', network: 'tron' } },
        'USDT on Tron (TRC-20) is not offered: the reseller has set no account key (xpub) for its network. Choose another coin.',
        /^USDT trên Tron \(TRC-20\) không được hỗ trợ: đại lý chưa thiết lập khóa tài khoản \(xpub\)/,
      ],
      [
        {
          key: 'coin_test_chain_no_usdt',
          values: { asset: 'USDT', network: 'ethereum', chainId: 11_155_111 },
        },
        'USDT on Ethereum (ERC-20) is not offered on test chain 11155111: the reseller has not set that chain’s USDT contract. Choose another coin.',
        /^USDT trên Ethereum \(ERC-20\) không được hỗ trợ trên chuỗi thử nghiệm 11155111: đại lý chưa thiết lập hợp đồng USDT/,
      ],
      [
        { key: 'coin_addresses_used_up', values: { network: 'tron' } },
        'Every Tron (TRC-20) address of the reseller’s account key (xpub) has been used: no payment can be taken on that network until the reseller sets a new key. Choose another coin.',
        /^Mọi địa chỉ Tron \(TRC-20\) của khóa tài khoản \(xpub\) của đại lý đều đã được dùng: không thể nhận thanh toán trên mạng này/,
      ],
      [
        { key: 'coin_gap_limit_reached', values: { network: 'bitcoin', limit: 20 } },
        'The last 20 Bitcoin addresses handed out are all still unpaid, the most the reseller’s wallet scans: no new one is given until one is paid or the reseller raises the gap limit. Choose another coin.',
        /^20 địa chỉ Bitcoin được cấp gần nhất đều chưa được thanh toán/,
      ],
      [
        { key: 'coin_rate_unavailable', values: { asset: 'ETH', currency: 'VND' } },
        'No live ETH/VND rate is available right now, so crypto top-ups are paused. Try again shortly.',
        /^Hiện chưa có tỷ giá trực tiếp ETH\/VND nên việc nạp tiền bằng tiền mã hóa đang tạm dừng\./,
      ],
      [
        { key: 'coin_rate_stale', values: { asset: 'BTC', currency: 'USD', minutes: 20 } },
        'The live BTC/USD rate is 20 min old, so crypto top-ups are paused until it is fresh. Try again shortly.',
        /^Tỷ giá trực tiếp BTC\/USD đã không được cập nhật trong 20 phút/,
      ],
      [
        { key: 'coin_rates_no_source', values: {} },
        'Live coin rates are on, but this server has no rate source: the reseller can set the rates by hand, or ask the server’s operator.',
        /^Tỷ giá tiền mã hóa trực tiếp đang bật nhưng máy chủ này không có nguồn tỷ giá/,
      ],
      [
        { key: 'payment_already_expired', values: {} },
        'This payment has already expired: start a new top-up.',
        /^Khoản thanh toán này đã hết hạn: hãy bắt đầu một lần nạp tiền mới\.$/,
      ],
    ];
    await expectWorded(cases, 'whole');
    // A rail the console does not know, or a rate without its age, shows the server's English.
    expect(
      refusalWords({ key: 'coin_no_account_key', values: { asset: 'BTC', network: 'tron' } }),
    ).toBeNull();
    expect(refusalWords({ key: 'coin_rate_stale', values: { asset: 'BTC', currency: 'USD' } })).toBeNull();
    expect(refusalWords({ key: 'coin_addresses_used_up', values: { network: 'moon' } })).toBeNull();
  });

  it('words revoking a link already used to pay in English and Vietnamese', async () => {
    await expectWorded(
      [
        [
          { key: 'top_up_link_nothing_to_revoke', values: {} },
          'This link was already used to pay: there is nothing left to revoke.',
          /^Liên kết này đã được dùng để thanh toán: không còn gì để thu hồi\.$/,
        ],
      ],
      'whole',
    );
  });

  it('words the refusals of orders, subscriptions and wallets in English and Vietnamese, amounts in their currency', async () => {
    await expectWorded(
      [
        [
          { key: 'product_not_on_sale', values: {} },
          'This product is not on sale.',
          /^Sản phẩm này không còn được bán\.$/,
        ],
        [
          { key: 'order_too_large', values: { max: 100_000_000_000_000, currency: 'VND' } },
          'An order may come to at most ₫100,000,000,000,000.',
          /^Một đơn hàng chỉ được tối đa 100\.000\.000\.000\.000\s₫\.$/,
        ],
        [
          { key: 'provisioned_too_many', values: { quantity: 3 } },
          'The order is for 3: at most that many can be provisioned.',
          /^Đơn hàng có 3 đơn vị/,
        ],
        [
          { key: 'order_already_settled', values: { order: 'ORD-1', status: 'failed' } },
          'Order ORD-1 is already settled: “Failed”.',
          /^Đơn hàng ORD-1 đã được xử lý xong: “Thất bại”\.$/,
        ],
        [
          { key: 'subscription_already_ended', values: { status: 'expired' } },
          'This subscription has already ended: “Expired”.',
          /^Gói đăng ký này đã kết thúc: “Đã hết hạn”\.$/,
        ],
        [
          { key: 'subscription_ended_order_again', values: { status: 'cancelled' } },
          'This subscription is “Ended”: order the product again instead.',
          /^Gói đăng ký này ở trạng thái “Đã kết thúc”: hãy đặt mua lại sản phẩm\.$/,
        ],
        [
          { key: 'subscription_changed_meanwhile', values: {} },
          'This subscription changed meanwhile (renewed or ended); try again.',
          /^Gói đăng ký này vừa thay đổi/,
        ],
        [
          { key: 'wallet_exists', values: { currency: 'VND' } },
          'This customer already has a VND wallet.',
          /^Khách hàng này đã có ví VND\.$/,
        ],
        [
          { key: 'refund_required', values: { amount: 1_250, currency: 'USD' } },
          'This wallet still holds $12.50: say where the balance is refunded before closing it.',
          /^Ví này vẫn còn 12,50\sUS\$/,
        ],
        [
          { key: 'refund_left_over', values: { amount: 50_000, currency: 'VND' } },
          '₫50,000 is left after refunding the top-ups to their sources: say where it is paid out.',
          /^Còn lại 50\.000\s₫ sau khi hoàn/,
        ],
        [
          { key: 'payout_needs_reference', values: {} },
          'A manual payout needs its reference.',
          /^Khoản chi trả thủ công cần có mã tham chiếu\.$/,
        ],
        [
          { key: 'wallet_changed_while_closing', values: {} },
          'The wallet was held or credited while closing; try again.',
          /^Ví vừa bị giữ tiền hoặc được ghi có trong lúc đóng; hãy thử lại\.$/,
        ],
        [
          { key: 'held_refund_outcome_required', values: {} },
          'Say what you found at the provider first: whether this refund was made.',
          /^Hãy cho biết trước bạn tìm thấy gì tại nhà cung cấp/,
        ],
        [
          { key: 'refund_outcome_not_asked', values: {} },
          'Only the review of an unconfirmed refund asks what was found at the provider.',
          /^Chỉ mục xem xét của một khoản hoàn tiền chưa được xác nhận/,
        ],
        [
          { key: 'held_refund_settled', values: { status: 'succeeded' } },
          'This refund was already marked refunded when its review was first resolved: nothing changed.',
          /^Khoản hoàn tiền này đã được đánh dấu là đã hoàn tiền/,
        ],
        [
          { key: 'held_refund_settled', values: { status: 'failed' } },
          'This refund was already marked failed, and the wallet credited back, when its review was first resolved: nothing changed.',
          /^Khoản hoàn tiền này đã được đánh dấu là thất bại/,
        ],
      ],
      'matching',
    );
    // Without what each reason carries (or with a status it does not know), the server's English shows.
    expect(refusalWords({ key: 'order_too_large', values: { max: 5 } })).toBeNull();
    expect(refusalWords({ key: 'subscription_already_ended', values: { status: 'gone' } })).toBeNull();
    expect(refusalWords({ key: 'refund_required', values: { currency: 'USD' } })).toBeNull();
    expect(refusalWords({ key: 'held_refund_settled', values: { status: 'pending' } })).toBeNull();
  });
});
