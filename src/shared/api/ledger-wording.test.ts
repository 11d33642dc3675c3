import { describe, expect, it } from 'vitest';
import { wordingOfOlderRow } from './ledger-wording.js';

/**
 * Rows written before wordings, as the server's services wrote them (their sentences and links, see
 * the services named). The demo seed test and the API tests check the same on rows the services
 * write today; these cover the kinds those do not reach.
 */
const row = (
  type: string,
  description: string,
  relatedId: string | null,
  reference: string | null = null,
) => ({
  type,
  description,
  relatedId,
  reference,
});

describe('the wording of a row written before wordings', () => {
  it('is read back from what each service wrote', () => {
    const cases: Array<[ReturnType<typeof row>, unknown]> = [
      // services/invoices/common.ts, void.ts, transfer.ts
      [
        row('payment', 'Invoice INV-2026-0007', 'inv_1', 'INV-2026-0007'),
        { kind: 'invoice', invoice: 'INV-2026-0007' },
      ],
      [
        row('refund', 'Refund of void invoice INV-7', 'inv_1', 'INV-7'),
        { kind: 'invoice_void_refund', invoice: 'INV-7' },
      ],
      [
        row('top_up', 'Bank transfer for invoice INV-7 (FT2611)', 'inv_1', 'INV-7'),
        { kind: 'invoice_bank_transfer', invoice: 'INV-7', reference: 'FT2611' },
      ],
      [
        row('top_up', 'Bank transfer for invoice INV-7', 'inv_1', 'INV-7'),
        { kind: 'invoice_bank_transfer', invoice: 'INV-7', reference: null },
      ],
      // services/payment-refunds/start.ts and finish.ts
      [
        row('refund', 'Refund of top-up pay_1: Charged twice: yes', 'pay_1', 'rfd_1'),
        { kind: 'payment_refund', payment: 'pay_1', reason: 'Charged twice: yes' },
      ],
      [
        row('refund', 'Payout: Closing the account', null, 'rfd_2'),
        { kind: 'payout', reason: 'Closing the account' },
      ],
      [
        row('adjustment', 'Refund rfd_1 refused by stripe: returned to the wallet', 'pay_1', 'rfd_1'),
        { kind: 'refund_refused', refund: 'rfd_1', provider: 'stripe' },
      ],
      [
        row('adjustment', 'Refund rfd_1 refused by the provider: returned to the wallet', 'pay_1', 'rfd_1'),
        { kind: 'refund_refused', refund: 'rfd_1', provider: null },
      ],
      // payments/reversals.ts
      [
        row('adjustment', 'Dispute of top-up pay_1: stripe took the money back', 'pay_1', 'pay_1'),
        { kind: 'reversal_taken', payment: 'pay_1', provider: 'stripe', dispute: true },
      ],
      [
        row(
          'adjustment',
          "Reversal of top-up pay_1 resolved in the merchant's favour: restored",
          'pay_1',
          'pay_1',
        ),
        { kind: 'reversal_restored', payment: 'pay_1', dispute: false },
      ],
      // services/bank-lines/apply.ts, services/payment-reviews/apply.ts
      [
        row('top_up', 'Bank transfer FT26110 matched by staff', 'pay_1', 'pay_1'),
        { kind: 'bank_transfer_matched', reference: 'FT26110' },
      ],
      [
        row('top_up', 'Bank transfer applied from review by admin@example.com', 'rev_1', 'rev_1'),
        { kind: 'bank_transfer_from_review', actor: 'admin@example.com' },
      ],
      // payments/settle.ts: a method label the reseller chose, whatever it holds
      [
        row('top_up', 'Top-up via Thẻ: Visa (stripe)', 'pay_1', 'pay_1'),
        { kind: 'top_up', method: 'Thẻ: Visa (stripe)', test: false },
      ],
    ];
    for (const [older, wording] of cases)
      expect(wordingOfOlderRow(older), older.description).toEqual(wording);
  });

  it('leaves what a person typed as written, even when it reads like the server’s words', () => {
    for (const older of [
      // A staff debit (no order behind it), a staff credit, an adjustment, an API movement.
      row('payment', 'Order ORD-1: 3 × Proxy', null),
      row('credit', 'Top-up via the counter', null),
      row('adjustment', 'Refund rfd_1 refused by stripe: returned to the wallet', null),
      row('payment', 'Invoice INV-7', null),
      // A refund a person made of an order's payment, with their own reason.
      row('refund', 'Customer asked for it back', 'txn_1', 'ORD-1'),
      row('credit', 'Initial balance', 'pay_1'),
    ])
      expect(wordingOfOlderRow(older), older.description).toBeUndefined();
  });
});
