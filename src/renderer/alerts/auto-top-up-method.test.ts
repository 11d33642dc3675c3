import { describe, expect, it } from 'vitest';
import { chosenMethodId } from './auto-top-up-method';

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
});
