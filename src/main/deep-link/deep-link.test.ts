import { describe, expect, it } from 'vitest';
import { deepLinkFromArgv, parseDeepLink } from './deep-link.js';

describe('parseDeepLink', () => {
  it('reads the payment a return link names', () => {
    expect(parseDeepLink('resellerconsole://payments/pay_01HX9')).toEqual({ paymentId: 'pay_01HX9' });
    expect(parseDeepLink('resellerconsole://payments/pay_1/')).toEqual({ paymentId: 'pay_1' });
    expect(parseDeepLink('resellerconsole://payments/pay_1?status=paid#x')).toEqual({ paymentId: 'pay_1' });
    expect(parseDeepLink('RESELLERCONSOLE://PAYMENTS/pay_1')).toEqual({ paymentId: 'pay_1' });
  });

  it.each([
    ['another scheme', 'https://payments/pay_1'],
    ['another place in the app', 'resellerconsole://settings/pay_1'],
    ['no id', 'resellerconsole://payments/'],
    ['two segments', 'resellerconsole://payments/pay_1/extra'],
    ['an id that is no id', 'resellerconsole://payments/%3Cscript%3E'],
    ['a path that climbs', 'resellerconsole://payments/..%2F..%2Fetc'],
    ['credentials', 'resellerconsole://user:pw@payments/pay_1'],
    ['a port', 'resellerconsole://payments:8080/pay_1'],
    ['broken escapes', 'resellerconsole://payments/%E0%A4%A'],
    ['not a URL', 'payments/pay_1'],
    ['too long', `resellerconsole://payments/${'a'.repeat(600)}`],
  ])('refuses %s', (_what, url) => {
    expect(parseDeepLink(url)).toBeNull();
  });

  it('finds the link among a second instance’s arguments', () => {
    expect(
      deepLinkFromArgv(['/opt/app/reseller-console', '--flag', 'resellerconsole://payments/pay_7']),
    ).toEqual({ paymentId: 'pay_7' });
    expect(deepLinkFromArgv(['/opt/app/reseller-console', 'resellerconsole://evil/x'])).toBeNull();
    expect(deepLinkFromArgv([])).toBeNull();
  });
});
