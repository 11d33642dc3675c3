import { describe, expect, it } from 'vitest';
import { Failure } from '../failure.js';
import { paymentEndedError, refusalError } from './reasons.js';

describe('a failed charge’s error as data beside its English', () => {
  it('a refusal keeps its reason; one without, its error code', () => {
    const limit = { key: 'top_up_limit', values: { min: 100, max: 1_000, currency: 'USD' } };
    expect(refusalError(new Failure('top_up_limit', 'a top-up must be between', 'amount', limit))).toEqual({
      message: 'a top-up must be between',
      reason: limit,
    });
    // The reseller turned the method off after auto top-up was set up with it.
    expect(
      refusalError(
        new Failure('method_unavailable', 'Sandbox test card is not offered by this reseller', 'provider'),
      ),
    ).toEqual({
      message: 'Sandbox test card is not offered by this reseller',
      reason: { key: 'error_code', values: { code: 'method_unavailable' } },
    });
  });

  it('a payment that ended: its failure code, else its status', () => {
    expect(
      paymentEndedError({
        status: 'failed',
        failure_reason: 'The payment was declined.',
        failure_code: 'declined',
      }),
    ).toEqual({
      message: 'The payment was declined.',
      reason: { key: 'payment_failed', values: { code: 'declined' } },
    });
    expect(paymentEndedError({ status: 'expired', failure_reason: null, failure_code: null })).toEqual({
      message: 'the payment expired',
      reason: { key: 'payment_ended', values: { status: 'expired' } },
    });
  });
});
