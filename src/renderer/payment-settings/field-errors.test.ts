import { describe, expect, it } from 'vitest';
import { IpcError } from '../lib/ipc';
import { errorUnder } from './field-errors';

describe('an API refusal beside the field it names', () => {
  it('answers for the rest of the path under what the form sent', () => {
    const error = new IpcError({
      code: 'validation',
      message: 'credentials.rates.USD.BTC: a decimal price such as "67123.45"',
      field: 'credentials.rates.USD.BTC',
    });
    expect(errorUnder(error, 'credentials.')).toEqual({
      key: 'rates.USD.BTC',
      message: 'A decimal price such as "67123.45"',
    });
    expect(errorUnder(error, 'limits.0.')).toBeNull();
  });

  it('tells one limit row from another, unlike a match on the last segment', () => {
    const error = new IpcError({
      code: 'validation',
      message: 'must not exceed maxAmount',
      field: 'limits.0.minAmount',
    });
    expect(errorUnder(error, 'limits.0.')).toEqual({
      key: 'minAmount',
      message: 'Must not exceed maxAmount',
    });
    expect(errorUnder(error, 'limits.1.')).toBeNull();
  });

  it('is nothing for errors without a field, or that are not the API’s', () => {
    expect(errorUnder(new IpcError({ code: 'offline', message: 'offline' }), 'limits.0.')).toBeNull();
    expect(errorUnder(new Error('boom'), 'limits.0.')).toBeNull();
  });
});
