import { afterEach, describe, expect, it } from 'vitest';
import { applyLanguage } from '../i18n';
import { heldRefundDetail } from '../../shared/api/held-refund';
import { heldRefundChoices, resolveWithoutCreditingText, reviewDetailText } from './review-words';

type Review = Parameters<typeof reviewDetailText>[0];

/** A held refund's review, in the sentence the server writes (the same builder: see held-refund.ts). */
const HELD_DETAIL = heldRefundDetail({
  provider: 'paypal',
  refundId: 'rfd_1',
  amount: 2000,
  currency: 'USD',
  askedAt: '2026-12-07T10:00:00.000Z',
  keptHours: 6,
});

// The sentences as src/server/payments writes them (settle.ts, service.ts, late-watch.ts, reversals.ts).
const cases: [Review, RegExp, RegExp][] = [
  [
    {
      reason: 'amount',
      detail: 'the provider reports 8000 USD minor units paid; expected 10000 USD minor units',
    },
    /^The provider reports \$80\.00 \(Paid\), but \$100\.00 was due\.$/,
    /^Nhà cung cấp báo 80,00\sUS\$ \(Đã thanh toán\), nhưng số tiền phải trả là 100,00\sUS\$\.$/,
  ],
  [
    {
      reason: 'amount',
      detail:
        'part of the 250000 VND minor units due arrived before the payment expired; nothing was credited',
    },
    /^Part of the ₫250,000 due arrived before the payment expired\./,
    /^Một phần của 250\.000\s₫ phải trả đã đến trước khi khoản thanh toán hết hạn\./,
  ],
  [
    {
      reason: 'recipient',
      detail: 'the provider reports the money went to acct_other, not to this merchant',
    },
    /^The provider reports the money went to acct_other, not to this merchant\.$/,
    /^Nhà cung cấp báo tiền đã được chuyển tới acct_other/,
  ],
  [
    { reason: 'reference', detail: "the provider's answer names reference RC-XYZ, not this payment" },
    /names reference RC-XYZ, not this payment\.$/,
    /ghi mã tham chiếu RC-XYZ/,
  ],
  [
    {
      reason: 'overpaid',
      detail:
        'the provider reports 12000 USD minor units of 10300 USD minor units due; 10000 were credited, the excess needs a decision',
    },
    /^The provider reports \$120\.00 of \$103\.00 due\. \$100\.00 was credited;/,
    /^Nhà cung cấp báo 120,00\sUS\$ trên 103,00\sUS\$ phải trả\. Đã ghi có 100,00\sUS\$;/,
  ],
  [
    {
      reason: 'unmatched',
      detail: '500000 VND to 0123456789 with content "RC ABC123" matches no open payment',
    },
    /^₫500,000 to 0123456789 with content "RC ABC123" matches no open payment\.$/,
    /^500\.000\s₫ tới 0123456789 với nội dung "RC ABC123" không khớp khoản thanh toán đang mở nào\.$/,
  ],
  [
    {
      reason: 'unmatched',
      detail:
        'paid at the provider, but the wallet could not be credited: this wallet is closed and accepts no movement; the payment is held for this review, apply it once the wallet takes it',
    },
    /^Paid at the provider, but the wallet could not be credited: it is closed\./,
    /^Đã trả tại nhà cung cấp, nhưng không thể ghi có vào ví: ví đã đóng\./,
  ],
  [
    {
      reason: 'unmatched',
      detail:
        'the provider reports 5000 EUR minor units paid after this payment was expired; nothing was credited',
    },
    /^The provider reports €50\.00 paid after this payment was Expired\. Nothing was credited\.$/,
    /^Nhà cung cấp báo đã trả 50,00\s€ sau khi khoản thanh toán này ở trạng thái Đã hết hạn\./,
  ],
  [
    {
      reason: 'reversal',
      detail:
        'stripe took back 10000 of the 10000 USD minor units credited; the wallet could cover only 4000: it owes 6000 and is on hold for new spending',
    },
    /^stripe took back \$100\.00 of the \$100\.00 credited\. The wallet could cover only \$40\.00: it owes \$60\.00/,
    /^stripe đã thu hồi 100,00\sUS\$ trong số 100,00\sUS\$ đã ghi có\. Ví chỉ đủ trả 40,00\sUS\$: ví còn nợ 60,00\sUS\$/,
  ],
  [
    {
      reason: 'network',
      detail:
        'USDT arrived on Tron instead of Ethereum: 25.5 USDT in transaction 0xabc to TXyz; 1 USDT in transaction 0xdef to TXyz. Nothing was credited; the same key holds that address, so the coins can be recovered.',
    },
    /^USDT arrived on Tron \(TRC-20\) instead of Ethereum \(ERC-20\): 25\.5 USDT in transaction 0xabc to TXyz; 1 USDT in transaction 0xdef to TXyz\. Nothing was credited;/,
    /^USDT đã đến trên mạng Tron \(TRC-20\) thay vì Ethereum \(ERC-20\): 25\.5 USDT trong giao dịch 0xabc tới TXyz; 1 USDT trong giao dịch 0xdef tới TXyz\. Không có gì được ghi có;/,
  ],
  [
    {
      reason: 'unmatched',
      detail:
        'refund ref_1 of 5000 USD minor units failed at stripe after wallet wal_1 was closed (Stripe refund re_1 failed: expired_or_canceled_card): the money reached neither the customer nor the wallet',
    },
    /^A refund of \$50\.00 through Card \(Stripe\) failed after its wallet was closed: the money went back neither to the customer nor to the wallet\./,
    /^Khoản hoàn tiền 50,00\sUS\$ qua Thẻ \(Stripe\) thất bại sau khi ví đã đóng:/,
  ],
  [
    {
      reason: 'payment',
      detail:
        "paypal never answered the saved-method charge of 3090 USD minor units sent at 2026-12-07T10:00:00.000Z, and forgets its key after 6 hours: it was not sent again; look for it at paypal by this payment's id, apply this review if it was made, close it if not",
    },
    /^PayPal never answered the \$30\.90 charge to the saved method, sent .+\. PayPal keeps a charge's key only 6 hours, so it was not sent again: that could charge the payer twice\. Look for it at PayPal by this payment's ID: apply this review if it was made, close it if not\.$/,
    /^PayPal chưa trả lời khoản thu 30,90\sUS\$ từ phương thức đã lưu, gửi lúc .+\. PayPal chỉ giữ khóa của khoản thu trong 6 giờ, nên khoản thu không được gửi lại: việc đó có thể thu tiền người trả hai lần\. /,
  ],
  [
    {
      reason: 'payment',
      detail: HELD_DETAIL,
    },
    /^PayPal never answered the \$20\.00 refund asked .+, and it cannot be looked up by this refund's ID\. PayPal keeps a request's ID only 6 hours, so it was not asked again: that could refund the payer twice\. It is not confirmed: look for it among the payment's refunds at PayPal, and credit the wallet back if it was never made\.$/,
    /^PayPal chưa trả lời yêu cầu hoàn 20,00\sUS\$ gửi lúc .+\. Khoản hoàn tiền chưa được xác nhận: hãy tìm nó trong các khoản hoàn tiền của khoản thanh toán tại PayPal, và cộng lại tiền vào ví nếu nó chưa được thực hiện\.$/,
  ],
];

describe('reviewDetailText', () => {
  afterEach(() => applyLanguage('en'));

  it("words the server's review details in the console's language, amounts formatted", async () => {
    for (const [review, en, vi] of cases) {
      await applyLanguage('en');
      expect(reviewDetailText(review)).toMatch(en);
      await applyLanguage('vi');
      expect(reviewDetailText(review)).toMatch(vi);
      expect(reviewDetailText(review)).not.toContain('minor units');
    }
  });

  it('leaves the money a review carries to its Amount column: the sentence does not say it again', async () => {
    const carried: [Review, string, string][] = [
      [
        {
          reason: 'unmatched',
          detail: '500000 VND to 0123456789 with content "RC ABC123" matches no open payment',
          amount: 500_000,
          currency: 'VND',
        },
        'Transfer to 0123456789 with content "RC ABC123" matches no open payment.',
        'Chuyển khoản tới 0123456789 với nội dung "RC ABC123" không khớp khoản thanh toán đang mở nào.',
      ],
      [
        {
          reason: 'unmatched',
          detail: '500000 VND to 0123456789 with content "NAP" matches several open payments',
          amount: 500_000,
          currency: 'VND',
        },
        'Transfer to 0123456789 with content "NAP" matches several open payments.',
        'Chuyển khoản tới 0123456789 với nội dung "NAP" khớp với nhiều khoản thanh toán đang mở.',
      ],
      [
        {
          reason: 'unmatched',
          detail:
            'the provider reports 5000 EUR minor units paid after this payment was expired; nothing was credited',
          amount: 5_000,
          currency: 'EUR',
        },
        'Paid at the provider after this payment was Expired. Nothing was credited.',
        'Đã trả tại nhà cung cấp sau khi khoản thanh toán này ở trạng thái Đã hết hạn. Không có gì được ghi có.',
      ],
      [
        {
          reason: 'unmatched',
          detail:
            'the provider reports 2500 USD minor units paid, but staff had already paid this payment with a transfer from review rev_1; nothing was credited',
          amount: 2_500,
          currency: 'USD',
        },
        'Paid at the provider, but staff had already paid this payment with a transfer from review rev_1. Nothing was credited.',
        'Đã trả tại nhà cung cấp, nhưng nhân viên đã thanh toán khoản này bằng một chuyển khoản từ mục xem xét rev_1. Không có gì được ghi có.',
      ],
      [
        {
          reason: 'unmatched',
          detail:
            'refund ref_1 of 5000 USD minor units failed at stripe after wallet wal_1 was closed (Stripe refund re_1 failed: declined): the money reached neither the customer nor the wallet',
          amount: 5_000,
          currency: 'USD',
        },
        'This refund through Card (Stripe) failed after its wallet was closed: the money went back neither to the customer nor to the wallet. Apply it to another wallet, or pay it out and resolve this review.',
        'Khoản hoàn tiền này qua Thẻ (Stripe) thất bại sau khi ví đã đóng: tiền không về lại khách hàng cũng không về ví. Hãy áp dụng khoản này vào ví khác, hoặc chi trả thủ công rồi đóng yêu cầu xem xét này.',
      ],
    ];
    for (const [review, en, vi] of carried) {
      await applyLanguage('en');
      expect(reviewDetailText(review)).toBe(en);
      await applyLanguage('vi');
      expect(reviewDetailText(review)).toBe(vi);
    }
    // Money carried in another amount or currency than the sentence's: the sentence keeps its own.
    await applyLanguage('en');
    expect(
      reviewDetailText({
        reason: 'unmatched',
        detail: '500000 VND to 0123456789 with content "RC ABC123" matches no open payment',
        amount: 2_000,
        currency: 'USD',
      }),
    ).toBe('₫500,000 to 0123456789 with content "RC ABC123" matches no open payment.');
  });

  it("shows the server's own words for a sentence or a reason it does not know", async () => {
    await applyLanguage('vi');
    const crypto = {
      reason: 'overpaid',
      detail:
        'the provider reports 150000 BTC base units on bitcoin of 10000 USD minor units due; 10000 were credited, the excess needs a decision',
    } as const;
    expect(reviewDetailText(crypto)).toBe(crypto.detail);
    const unknownNetwork = {
      reason: 'network',
      detail:
        'USDT arrived on Solana instead of Tron: 25 USDT in transaction 0xabc to TXyz. Nothing was credited; the same key holds that address, so the coins can be recovered.',
    } as const;
    expect(reviewDetailText(unknownNetwork)).toBe(unknownNetwork.detail);
    const newer = { reason: 'amount', detail: 'a sentence a newer server writes' } as const;
    expect(reviewDetailText(newer)).toBe(newer.detail);
    const unknownReason = { reason: 'chargeback', detail: 'from a newer server' } as unknown as Review;
    expect(reviewDetailText(unknownReason)).toBe('from a newer server');
  });

  it('says, before a review holding money is marked resolved, that the money will not be credited', async () => {
    const money = { amount: 2_000, currency: 'USD' };
    await applyLanguage('en');
    expect(resolveWithoutCreditingText(money, false)).toMatch(
      /^\$20\.00 arrived .* the console will not credit that money anywhere\./,
    );
    expect(resolveWithoutCreditingText(money, false)).not.toContain('payment is closed');
    expect(resolveWithoutCreditingText(money, true)).toMatch(
      /^\$20\.00 arrived for this payment .* the payment is closed too \(cancelled, nothing credited\)/,
    );
    await applyLanguage('vi');
    expect(resolveWithoutCreditingText(money, false)).toMatch(
      /^20,00\sUS\$ đã đến .* không ghi có khoản tiền đó/,
    );
    expect(resolveWithoutCreditingText(money, true)).toMatch(/khoản thanh toán cũng bị đóng \(đã hủy/);
  });

  it("says, before a held charge's review is marked resolved, that the charge then ends as never made", async () => {
    const charge = { amount: 3_000, currency: 'USD', reason: 'payment' } as const;
    await applyLanguage('en');
    const en = resolveWithoutCreditingText(charge, true);
    expect(en).toMatch(/^Mark it resolved only if this \$30\.00 charge was never made at the provider\./);
    expect(en).toContain('ends expired');
    expect(en).not.toContain('arrived');
    await applyLanguage('vi');
    const vi = resolveWithoutCreditingText(charge, true);
    expect(vi).toMatch(
      /^Chỉ đánh dấu đã xử lý nếu khoản thu 30,00\sUS\$ này chưa từng được thực hiện tại nhà cung cấp\./,
    );
    expect(vi).not.toContain('đã đến');
  });
});

describe('heldRefundChoices', () => {
  afterEach(() => applyLanguage('en'));

  const held = {
    reason: 'payment' as const,
    amount: null,
    detail: HELD_DETAIL,
  };

  it('asks what staff found at the provider about a held refund, each answer saying what it does', async () => {
    await applyLanguage('en');
    expect(heldRefundChoices(held)).toEqual({
      question: "What did you find among this payment's refunds at PayPal?",
      choices: [
        {
          outcome: 'made',
          label: 'The $20.00 refund was made at PayPal: mark it refunded. Nothing goes back to the wallet.',
        },
        {
          outcome: 'not_made',
          label: 'There is no such refund at PayPal: mark it failed and credit $20.00 back to the wallet.',
        },
      ],
    });
    await applyLanguage('vi');
    const vi = heldRefundChoices(held)!;
    expect(vi.question).toMatch(
      /^Bạn thấy gì trong các khoản hoàn tiền của khoản thanh toán này tại PayPal\?$/,
    );
    expect(vi.choices.map((c) => c.outcome)).toEqual(['made', 'not_made']);
    expect(vi.choices[0].label).toMatch(/^Khoản hoàn 20,00\sUS\$ đã được thực hiện tại PayPal/);
    expect(vi.choices[1].label).toMatch(/cộng lại 20,00\sUS\$ vào ví\.$/);
  });

  it('asks nothing of any other review', () => {
    expect(heldRefundChoices({ ...held, amount: 2_000 })).toBeNull();
    expect(heldRefundChoices({ ...held, reason: 'amount' })).toBeNull();
    expect(
      heldRefundChoices({
        reason: 'payment',
        amount: null,
        detail: 'the provider reports 8000 USD minor units paid; expected 10000 USD minor units',
      }),
    ).toBeNull();
  });
});
