import { afterEach, describe, expect, it } from 'vitest';
import { OUTBOX_SUMMARY_KEYS, type OutboxSummary } from '../../shared/outbox-summary';
import { i18n } from '../i18n';
import { outboxSummary } from './outbox-summary';

const examples: OutboxSummary[] = [
  { key: 'legacy', values: { text: 'Add credit $10.50' } },
  { key: 'customerCreate', values: { name: 'Acme' } },
  { key: 'walletCreate', values: { currency: 'VND', name: 'Acme' } },
  { key: 'walletCredit', values: { amount: 5000, currency: 'USD' } },
  { key: 'walletAdjust', values: { amount: -500, currency: 'USD', reason: 'Refund' } },
  { key: 'topUp', values: { amount: 150_000, currency: 'VND', provider: 'vietqr' } },
  { key: 'invoiceDraft', values: { amount: 1000, currency: 'USD', name: null } },
  { key: 'ticketOpen', values: { subject: 'Login' } },
  { key: 'ticketReply', values: { subject: 'Login' } },
  { key: 'orderFulfil', values: { provisioned: 3, number: 'ORD-1' } },
  { key: 'subscriptionCancel', values: { product: 'VPN' } },
];

describe('outboxSummary', () => {
  afterEach(() => i18n.changeLanguage('en'));

  it('words a queued write in English, amounts formatted', () => {
    expect(outboxSummary(examples[3]!)).toBe('Add credit $50.00');
    expect(outboxSummary(examples[4]!)).toBe('Adjust by -$5.00: Refund');
    expect(outboxSummary(examples[5]!)).toBe('Top up ₫150,000 by VietQR bank transfer');
    expect(
      outboxSummary({ key: 'walletCreate', values: { currency: 'USD', name: 'Ann', amount: 5000 } }),
    ).toBe('Add a USD wallet for Ann with $50.00');
    expect(
      outboxSummary({ key: 'invoiceDraft', values: { amount: 1000, currency: 'USD', name: 'Ann' } }),
    ).toBe('Draft invoice of $10.00 for Ann');
  });

  it('words the same write in Vietnamese after a switch, VND with no minor unit', async () => {
    await i18n.changeLanguage('vi');
    expect(outboxSummary(examples[2]!)).toBe('Thêm ví VND cho Acme');
    expect(outboxSummary(examples[5]!)).toMatch(/^Nạp 150\.000\s₫ qua /);
    expect(outboxSummary(examples[1]!)).toBe('Tạo khách hàng Acme');
    expect(
      outboxSummary({ key: 'walletCreate', values: { currency: 'VND', name: 'Acme', amount: 150_000 } }),
    ).toMatch(/^Thêm ví VND cho Acme với số dư ban đầu 150\.000\s₫$/);
  });

  it('shows a legacy summary as it was written, in any language', async () => {
    await i18n.changeLanguage('vi');
    expect(outboxSummary(examples[0]!)).toBe('Add credit $10.50');
  });

  it('has a sentence for every key, in both languages, with no value left unfilled', async () => {
    expect(new Set(examples.map((e) => e.key))).toEqual(new Set(OUTBOX_SUMMARY_KEYS));
    for (const language of ['en', 'vi']) {
      await i18n.changeLanguage(language);
      for (const example of examples) {
        const text = outboxSummary(example);
        expect(text).not.toMatch(/\{\{|summary\./);
      }
    }
  });
});
