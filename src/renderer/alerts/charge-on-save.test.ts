import { describe, expect, it } from 'vitest';
import { autoTopUpSetting } from './auto-top-up.fixture';
import { chargeOnSave } from './charge-on-save';

const saved = autoTopUpSetting;
const now = Date.parse('2026-12-08T10:30:00.000Z');
const form = {
  enabled: true,
  threshold: 2_000,
  amount: 5_000,
  mode: 'amount' as const,
  available: 1_500,
  now,
};

describe('what saving the auto top-up form charges', () => {
  it('below the threshold: the amount now, or what reaches the target', () => {
    expect(chargeOnSave({ ...form, saved: null })).toEqual({ amount: 5_000, at: null });
    expect(chargeOnSave({ ...form, saved: saved({}), mode: 'target', amount: 4_000 })).toEqual({
      amount: 2_500,
      at: null,
    });
  });

  it('nothing when off, at or above the threshold, not typed yet, or the target already reached', () => {
    expect(chargeOnSave({ ...form, saved: null, enabled: false })).toBeNull();
    expect(chargeOnSave({ ...form, saved: null, available: 2_000 })).toBeNull();
    expect(chargeOnSave({ ...form, saved: null, threshold: null })).toBeNull();
    expect(chargeOnSave({ ...form, saved: null, amount: null })).toBeNull();
    expect(chargeOnSave({ ...form, saved: null, mode: 'target', amount: 1_500 })).toBeNull();
  });

  it('the day’s cap reached: at the start of the next UTC day, as the server waits', () => {
    const capped = saved({ attemptsToday: 3, nextAttemptAt: '2026-12-09T00:00:00.000Z' });
    expect(chargeOnSave({ ...form, saved: capped })).toEqual({
      amount: 5_000,
      at: '2026-12-09T00:00:00.000Z',
    });
    // The next day the wait is over: it charges now.
    const nextDay = Date.parse('2026-12-09T00:00:01.000Z');
    expect(chargeOnSave({ ...form, saved: capped, now: nextDay })).toEqual({ amount: 5_000, at: null });
  });

  it('a back-off wait is not the cap: saving starts afresh and charges now', () => {
    // Yesterday's three tries, and a back-off from last night's failure ending this morning.
    const backedOff = saved({ attemptsToday: 3, nextAttemptAt: '2026-12-08T11:00:00.000Z' });
    expect(chargeOnSave({ ...form, saved: backedOff })).toEqual({ amount: 5_000, at: null });
    expect(
      chargeOnSave({
        ...form,
        saved: saved({ attemptsToday: 2, nextAttemptAt: '2026-12-09T00:00:00.000Z' }),
      }),
    ).toEqual({
      amount: 5_000,
      at: null,
    });
  });
});
