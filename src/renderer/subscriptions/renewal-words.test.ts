import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from '../i18n';
import { formatAmount, formatDate } from '../lib/format';
import { renewalDateWords, renewalNoticeWords, renewNowWords } from './renewal-words';

const end = '2030-02-15T10:00:00.000Z';
const sub = {
  status: 'active' as const,
  autoRenew: true,
  currentPeriodEnd: end,
  nextAttemptAt: end,
  pastDueSince: null,
};
/** Short at its period end: past due since then, tried again a day later. */
const pastDue = {
  ...sub,
  status: 'past_due' as const,
  pastDueSince: end,
  nextAttemptAt: '2030-02-16T10:00:00.000Z',
};

describe('what a renewal row says about its date', () => {
  afterEach(() => i18n.changeLanguage('en'));

  it('active: the day it renews; auto-renew off: the day it ends', () => {
    expect(renewalDateWords(sub)).toBe(formatDate(end));
    expect(renewalDateWords({ ...sub, autoRenew: false })).toBe(`Ends ${formatDate(end)}`);
  });

  it('past due: not the renewal day that passed, but when it is tried again and when it ends unpaid', async () => {
    const retry = formatDate('2030-02-16T10:00:00.000Z');
    const grace = formatDate('2030-02-22T10:00:00.000Z');
    expect(renewalDateWords(pastDue)).toBe(`Past due: tried again ${retry}, ends ${grace} unless paid`);
    await i18n.changeLanguage('vi');
    const text = renewalDateWords(pastDue);
    expect(text).toContain(formatDate('2030-02-16T10:00:00.000Z', 'vi'));
    expect(text).toContain(formatDate('2030-02-22T10:00:00.000Z', 'vi'));
    expect(text).not.toContain('tried again');
  });

  it('Renew now says what it pays for: one more period from its end, or, past due, a new period from today', () => {
    expect(renewNowWords(sub, '$30.00')).toBe(
      '$30.00 is paid from the wallet now, and the subscription runs one more period from its current end.',
    );
    expect(renewNowWords(pastDue, '$30.00')).toBe(
      '$30.00 is paid from the wallet now, and a new period starts today.',
    );
  });

  it("a renewal the wallet cannot cover is told in the console's language, its amount formatted for its currency", async () => {
    const vps = {
      productName: 'VPS small',
      currentPeriodEnd: end,
      amount: 300_000,
      currency: 'VND' as const,
    };
    expect(renewalNoticeWords(vps)).toBe(
      `VPS small renews on ${formatDate(end)} for ${formatAmount(300_000, 'VND')}; your wallet does not cover it yet. Top up before then to keep it running.`,
    );
    await i18n.changeLanguage('vi');
    const text = renewalNoticeWords(vps);
    expect(text).toContain(formatAmount(300_000, 'VND', { locale: 'vi' }));
    expect(text).toContain(formatDate(end, 'vi'));
    expect(text).not.toContain('renews on');
  });
});
