import { afterEach, describe, expect, it } from 'vitest';
import { ledgerWordingSchema, type LedgerWording } from '../../shared/api/ledger-wording';
import { PROVISIONING_TIMEOUT_REASON } from '../../shared/api/orders';
import { i18n } from '../i18n';
import { methodLabelText } from '../top-up/method-choices';
import { entryDescription } from './entry-words';

const row = (wording: unknown, description = 'What the server wrote, in English') =>
  ({ type: 'payment', reference: null, relatedId: null, description, wording }) as Parameters<
    typeof entryDescription
  >[0];

/** One wording of every kind, as the server writes them. */
const EVERY_KIND: LedgerWording[] = [
  { kind: 'order', order: 'ORD-20261205-7CW1W6', quantity: 10, product: 'Mobile proxy' },
  { kind: 'order_failed', order: 'ORD-1', reason: 'Upstream pool exhausted' },
  { kind: 'order_failed', order: 'ORD-1', reason: null },
  { kind: 'order_unprovisioned', order: 'ORD-1', missing: 3, quantity: 10, product: 'Mobile proxy' },
  { kind: 'renewal', quantity: 2, product: 'Mobile proxy', from: '2026-11-01', to: '2026-12-01' },
  {
    kind: 'renewal_refund',
    order: 'ORD-1',
    missing: 2,
    quantity: 2,
    product: 'Mobile proxy',
    from: '2026-11-01',
    to: '2026-12-01',
  },
  {
    kind: 'renewal_refund',
    order: 'ORD-1',
    missing: 1,
    quantity: 2,
    product: 'Mobile proxy',
    from: '2026-11-01',
    to: '2026-12-01',
  },
  { kind: 'top_up', method: 'Card', test: false },
  { kind: 'top_up', method: 'Sandbox test card', test: true },
  { kind: 'invoice', invoice: 'INV-7' },
  { kind: 'invoice_void_refund', invoice: 'INV-7' },
  { kind: 'invoice_bank_transfer', invoice: 'INV-7', reference: 'FT123' },
  { kind: 'invoice_bank_transfer', invoice: 'INV-7', reference: null },
  { kind: 'initial_balance' },
  { kind: 'payment_refund', payment: 'pay_1', reason: 'Duplicate' },
  { kind: 'payout', reason: 'Closing the account' },
  { kind: 'refund_refused', refund: 'rfd_1', provider: 'stripe' },
  { kind: 'refund_refused', refund: 'rfd_1', provider: null },
  { kind: 'reversal_taken', payment: 'pay_1', provider: 'paypal', dispute: false },
  { kind: 'reversal_taken', payment: 'pay_1', provider: 'stripe', dispute: true },
  { kind: 'reversal_restored', payment: 'pay_1', dispute: false },
  { kind: 'reversal_restored', payment: 'pay_1', dispute: true },
  { kind: 'bank_transfer_matched', reference: 'FT123' },
  { kind: 'bank_transfer_from_review', actor: 'admin@example.com' },
];

describe('a ledger row in the console’s language', () => {
  afterEach(() => i18n.changeLanguage('en'));

  it('an order the server failed when provisioning timed out: its reason in the console’s language too', async () => {
    const timedOut = row({ kind: 'order_failed', order: 'ORD-1', reason: PROVISIONING_TIMEOUT_REASON });
    expect(entryDescription(timedOut)).toBe('Refund: order ORD-1 failed (provisioning timed out)');
    await i18n.changeLanguage('vi');
    expect(entryDescription(timedOut)).toBe(
      'Hoàn tiền: đơn hàng ORD-1 thất bại (không được cung cấp kịp thời hạn)',
    );
    // The provisioning system's own words stay as it wrote them.
    expect(entryDescription(row(EVERY_KIND[1]))).toBe(
      'Hoàn tiền: đơn hàng ORD-1 thất bại (Upstream pool exhausted)',
    );
  });

  it('words what the server wrote itself, in English and in Vietnamese', async () => {
    const order = row(EVERY_KIND[0]);
    expect(entryDescription(order)).toBe('Order ORD-20261205-7CW1W6: 10 × Mobile proxy');
    expect(entryDescription(row(EVERY_KIND[3]))).toBe(
      'Refund: 3 of 10 × Mobile proxy not provisioned (ORD-1)',
    );
    expect(entryDescription(row(EVERY_KIND[4]))).toBe(
      'Renewal: 2 × Mobile proxy, Nov 1, 2026 to Dec 1, 2026',
    );
    expect(entryDescription(row(EVERY_KIND[5]))).toBe(
      'Refund: renewal of 2 × Mobile proxy, Nov 1, 2026 to Dec 1, 2026 (order ORD-1 failed)',
    );
    expect(entryDescription(row(EVERY_KIND[6]))).toBe(
      'Refund: renewal of 1 of 2 × Mobile proxy not provisioned, Nov 1, 2026 to Dec 1, 2026 (ORD-1)',
    );
    await i18n.changeLanguage('vi');
    expect(entryDescription(row(EVERY_KIND[5]))).toMatch(
      /^Hoàn tiền: gia hạn 2 × Mobile proxy, từ .+ đến .+ \(đơn hàng ORD-1 thất bại\)$/,
    );
    expect(entryDescription(order)).toBe('Đơn hàng ORD-20261205-7CW1W6: 10 × Mobile proxy');
    // The method's starting label is the console's words too; a reseller's own label stays as typed.
    expect(entryDescription(row(EVERY_KIND[8]))).toBe(
      'Nạp tiền thử nghiệm qua Thẻ thử nghiệm sandbox — không có tiền thật',
    );
    expect(entryDescription(row({ kind: 'top_up', method: 'Thẻ của Mây Xanh', test: false }))).toBe(
      'Nạp tiền qua Thẻ của Mây Xanh',
    );
  });

  it('has words for every kind in both languages, each with its figures', async () => {
    for (const language of ['en', 'vi']) {
      await i18n.changeLanguage(language);
      for (const wording of EVERY_KIND) {
        expect(ledgerWordingSchema.parse(wording)).toEqual(wording);
        const words = entryDescription(row(wording));
        expect(words, `${language} ${wording.kind}`).not.toBe('What the server wrote, in English');
        expect(words, `${language} ${wording.kind}`).not.toMatch(/\{\{|wording\./);
        for (const [field, value] of Object.entries(wording)) {
          if (typeof value === 'string' && field !== 'kind' && field !== 'from' && field !== 'to')
            expect(words, `${language} ${wording.kind} ${field}`).toContain(
              field === 'provider'
                ? value === 'stripe'
                  ? 'Stripe'
                  : 'PayPal'
                : field === 'method'
                  ? methodLabelText(value)
                  : value,
            );
        }
      }
    }
  });

  it('words a row written before wordings from its English', async () => {
    const older = {
      type: 'payment' as const,
      description: 'Order ORD-20261104-S5H786: 3 × Residential proxies — 10 GB',
      reference: 'ORD-20261104-S5H786',
      relatedId: 'ord_01',
    };
    await i18n.changeLanguage('vi');
    expect(entryDescription(older)).toBe('Đơn hàng ORD-20261104-S5H786: 3 × Residential proxies — 10 GB');
  });

  it('shows the description of a row a person described, or of a kind it does not know', () => {
    expect(entryDescription(row(undefined, 'Welcome credit'))).toBe('Welcome credit');
    expect(entryDescription(row({ kind: 'from_a_newer_server', n: 1 }, 'Newer'))).toBe('Newer');
    expect(entryDescription(row({ kind: 'order', order: 'ORD-1' }, 'Order ORD-1'))).toBe('Order ORD-1');
  });
});
