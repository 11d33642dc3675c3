import { afterEach, describe, expect, it } from 'vitest';
import { CURRENCIES } from '../../shared/money';
import { defaultMovementLimit, PLATFORM_MAX_MOVEMENT } from '../../shared/movement-limits';
import { i18n } from '../i18n';
import { movementStep } from './movement-confirmation';

const limit = { currency: 'USD' as const, confirmAbove: 100_000, maxPerMovement: 1_000_000 };
const step = (kind: 'credit' | 'adjust', amount: number) =>
  movementStep({ kind, amount, currency: 'USD', customerName: 'Acme', limit });

describe('a merchant credit or adjustment before it is queued', () => {
  it('above the confirmation amount asks, naming the amount, the wallet and the confirmation amount', () => {
    expect(step('credit', 500_000)).toStrictEqual({
      kind: 'confirm',
      question: "Add 5,000.00 USD to Acme's wallet? This is above your confirmation amount of 1,000.00 USD.",
      confirmLabel: 'Add 5,000.00 USD',
    });
    expect(step('adjust', -100_001)).toStrictEqual({
      kind: 'confirm',
      question:
        "Adjust Acme's wallet by -1,000.01 USD? This is above your confirmation amount of 1,000.00 USD.",
      confirmLabel: 'Adjust by -1,000.01 USD',
    });
  });

  it('at or below the confirmation amount is queued without asking', () => {
    expect(step('credit', 100_000)).toStrictEqual({ kind: 'queue' });
    expect(step('credit', 2_500)).toStrictEqual({ kind: 'queue' });
    expect(step('adjust', -100_000)).toStrictEqual({ kind: 'queue' });
  });

  it('above the maximum per movement is refused at once, naming the maximum', () => {
    expect(step('credit', 1_000_001)).toStrictEqual({
      kind: 'refuse',
      message:
        'The most one movement can be is 10,000.00 USD (an admin can change it under Payment settings).',
    });
    expect(step('adjust', -1_000_001).kind).toBe('refuse');
  });

  it('the 999,999,999,999 credit of the report is refused under the default limits; VND reads without decimals', () => {
    const usd = movementStep({
      kind: 'credit',
      amount: 999_999_999_999,
      currency: 'USD',
      customerName: 'Acme',
      limit: defaultMovementLimit('USD'),
    });
    expect(usd).toMatchObject({ kind: 'refuse', message: expect.stringContaining('10,000,000.00 USD') });
    const vnd = (amount: number) =>
      movementStep({
        kind: 'credit',
        amount,
        currency: 'VND',
        customerName: 'Acme',
        limit: defaultMovementLimit('VND'),
      });
    // An everyday dong credit goes straight in; a thousand dollars' worth and more asks first.
    expect(vnd(250_000)).toEqual({ kind: 'queue' });
    expect(vnd(30_000_000)).toMatchObject({ kind: 'confirm', confirmLabel: 'Add 30,000,000 VND' });
  });

  it("every currency's default asks at about a thousand US dollars and refuses at ten thousand times that", () => {
    for (const currency of CURRENCIES) {
      const { confirmAbove, maxPerMovement } = defaultMovementLimit(currency);
      expect(maxPerMovement, currency).toBe(confirmAbove * 10_000);
      expect(maxPerMovement, currency).toBeLessThanOrEqual(PLATFORM_MAX_MOVEMENT);
    }
    expect(defaultMovementLimit('USD')).toMatchObject({
      confirmAbove: 100_000,
      maxPerMovement: 1_000_000_000,
    });
    expect(defaultMovementLimit('JPY').confirmAbove).toBe(100_000);
  });

  describe('in Vietnamese', () => {
    afterEach(() => i18n.changeLanguage('en'));

    it('writes the amounts with Vietnamese marks and calls a merchant credit a credit (ghi có), not a top-up (nạp tiền)', async () => {
      await i18n.changeLanguage('vi');
      const step = movementStep({
        kind: 'credit',
        amount: 500_000,
        currency: 'USD',
        customerName: 'Acme',
        limit: defaultMovementLimit('USD'),
      });
      expect(step).toMatchObject({
        kind: 'confirm',
        question: expect.stringMatching(/^Ghi có 5\.000,00 USD vào ví của Acme\?/),
        confirmLabel: 'Ghi có 5.000,00 USD',
      });
    });
  });
});
