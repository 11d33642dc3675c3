import { describe, expect, it } from 'vitest';
import type { Product } from '../../shared/api/orders';
import { bodyOf, changesOf, draftOf, EMPTY_DRAFT } from './product-draft';

const product: Product = {
  id: 'prd_1',
  name: 'VPS small',
  description: 'One core',
  prices: { USD: 1_999, JPY: 333 },
  period: 'month',
  active: true,
  provisioningTimeoutMinutes: 60,
  createdAt: '2030-01-01T00:00:00.000Z',
  updatedAt: '2030-01-01T00:00:00.000Z',
};

describe('the product form draft', () => {
  it('parses prices per currency into minor units, without floats (0-decimal JPY too)', () => {
    const draft = {
      ...EMPTY_DRAFT,
      name: ' VPS ',
      period: 'quarter' as const,
      prices: [
        { currency: 'USD' as const, amount: '1,234.5' },
        { currency: 'JPY' as const, amount: '333' },
      ],
    };
    expect(bodyOf(draft)).toEqual({
      ok: true,
      body: {
        name: 'VPS',
        description: '',
        period: 'quarter',
        active: true,
        prices: { USD: 123_450, JPY: 333 },
      },
    });
  });

  it('names each bad field as the API does', () => {
    expect(
      bodyOf({
        ...EMPTY_DRAFT,
        prices: [
          { currency: 'USD', amount: '1.999' },
          { currency: 'JPY', amount: '3.5' },
          { currency: 'EUR', amount: '0' },
          { currency: 'VND', amount: 'ten' },
        ],
      }),
    ).toEqual({
      ok: false,
      errors: {
        name: 'must not be empty',
        'prices.USD': 'has more decimals than this currency has',
        'prices.JPY': 'has more decimals than this currency has',
        'prices.EUR': 'must be more than zero',
        'prices.VND': 'enter a number, like 19.99',
      },
    });
    expect(bodyOf({ ...EMPTY_DRAFT, name: 'x', prices: [] })).toEqual({
      ok: false,
      errors: { prices: 'must name at least one currency' },
    });
    const twice = bodyOf({
      ...EMPTY_DRAFT,
      name: 'x',
      prices: [
        { currency: 'USD', amount: '1' },
        { currency: 'USD', amount: '2' },
      ],
    });
    expect(twice).toEqual({ ok: false, errors: { 'prices.USD': 'this currency is listed twice' } });
  });

  it('edits start from the product as the API has it, and send only what changed', () => {
    const draft = draftOf(product);
    expect(draft.prices).toEqual([
      { currency: 'USD', amount: '19.99' },
      { currency: 'JPY', amount: '333' },
    ]);
    const same = bodyOf(draft);
    if (!same.ok) throw new Error('the product as it is must be valid');
    expect(changesOf(product, same.body)).toEqual({});

    const edited = bodyOf({
      ...draft,
      period: 'year',
      active: false,
      prices: [{ currency: 'USD', amount: '24' }],
    });
    if (!edited.ok) throw new Error('expected a valid edit');
    expect(changesOf(product, edited.body)).toEqual({
      period: 'year',
      active: false,
      prices: { USD: 2_400 },
    });
  });
});
