import { describe, expect, it } from 'vitest';
import { chosenMethodId, offeredCards } from './auto-top-up-method';

describe('the saved card an auto top-up form saves', () => {
  const cards = [{ id: 'spm_first' }, { id: 'spm_second' }];

  it('is the setting’s card while the customer still has it', () => {
    expect(chosenMethodId('spm_second', cards)).toBe('spm_second');
  });

  it('is the first card shown when the setting’s card was removed, never the removed one', () => {
    expect(chosenMethodId('spm_removed', cards)).toBe('spm_first');
  });

  it('is the first card when none was chosen yet, and none without cards', () => {
    expect(chosenMethodId('', cards)).toBe('spm_first');
    expect(chosenMethodId('spm_removed', [])).toBeNull();
  });

  it('is never the card the server switched auto top-up off for, though the list read before still has it', () => {
    const listed = [
      { id: 'spm_removed', status: 'confirmed' },
      { id: 'spm_second', status: 'confirmed' },
      { id: 'spm_new', status: 'pending' },
    ];
    const switchedOff = { disabledWhy: 'method_removed', paymentMethodId: 'spm_removed' };
    const offered = offeredCards(listed, switchedOff);
    expect(offered.map((m) => m.id)).toEqual(['spm_second']);
    expect(chosenMethodId(switchedOff.paymentMethodId, offered)).toBe('spm_second');
    // Switched off for failures, the card is still the customer's and still offered.
    expect(offeredCards(listed, { ...switchedOff, disabledWhy: 'failures' }).map((m) => m.id)).toEqual([
      'spm_removed',
      'spm_second',
    ]);
    expect(offeredCards(listed, null)).toHaveLength(2);
  });
});
