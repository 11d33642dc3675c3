import { describe, expect, it } from 'vitest';
import { i18n } from '../i18n';
import { verifyAnswerText } from './verify-words';

type Case = [Parameters<typeof verifyAnswerText>[0], string | RegExp, RegExp];
const message = 'the server’s English';

describe('verifyAnswerText', () => {
  it('words every outcome, with its numbers, in English and Vietnamese', async () => {
    const cases: Case[] = [
      [
        { outcome: 'credited', message, values: { amount: 10_000, currency: 'USD' } },
        'Credited: $100.00 was added to the wallet. Nothing more is needed.',
        /^Đã ghi có: 100,00\sUS\$ đã được cộng vào ví\./,
      ],
      [
        {
          outcome: 'waiting_confirmations',
          message,
          values: { source: 'chain', more: 2, confirmations: 1, required: 3 },
        },
        'Found at this payment’s address. Waiting for 2 more confirmations (1 of 3); it is credited as soon as the chain confirms it.',
        /^Đã tìm thấy tại địa chỉ của khoản thanh toán này\. Đang chờ thêm 2 xác nhận \(đã có 1\/3\)/,
      ],
      [
        {
          outcome: 'waiting_confirmations',
          message,
          values: { source: 'chain', more: 1, confirmations: 0, required: 1 },
        },
        /Waiting for 1 more confirmation \(0 of 1\);/,
        /Đang chờ thêm 1 xác nhận \(đã có 0\/1\)/,
      ],
      [
        {
          outcome: 'wrong_destination',
          message,
          values: { source: 'chain', to: 'address', asset: 'BTC', address: 'bc1qelsewhere' },
        },
        'This transaction sent BTC to bc1qelsewhere, not to this payment’s address. Nothing was credited; only the sender’s wallet can recover it.',
        /^Giao dịch này đã gửi BTC tới bc1qelsewhere, không phải địa chỉ/,
      ],
      [
        {
          outcome: 'wrong_destination',
          message,
          values: { source: 'chain', to: 'asset', asset: 'ETH', address: '0xabc' },
        },
        'This transaction sent ETH, which this payment does not accept, to 0xabc. Nothing was credited.',
        /^Giao dịch này đã gửi ETH, loại tiền mà khoản thanh toán này không nhận, tới 0xabc\./,
      ],
      [
        {
          outcome: 'wrong_destination',
          message,
          values: {
            source: 'chain',
            to: 'network',
            asset: 'USDT',
            network: 'ethereum',
            expectedNetwork: 'tron',
          },
        },
        /^This transaction sent USDT on Ethereum \(ERC-20\) to this payment’s account, but the payment asked for USDT on Tron \(TRC-20\)\./,
        /trên mạng Ethereum \(ERC-20\).*trên mạng Tron \(TRC-20\)\./,
      ],
      [
        {
          outcome: 'wrong_destination',
          message,
          values: { source: 'bank', to: 'account', accountEnding: '6789' },
        },
        'This transfer went to account ending 6789, not to the account of this payment. Nothing was credited.',
        /^Khoản chuyển khoản này đã tới tài khoản có số đuôi 6789/,
      ],
      [
        { outcome: 'underpaid', message, values: { source: 'chain', coins: '0.00052000', asset: 'BTC' } },
        /^Found and confirmed, but the payment is underpaid by 0\.00052000 BTC\. Send the rest/,
        /^Đã tìm thấy và đã được xác nhận, nhưng khoản thanh toán còn thiếu 0\.00052000 BTC\./,
      ],
      [
        { outcome: 'underpaid', message, values: { source: 'bank', amount: 50_000, currency: 'VND' } },
        /^Found, but the payment is underpaid by ₫50,000\. Transfer the rest/,
        /^Đã tìm thấy, nhưng khoản thanh toán còn thiếu 50\.000\s₫\./,
      ],
      [
        { outcome: 'after_expiry', message, values: { expiresAt: '2026-03-04T14:05:00.000Z' } },
        /^This transfer arrived after the payment expired \(Mar 4, 2026, .+\)\. It was not credited automatically/,
        /^Khoản chuyển này tới sau khi khoản thanh toán đã hết hạn \(.*2026.*\)\./,
      ],
      [
        {
          outcome: 'unrelated_transfer',
          message,
          values: { source: 'bank', amount: 500_000, currency: 'VND' },
        },
        /^A transfer of ₫500,000 with this reference arrived/,
        /^Đã nhận được một khoản chuyển 500\.000\s₫ với mã tham chiếu này/,
      ],
      [
        { outcome: 'not_found', message, values: { source: 'chain' } },
        /^No transaction with this hash was found on the chain\./,
        /^Không tìm thấy giao dịch nào với mã băm này trên blockchain\./,
      ],
      [
        { outcome: 'not_found', message, values: { source: 'bank' } },
        /^No incoming transfer with this reference was found in the bank feed\./,
        /^Không tìm thấy khoản chuyển đến nào với mã tham chiếu này/,
      ],
    ];
    try {
      for (const [answer, english, vietnamese] of cases) {
        await i18n.changeLanguage('en');
        expect(verifyAnswerText(answer)).toMatch(english);
        await i18n.changeLanguage('vi');
        expect(verifyAnswerText(answer)).toMatch(vietnamese);
      }
    } finally {
      await i18n.changeLanguage('en');
    }
  });

  it('shows the server’s English when the answer carries nothing the console can word', () => {
    // An API older than the console sends no particulars; others lack what their outcome needs.
    expect(verifyAnswerText({ outcome: 'waiting_confirmations', message })).toBe(message);
    expect(verifyAnswerText({ outcome: 'credited', message, values: { amount: 100 } })).toBe(message);
    expect(verifyAnswerText({ outcome: 'not_found', message, values: { source: 'moon' } })).toBe(message);
    expect(
      verifyAnswerText({
        outcome: 'wrong_destination',
        message,
        values: { to: 'network', asset: 'USDT', network: 'moon', expectedNetwork: 'tron' },
      }),
    ).toBe(message);
  });
});
