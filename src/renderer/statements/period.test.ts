import { describe, expect, it } from 'vitest';
import { lastMonth } from './period';

describe('the statement period first offered', () => {
  it('is the whole previous month, across a year end and in a leap February', () => {
    expect(lastMonth(new Date('2026-12-03T10:00:00Z'))).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(lastMonth(new Date('2027-01-15T00:00:00Z'))).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(lastMonth(new Date('2028-03-01T00:00:00Z'))).toEqual({ from: '2028-02-01', to: '2028-02-29' });
  });
});
