import { afterEach, describe, expect, it } from 'vitest';
import type { MatchTarget } from '../../shared/recon';
import { i18n } from '../i18n';
import { appliedText, whyText } from './recon-words';

const owner = { customerId: 'cus_1', walletId: 'wal_1' };
const invoice: MatchTarget = { kind: 'invoice', id: 'inv_1', reference: 'INV-2026-0007', ...owner };
const topUp: MatchTarget = { kind: 'payment', id: 'pay_1', reference: 'RC7K2M9QX4Q', ...owner };
const vnd = (amount: number) => ({ amount, currency: 'VND' as const });

describe('what the reconciliation says of a line', () => {
  afterEach(() => i18n.changeLanguage('en'));

  it('words each reason from its code and figures, as a sentence', () => {
    expect(whyText({ code: 'agrees' }, topUp)).toBe('Top-up RC7K2M9QX4Q: code and amount agree');
    expect(whyText({ code: 'differs', asks: vnd(250_000), transfer: vnd(240_000) }, invoice)).toBe(
      "Invoice INV-2026-0007: asks ₫250,000, the transfer is ₫240,000 (₫10,000 short); only an exact amount is applied: credit what arrived to the customer's wallet instead",
    );
    expect(whyText({ code: 'differs', asks: vnd(250_000), transfer: vnd(260_000) }, invoice)).toContain(
      '(₫10,000 over)',
    );
    expect(
      whyText({ code: 'differs', asks: vnd(300_000), transfer: { amount: 300_000, currency: 'USD' } }, topUp),
    ).toContain('the transfer is $3,000.00, another currency');
    expect(whyText({ code: 'names_several', count: 2 }, undefined)).toBe(
      'The content names 2 waiting items: choose the one this transfer pays',
    );
    expect(whyText({ code: 'only_amount' }, invoice)).toBe(
      'No memo code or invoice number in the content; only the amount matches invoice INV-2026-0007',
    );
  });

  it('says when another line of the statement pays the item, or the item waits for nothing any more', () => {
    expect(whyText({ code: 'claimed', by: 'FT26335001' }, invoice)).toBe(
      'Line FT26335001 of this statement already pays invoice INV-2026-0007: decide whether this transfer pays it too',
    );
    // An unmatched line has no candidate: the reason names the settled item itself.
    expect(whyText({ code: 'settled', status: 'paid', target: invoice }, undefined)).toBe(
      "Invoice INV-2026-0007 is already paid: nothing waits for this transfer; credit it to the customer's wallet if it is theirs",
    );
    expect(whyText({ code: 'settled', status: 'expired', target: topUp }, undefined)).toMatch(
      /^Top-up RC7K2M9QX4Q has expired: /,
    );
  });

  it('speaks Vietnamese with Vietnamese amounts', async () => {
    await i18n.changeLanguage('vi');
    expect(whyText({ code: 'differs', asks: vnd(250_000), transfer: vnd(240_000) }, invoice)).toBe(
      'Hóa đơn INV-2026-0007: cần 250.000\u00a0₫, giao dịch là 240.000\u00a0₫ (thiếu 10.000\u00a0₫); chỉ áp dụng đúng số tiền: hãy ghi có số tiền đã nhận vào ví của khách hàng',
    );
    expect(whyText({ code: 'settled', status: 'paid', target: invoice }, undefined)).toMatch(
      /^Hóa đơn INV-2026-0007 đã được thanh toán: /,
    );
    expect(whyText({ code: 'no_code' }, undefined)).toBe('Nội dung không có mã nạp hay số hóa đơn');
    expect(appliedText({ bankReference: 'FT1', outcome: 'applied', credited: vnd(1_500_000) })).toBe(
      'đã ghi có 1.500.000\u00a0₫',
    );
  });

  it('passes a refusal on in the server’s words', () => {
    expect(appliedText({ bankReference: 'FT1', outcome: 'refused', message: 'amount differs' })).toBe(
      'amount differs',
    );
  });
});
