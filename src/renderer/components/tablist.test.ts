import { describe, expect, it } from 'vitest';
import { tabAfterKey } from './tablist';

describe('tabAfterKey', () => {
  const tabs = ['top-up', 'renewals', 'history'] as const;

  it('moves to the next or previous tab with the arrow keys, wrapping round', () => {
    expect(tabAfterKey('ArrowRight', tabs, 'top-up')).toBe('renewals');
    expect(tabAfterKey('ArrowDown', tabs, 'renewals')).toBe('history');
    expect(tabAfterKey('ArrowRight', tabs, 'history')).toBe('top-up');
    expect(tabAfterKey('ArrowLeft', tabs, 'top-up')).toBe('history');
    expect(tabAfterKey('ArrowUp', tabs, 'renewals')).toBe('top-up');
  });

  it('moves to the first and last tab with Home and End', () => {
    expect(tabAfterKey('Home', tabs, 'history')).toBe('top-up');
    expect(tabAfterKey('End', tabs, 'top-up')).toBe('history');
  });

  it('leaves every other key (Tab, Enter, letters) to the page', () => {
    for (const key of ['Tab', 'Enter', ' ', 'a']) expect(tabAfterKey(key, tabs, 'top-up')).toBeNull();
    expect(tabAfterKey('ArrowRight', tabs, 'elsewhere' as never)).toBeNull();
  });
});
