import { describe, expect, it } from 'vitest';
import { testPayment } from '../../shared/testing/records.js';
import { paymentNotice } from './payment-notice.js';

const PAID_AT = '2026-12-06T03:00:00.000Z';
const wallet = { balance: 7_500, currency: 'USD', updatedAt: PAID_AT };

describe('the notice when a payment ends', () => {
  it('tells a top-up with the new balance once the cached wallet holds the credit', () => {
    const paid = testPayment({ status: 'paid', paidAt: PAID_AT });
    expect(paymentNotice(paid, wallet)).toMatchObject({
      invoice: null,
      balance: 7_500,
      message: 'Top-up of $25.00 paid. New balance: $75.00.',
    });
    expect(paymentNotice(paid, { ...wallet, updatedAt: '2026-12-06T02:00:00.000Z' }).message).toBe(
      'Top-up of $25.00 paid. Your balance is being updated.',
    );
  });

  it('tells a payment of an invoice by the invoice’s number, without a balance to look for', () => {
    const paysInvoice = testPayment({ status: 'paid', paidAt: PAID_AT, invoiceId: 'inv_1' });
    expect(paymentNotice(paysInvoice, wallet, { id: 'inv_1', number: 'INV-2026-0007' })).toMatchObject({
      invoice: { id: 'inv_1', number: 'INV-2026-0007' },
      message: 'Payment of $25.00 for invoice INV-2026-0007 received.',
    });
    const failed = testPayment({ status: 'failed', invoiceId: 'inv_1', failureReason: 'card declined' });
    expect(paymentNotice(failed, wallet, null)).toMatchObject({
      invoice: { id: 'inv_1', number: null },
      failureCode: null,
      message: 'Payment of $25.00 for invoice inv_1 failed: card declined',
    });
  });

  it('carries why a payment ended without money as its codes, for a console to word', () => {
    const declined = testPayment({
      status: 'failed',
      failureReason: 'Your card has insufficient funds.',
      failureCode: 'declined',
      declineCode: 'insufficient_funds',
    });
    expect(paymentNotice(declined, wallet)).toMatchObject({
      failureCode: 'declined',
      declineCode: 'insufficient_funds',
    });
  });
});
