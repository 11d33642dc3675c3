import type { InvoiceLine, InvoiceLineInput } from '../../../shared/api/invoices.js';
import { MAX_AMOUNT } from '../../../shared/money.js';
import { Failure } from '../failure.js';

export interface InvoiceTotals {
  lines: InvoiceLine[];
  subtotal: number;
  tax: number;
  total: number;
}

/**
 * Lines and totals, computed once on the server and never re-derived by a client. Each line's
 * amount is exact (quantity × unit amount, integers). Tax is rounded ONCE, on the invoice: the exact
 * sum of amount × rate over all lines (in ten-thousandths of a minor unit, as a bigint) is rounded
 * half up to a whole minor unit — rounding each line would let the invoice drift from its own rate.
 */
export function computeTotals(input: readonly InvoiceLineInput[]): InvoiceTotals {
  let subtotal = 0;
  let exactTax = 0n;
  const lines = input.map((line, i): InvoiceLine => {
    const amount = line.quantity * line.unitAmount;
    if (!Number.isSafeInteger(amount) || amount > MAX_AMOUNT) {
      throw new Failure(
        'validation',
        `lines.${i}: quantity × unitAmount exceeds ${MAX_AMOUNT} minor units`,
        `lines.${i}.unitAmount`,
      );
    }
    subtotal += amount;
    exactTax += BigInt(amount) * BigInt(line.taxRateBps ?? 0);
    return {
      description: line.description,
      quantity: line.quantity,
      unitAmount: line.unitAmount,
      taxRateBps: line.taxRateBps ?? null,
      amount,
    };
  });
  const tax = Number((exactTax + 5_000n) / 10_000n);
  const total = subtotal + tax;
  if (total > MAX_AMOUNT) {
    throw new Failure('validation', `lines: the invoice total exceeds ${MAX_AMOUNT} minor units`, 'lines');
  }
  return { lines, subtotal, tax, total };
}
