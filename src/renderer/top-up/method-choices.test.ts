import { afterEach, describe, expect, it } from 'vitest';
import type { TopUpOptions } from '../../shared/api/payments';
import { defaultTopUpLimits } from '../../shared/api/payments';
import { i18n } from '../i18n';
import {
  feeLabel,
  gatewayWords,
  initialChoice,
  initialPayer,
  methodChoices,
  saveMethodOffer,
} from './method-choices';

const T = '2030-01-01T00:00:00.000Z';
const saved = (id: string, payerId: string, patch: Record<string, unknown> = {}) => ({
  id,
  customerId: 'cus_1',
  payerId,
  provider: 'sandbox' as const,
  label: `Card ${id}`,
  status: 'confirmed' as const,
  isDefault: false,
  createdAt: T,
  updatedAt: T,
  ...patch,
});
const options: TopUpOptions = {
  walletId: 'wal_1',
  limits: defaultTopUpLimits('USD'),
  methods: [
    { provider: 'stripe', label: 'Card (Stripe)', feeBasisPoints: 290, processingTime: 'Instant' },
    { provider: 'crypto', label: 'Crypto', feeBasisPoints: 0, processingTime: '10-30 minutes' },
  ],
  payers: [
    { id: 'pyr_a', customerId: 'cus_1', name: 'Acme Ltd', email: null, isDefault: false, createdAt: T },
    { id: 'pyr_b', customerId: 'cus_1', name: 'Bob', email: null, isDefault: true, createdAt: T },
  ],
  savedMethods: [
    saved('pm_1', 'pyr_a'),
    saved('pm_2', 'pyr_b'),
    saved('pm_3', 'pyr_b', { isDefault: true }),
    saved('pm_4', 'pyr_b', { status: 'pending' }),
    saved('pm_5', 'pyr_b', { status: 'failed' }),
  ],
};

describe('methodChoices', () => {
  it('offers "Invoice (bank transfer)" last, only when the reseller offers it, with its bank details', () => {
    expect(methodChoices(options, 'pyr_b').some((c) => c.kind === 'invoice')).toBe(false);
    const offered = methodChoices(
      { ...options, invoiceMethod: { bankDetails: 'Acme Bank, IBAN 1' } },
      'pyr_b',
    );
    expect(offered.at(-1)).toEqual({
      key: 'invoice',
      kind: 'invoice',
      provider: null,
      label: 'Invoice (bank transfer)',
      bankDetails: 'Acme Bank, IBAN 1',
    });
    expect(saveMethodOffer(offered.at(-1), 'pyr_b')).toBe('none');
  });

  it('puts the payer’s confirmed saved methods first, the default first of them, then the gateways', () => {
    expect(methodChoices(options, 'pyr_b').map((c) => c.key)).toEqual([
      'saved:pm_3',
      'saved:pm_2',
      'gateway:stripe',
      'gateway:crypto',
    ]);
  });

  it('narrows saved methods to the chosen payer; without payers it offers them all', () => {
    expect(methodChoices(options, 'pyr_a').map((c) => c.key)).toEqual([
      'saved:pm_1',
      'gateway:stripe',
      'gateway:crypto',
    ]);
    expect(methodChoices(options, null).filter((c) => c.kind === 'saved')).toHaveLength(3);
  });

  it('pre-selects the default saved method, else the only method, else nothing', () => {
    expect(initialChoice(methodChoices(options, 'pyr_b'))).toBe('saved:pm_3');
    expect(initialChoice(methodChoices(options, 'pyr_a'))).toBeNull();
    expect(
      initialChoice(
        methodChoices({ ...options, savedMethods: [], methods: options.methods.slice(0, 1) }, null),
      ),
    ).toBe('gateway:stripe');
  });

  it('starts with the default payer', () => {
    expect(initialPayer(options)).toBe('pyr_b');
    expect(initialPayer({ ...options, payers: [] })).toBeNull();
  });
});

describe('feeLabel', () => {
  it('shows basis points as a percentage, exactly', () => {
    expect(feeLabel(0)).toBe('No fee');
    expect(feeLabel(290)).toBe('2.9% fee');
    expect(feeLabel(5)).toBe('0.05% fee');
    expect(feeLabel(300)).toBe('3% fee');
  });

  it('reads in Vietnamese, with its decimal comma', async () => {
    await i18n.changeLanguage('vi');
    try {
      expect(feeLabel(0)).toBe('Miễn phí');
      expect(feeLabel(290)).toBe('Phí 2,9%');
    } finally {
      await i18n.changeLanguage('en');
    }
  });
});

describe('saveMethodOffer', () => {
  const card = {
    key: 'gw:sandbox',
    kind: 'gateway',
    provider: 'sandbox',
    label: 'Card',
    feeBasisPoints: 0,
    processingTime: 'Instant',
  } as const;

  it('offers saving a card only with a payer chosen: a saved method belongs to a payer', () => {
    expect(saveMethodOffer(card, 'pyr_1')).toBe('offer');
    expect(saveMethodOffer(card, null)).toBe('needs_payer');
  });

  it('offers nothing for one-off transfers or a method already saved', () => {
    expect(saveMethodOffer({ ...card, provider: 'vietqr' }, null)).toBe('none');
    expect(saveMethodOffer({ ...card, provider: 'crypto' }, 'pyr_1')).toBe('none');
    expect(
      saveMethodOffer(
        {
          key: 'saved:m1',
          kind: 'saved',
          provider: 'sandbox',
          savedMethodId: 'm1',
          label: 'Visa',
          isDefault: true,
        },
        'pyr_1',
      ),
    ).toBe('none');
    expect(saveMethodOffer(null, 'pyr_1')).toBe('none');
  });
});

describe('gatewayWords', () => {
  afterEach(() => i18n.changeLanguage('en'));

  it("shows the words every method starts with in the console's language", async () => {
    await i18n.changeLanguage('vi');
    expect(
      gatewayWords({ provider: 'vietqr', label: 'Bank transfer (VietQR)', processingTime: '1-5 minutes' }),
    ).toEqual({
      label: 'Chuyển khoản ngân hàng (VietQR)',
      processingTime: '1–5 phút',
    });
    expect(
      gatewayWords({ provider: 'sandbox', label: 'Sandbox test card', processingTime: 'Instant' }),
    ).toEqual({
      label: 'Thẻ thử nghiệm sandbox',
      processingTime: 'Tức thì',
    });
  });

  it("keeps a reseller's own words as typed, and English as the API sends it", async () => {
    await i18n.changeLanguage('vi');
    expect(
      gatewayWords({ provider: 'vietqr', label: 'Chuyển khoản ACB', processingTime: 'Instant' }),
    ).toEqual({
      label: 'Chuyển khoản ACB',
      processingTime: 'Instant',
    });
    await i18n.changeLanguage('en');
    expect(
      gatewayWords({ provider: 'crypto', label: 'Crypto (BTC, ETH, USDT)', processingTime: '10-60 minutes' }),
    ).toEqual({
      label: 'Crypto (BTC, ETH, USDT)',
      processingTime: '10-60 minutes',
    });
  });
});
