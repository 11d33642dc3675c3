import { describe, expect, it } from 'vitest';
import { runwayDays, runwayLabel, runwayWindowStart } from './runway.js';

describe('the runway forecast', () => {
  it('is available ÷ (spent in 30 days ÷ 30)', () => {
    // 3 000 minor units spent in 30 days = 100 a day; 1 250 available = 12.5 days.
    expect(runwayDays(1_250, 3_000)).toBe(12.5);
    expect(runwayLabel(12.5)).toBe('≈ 12 days left');
    expect(runwayLabel(1.2)).toBe('≈ 1 day left');
    expect(runwayLabel(0.4)).toBe('less than a day left');
  });

  it('no spending: no runway; nothing available: zero', () => {
    expect(runwayDays(5_000, 0)).toBeNull();
    expect(runwayLabel(null)).toBeNull();
    expect(runwayDays(0, 3_000)).toBe(0);
  });

  it('the window starts 30 days before now', () => {
    expect(runwayWindowStart('2031-03-31T00:00:00.000Z')).toBe('2031-03-01T00:00:00.000Z');
  });
});
