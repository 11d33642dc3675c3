import { describe, expect, it } from 'vitest';
import { isAllowedExternalUrl, trustedApiOrigin } from './external-links.js';

/** The embedded demo API as the console knows it (its sandbox checkout lives there). */
const DEMO_API = 'http://127.0.0.1:41234';
const HOSTED_API = 'https://billing.example.com';

describe('isAllowedExternalUrl', () => {
  const demo = [trustedApiOrigin(DEMO_API)!];
  const hosted = [trustedApiOrigin(HOSTED_API)!];

  it.each([
    // The providers' hosted pages.
    ['https://checkout.stripe.com/c/pay/cs_test_1', [], true],
    ['https://www.paypal.com/checkoutnow?token=1', [], true],
    ['https://www.sandbox.paypal.com/checkoutnow?token=1', [], true],
    ['https://pay.cryptomus.com/pay/abc', [], true],
    ['https://checkout.tazapay.com/transaction=abc', [], true],
    ['https://checkout-sandbox.tazapay.com/transaction=abc', [], true],
    // The signed-in API's own hosted pages: the demo's sandbox checkout, a hosted API's.
    [`${DEMO_API}/sandbox/checkout/sbx_1`, demo, true],
    ['http://localhost:41234/sandbox/checkout/sbx_1', demo, true],
    ['http://[::1]:41234/sandbox/checkout/sbx_1', demo, true],
    [`${HOSTED_API}/sandbox/checkout/sbx_1`, hosted, true],
  ] as const)('opens %s (trusting %j)', (url, trusted, allowed) => {
    expect(isAllowedExternalUrl(url, trusted)).toBe(allowed);
  });

  it.each([
    // Loopback other than the signed-in API's origin: another app on this machine.
    ['http://127.0.0.1:8787/checkout/pay_1', []],
    ['http://127.0.0.1:8787/checkout/pay_1', demo],
    ['http://localhost:3000/', demo],
    ['http://[::1]:9229/json', demo],
    ['http://127.0.0.1/', demo],
    ['https://127.0.0.1:41234/sandbox/checkout/sbx_1', demo],
    ['http://127.0.0.2:41234/', demo],
    ['http://0.0.0.0:41234/', demo],
    ['http://localhost.evil.example:41234/', demo],
    // The demo's loopback origin is not trusted once signed in elsewhere.
    [`${DEMO_API}/sandbox/checkout/sbx_1`, hosted],
    [`${DEMO_API}/sandbox/checkout/sbx_1`, []],
    // A hosted API's host on another scheme or port, or a look-alike.
    ['http://billing.example.com/sandbox/checkout/sbx_1', hosted],
    ['https://billing.example.com:8443/', hosted],
    ['https://billing.example.com.evil.example/', hosted],
    // Providers' hosts off https or their port, with credentials, or look-alikes.
    ['http://checkout.stripe.com/', []],
    ['https://checkout.stripe.com:8443/', []],
    ['https://user:pass@checkout.stripe.com/', []],
    ['https://checkout.stripe.com.evil.example/', []],
    ['https://evil.example/', []],
    // Not web pages at all.
    ['javascript:alert(1)', demo],
    ['file:///etc/passwd', demo],
    ['data:text/html,<script>alert(1)</script>', demo],
    ['not a url', demo],
    [`${DEMO_API.replace('http://', 'http://user:pass@')}/`, demo],
  ] as const)('refuses %s (trusting %j)', (url, trusted) => {
    expect(isAllowedExternalUrl(url, trusted)).toBe(false);
  });
});

describe('trustedApiOrigin', () => {
  it.each([
    [DEMO_API, DEMO_API],
    ['http://localhost:8787/', 'http://localhost:8787'],
    ['http://[::1]:8787', 'http://[::1]:8787'],
    [`${HOSTED_API}/`, HOSTED_API],
    ['https://billing.example.com:8443', 'https://billing.example.com:8443'],
    // Plain http anywhere but loopback would hand the payer to a page anyone on the path can change.
    ['http://billing.example.com', null],
    ['http://10.0.0.5:8787', null],
    ['https://user:pass@billing.example.com', null],
    ['ftp://billing.example.com', null],
    ['not a url', null],
    [null, null],
  ] as const)('trusts %s as %s', (apiUrl, origin) => {
    expect(trustedApiOrigin(apiUrl)).toBe(origin);
  });
});
