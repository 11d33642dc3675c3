import { afterEach, describe, expect, it } from 'vitest';
import { topUpDraftChanged, topUpDraftDropped, topUpDraftFor, type TopUpDraft } from './form-draft';

const typed: TopUpDraft = {
  walletId: 'w1',
  amount: '1234.5',
  locale: 'en-US',
  payerId: null,
  choiceKey: 'sandbox',
  railKey: null,
  saveMethod: false,
};

describe('the Top Up form draft a language switch carries over', () => {
  afterEach(() => topUpDraftDropped('w1'));

  it('rewrites the amount with the new language’s marks, and keeps the choices', () => {
    topUpDraftChanged(typed);
    expect(topUpDraftFor('w1', 'USD', 'vi-VN')).toEqual({ ...typed, amount: '1234,50', locale: 'vi-VN' });
    topUpDraftChanged({ ...typed, amount: '1.500.000', locale: 'vi-VN' });
    expect(topUpDraftFor('w1', 'VND', 'en-US')?.amount).toBe('1500000');
  });

  it('leaves an amount that is not one yet as typed', () => {
    topUpDraftChanged({ ...typed, amount: '12.345' });
    expect(topUpDraftFor('w1', 'USD', 'vi-VN')?.amount).toBe('12.345');
  });

  it('belongs to its wallet, and is gone once dropped', () => {
    topUpDraftChanged(typed);
    expect(topUpDraftFor('w2', 'USD', 'en-US')).toBeNull();
    topUpDraftDropped('w1');
    expect(topUpDraftFor('w1', 'USD', 'en-US')).toBeNull();
  });
});
