import { describe, expect, it } from 'vitest';
import { displayStatus, isOverdue } from './invoice-labels';

describe('invoice labels', () => {
  it('open reads "Unpaid", and "Processing" while its payment awaits confirmations', () => {
    expect(displayStatus({ status: 'open' }, null)).toBe('unpaid');
    expect(displayStatus({ status: 'open' }, { status: 'new' })).toBe('unpaid');
    expect(displayStatus({ status: 'open' }, { status: 'processing' })).toBe('processing');
    expect(displayStatus({ status: 'partially_paid' }, { status: 'processing' })).toBe('processing');
    expect(displayStatus({ status: 'paid' }, { status: 'processing' })).toBe('paid');
    expect(displayStatus({ status: 'void' }, null)).toBe('void');
  });

  it('overdue: past the due day with money due, never when paid, void or draft', () => {
    const due = { dueDate: '2026-01-10', amountDue: 100 };
    expect(isOverdue({ ...due, status: 'open' }, '2026-01-11')).toBe(true);
    expect(isOverdue({ ...due, status: 'open' }, '2026-01-10')).toBe(false);
    expect(isOverdue({ ...due, status: 'partially_paid' }, '2026-02-01')).toBe(true);
    expect(isOverdue({ ...due, status: 'paid', amountDue: 0 }, '2026-02-01')).toBe(false);
    expect(isOverdue({ ...due, status: 'void' }, '2026-02-01')).toBe(false);
    expect(isOverdue({ ...due, status: 'draft' }, '2026-02-01')).toBe(false);
  });
});
