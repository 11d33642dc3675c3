import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from '../i18n';
import { outcomeWords, refundStuckWords, subscriptionDate } from './order-words';

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
    // From its code where the server sends one, whatever its English says.
    const coded = {
      ...timedOut,
      failureReason: 'provisioning deadline passed',
      failureCode: 'provisioning_timed_out' as const,
    };
    expect(outcomeWords(coded)).toBe('0 of 3 provisioned: not provisioned in time');
    await i18n.changeLanguage('vi');
    expect(outcomeWords(timedOut)).not.toMatch(/provision/);
    expect(outcomeWords(coded)).not.toMatch(/provision/);
  });

  it('a timed-out order whose refund its wallet refused says so, why, how often and when it is tried again', async () => {
    expect(refundStuckWords({ refundStuck: null })).toBeNull();
    const stuck = { code: 'balance_limit', refusals: 3, retryAt: '2030-01-01T10:08:00.000Z' };
    expect(refundStuckWords({ refundStuck: stuck })).toMatch(
      /^Not provisioned in time, and its refund was refused 3 times: the wallet is at its maximum balance\. It is tried again on .*2030.*\.$/,
    );
    expect(refundStuckWords({ refundStuck: { ...stuck, code: 'wallet_closed', refusals: 1 } })).toMatch(
      /refused once: the wallet is closed\./,
    );
    expect(refundStuckWords({ refundStuck: { ...stuck, code: 'validation' } })).toMatch(
      /: the wallet did not take it\./,
    );
    await i18n.changeLanguage('vi');
    expect(refundStuckWords({ refundStuck: stuck })).toMatch(/bị từ chối 3 lần: ví đã đạt số dư tối đa/);
  });

  it("a subscription's date: when it renews, when it ends, or, once ended, when it did", () => {
    const sub = {
      status: 'active' as const,
      autoRenew: true,
      currentPeriodEnd: '2030-02-15T10:00:00.000Z',
      updatedAt: '2030-01-15T10:00:00.000Z',
    };
    expect(subscriptionDate(sub)).toEqual({ label: 'Renews on', at: sub.currentPeriodEnd });
    expect(subscriptionDate({ ...sub, autoRenew: false })).toEqual({
      label: 'Ends on',
      at: sub.currentPeriodEnd,
    });
    // Its order failed a minute after it was placed: it never ran, and ended then, not a month later.
    const failed = {
      ...sub,
      status: 'cancelled' as const,
      autoRenew: false,
      updatedAt: '2030-01-15T10:01:00.000Z',
    };
    expect(subscriptionDate(failed)).toEqual({ label: 'Ended on', at: '2030-01-15T10:01:00.000Z' });
    // Auto-renew off: the job ended it at (just after) its period end.
    const ran = { ...failed, updatedAt: '2030-02-15T10:00:30.000Z' };
    expect(subscriptionDate(ran)).toEqual({ label: 'Ended on', at: sub.currentPeriodEnd });
  });
});
