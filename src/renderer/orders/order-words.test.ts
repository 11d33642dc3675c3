import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from '../i18n';
import { outcomeWords } from './order-words';

const order = { quantity: 3, provisioned: null, failureReason: null, status: 'provisioning' as const };

describe('what an order says about its outcome, beside its status', () => {
  afterEach(() => i18n.changeLanguage('en'));

  it('nothing while provisioning; how many were provisioned once reported', () => {
    expect(outcomeWords(order)).toBeNull();
    expect(outcomeWords({ ...order, status: 'partial', provisioned: 2 })).toBe('2 of 3 provisioned');
    expect(outcomeWords({ ...order, status: 'failed', provisioned: 0 })).toBe('0 of 3 provisioned');
  });

  it('a failed order says why it failed, as the provisioning system said, or the timeout in the console language', async () => {
    expect(
      outcomeWords({ ...order, status: 'failed', provisioned: 0, failureReason: 'Upstream pool exhausted' }),
    ).toBe('0 of 3 provisioned: Upstream pool exhausted');
    const timedOut = {
      ...order,
      status: 'failed' as const,
      provisioned: 0,
      failureReason: 'provisioning timed out',
    };
    expect(outcomeWords(timedOut)).toBe('0 of 3 provisioned: not provisioned in time');
    await i18n.changeLanguage('vi');
    expect(outcomeWords(timedOut)).not.toMatch(/provision/);
  });
});
