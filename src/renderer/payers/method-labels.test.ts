import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from '../i18n';
import { savedMethodLabel } from './method-labels';

describe("a saved method's label", () => {
  afterEach(() => i18n.changeLanguage('en'));

  it('reads in Vietnamese: a card of no known brand is a "Thẻ", its last digits kept', async () => {
    await i18n.changeLanguage('vi');
    expect(savedMethodLabel('Card •••• 4242')).toBe('Thẻ •••• 4242');
    expect(savedMethodLabel('Card')).toBe('Thẻ');
    // Stripe's brand "unknown", capitalised by the API, is no brand either.
    expect(savedMethodLabel('Unknown •••• 0005')).toBe('Thẻ •••• 0005');
  });

  it('keeps what is a name in any language: a card brand, a PayPal address', async () => {
    await i18n.changeLanguage('vi');
    expect(savedMethodLabel('Visa •••• 4242')).toBe('Visa •••• 4242');
    expect(savedMethodLabel('Mastercard •••• 4444')).toBe('Mastercard •••• 4444');
    expect(savedMethodLabel('PayPal ada@example.com')).toBe('PayPal ada@example.com');
    // A word that merely starts like the generic one is left alone.
    expect(savedMethodLabel('Cardinal Bank •••• 1234')).toBe('Cardinal Bank •••• 1234');
  });

  it('reads as the API wrote it in English', () => {
    expect(savedMethodLabel('Card •••• 4242')).toBe('Card •••• 4242');
    expect(savedMethodLabel('Card')).toBe('Card');
  });
});
