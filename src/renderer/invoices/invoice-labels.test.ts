import { describe, expect, it } from 'vitest';
import { i18n } from '../i18n';
import { displayStatus, INVOICE_STATUS_LABELS, isOverdue } from './invoice-labels';

describe('invoice labels', () => {
  it('open reads "Unpaid", and "Processing" while its payment awaits confirmations', () => {
    expect(displayStatus({ status: 'open' }, null)).toBe('unpaid');
    expect(displayStatus({ status: 'open' }, { status: 'new' })).toBe('unpaid');
    expect(displayStatus({ status: 'open' }, { status: 'processing' })).toBe('processing');
    expect(displayStatus({ status: 'partially_paid' }, { status: 'processing' })).toBe('processing');
    expect(displayStatus({ status: 'paid' }, { status: 'processing' })).toBe('paid');
    expect(displayStatus({ status: 'void' }, null)).toBe('void');
  });

  it('reads "Processing" while its saved card is charged off-session for its rest, not Partially paid', () => {
    const charging = { status: 'new', savedMethodId: 'spm_1', heldForReview: false } as const;
    expect(displayStatus({ status: 'partially_paid' }, charging)).toBe('processing');
    expect(displayStatus({ status: 'open' }, charging)).toBe('processing');
    // A checkout nobody has started paying leaves it Unpaid: the payer may still pay another way.
    expect(displayStatus({ status: 'open' }, { ...charging, savedMethodId: null })).toBe('unpaid');
    // The card paid it, or failed: the invoice reads what it is.
    expect(displayStatus({ status: 'paid' }, { ...charging, status: 'paid' })).toBe('paid');
    expect(displayStatus({ status: 'partially_paid' }, { ...charging, status: 'failed' })).toBe(
      'partially_paid',
    );
  });

  it('reads that its payment arrived and waits for staff while that payment is held for a review', async () => {
    const held = { status: 'new', heldForReview: true } as const;
    expect(displayStatus({ status: 'open' }, held)).toBe('payment_held');
    expect(displayStatus({ status: 'partially_paid' }, { ...held, status: 'processing' })).toBe(
      'payment_held',
    );
    // Staff applied its money: the invoice reads what it is.
    expect(displayStatus({ status: 'paid' }, held)).toBe('paid');
    expect(displayStatus({ status: 'void' }, held)).toBe('void');
    try {
      await i18n.changeLanguage('en');
      expect(INVOICE_STATUS_LABELS.payment_held).toBe('Payment arrived — waiting for staff');
      await i18n.changeLanguage('vi');
      expect(INVOICE_STATUS_LABELS.payment_held).toBe('Đã nhận thanh toán — đang chờ nhân viên');
    } finally {
      await i18n.changeLanguage('en');
    }
  });

  it('reads "Processing", not "Payment arrived", while its saved-method charge is held unanswered for staff', () => {
    // Never answered, held once its provider may have forgotten its key (lapsed-charge.ts): whether
    // the charge was made is what staff look up, so no money is said to have arrived.
    const unanswered = {
      status: 'new',
      savedMethodId: 'spm_1',
      checkout: null,
      heldForReview: true,
    } as const;
    expect(displayStatus({ status: 'partially_paid' }, unanswered)).toBe('processing');
    expect(displayStatus({ status: 'open' }, unanswered)).toBe('processing');
    // A saved-method charge answered paid, then held (its wallet refused the money): it arrived.
    expect(displayStatus({ status: 'open' }, { ...unanswered, checkout: { kind: 'none' } })).toBe(
      'payment_held',
    );
  });

  it('overdue: past the due day with money due, never when paid, void or draft', () => {
    const due = { dueDate: '2026-01-10', amountDue: 100 };
    expect(isOverdue({ ...due, status: 'open' }, '2026-01-11')).toBe(true);
    expect(isOverdue({ ...due, status: 'open' }, '2026-01-10')).toBe(false);
    expect(isOverdue({ ...due, status: 'partially_paid' }, '2026-02-01')).toBe(true);
    expect(isOverdue({ ...due, status: 'paid', amountDue: 0 }, '2026-02-01')).toBe(false);
    expect(isOverdue({ ...due, status: 'void' }, '2026-02-01')).toBe(false);
    expect(isOverdue({ ...due, status: 'draft' }, '2026-02-01')).toBe(false);
    // Its payment arrived and waits for staff: nothing is late on the payer's side.
    expect(isOverdue({ ...due, status: 'open' }, '2026-02-01', 'payment_held')).toBe(false);
    expect(isOverdue({ ...due, status: 'open' }, '2026-02-01', 'unpaid')).toBe(true);
  });

  it('not overdue while a payment of it is under way (its provider confirming it, its saved card being charged)', () => {
    const due = { dueDate: '2026-01-10', amountDue: 100 };
    const confirming = { status: 'processing', heldForReview: false } as const;
    const charging = { status: 'new', savedMethodId: 'spm_1', heldForReview: false } as const;
    for (const [invoice, payment] of [
      [{ ...due, status: 'open' }, confirming],
      [{ ...due, status: 'partially_paid' }, charging],
    ] as const) {
      expect(isOverdue(invoice, '2026-02-01', displayStatus(invoice, payment))).toBe(false);
    }
    // The card was declined: what is left is late again.
    const declined = { ...due, status: 'partially_paid' } as const;
    expect(
      isOverdue(declined, '2026-02-01', displayStatus(declined, { ...charging, status: 'failed' })),
    ).toBe(true);
  });
});
