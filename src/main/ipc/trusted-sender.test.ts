import { describe, expect, it } from 'vitest';
import { isAllowedExternalUrl } from './external-links.js';
import { isTrustedFrame } from './trusted-sender.js';

describe('isTrustedFrame', () => {
  const app = ['app://renderer'];
  it('trusts only the top frame of the app origin', () => {
    expect(isTrustedFrame({ url: 'app://renderer/index.html', parent: null }, app)).toBe(true);
    expect(isTrustedFrame({ url: 'app://renderer/index.html', parent: {} }, app)).toBe(false);
    expect(isTrustedFrame({ url: 'https://evil.example/', parent: null }, app)).toBe(false);
    expect(isTrustedFrame({ url: 'app://renderer.evil/index.html', parent: null }, app)).toBe(false);
    expect(isTrustedFrame({ url: 'file:///tmp/x.html', parent: null }, app)).toBe(false);
    expect(isTrustedFrame({ url: 'not a url', parent: null }, app)).toBe(false);
    expect(isTrustedFrame(null, app)).toBe(false);
  });
});

describe('isAllowedExternalUrl', () => {
  it('opens only allow-listed https hosts and loopback', () => {
    expect(isAllowedExternalUrl('https://checkout.stripe.com/c/pay/cs_test_1')).toBe(true);
    expect(isAllowedExternalUrl('http://127.0.0.1:8787/checkout/pay_1')).toBe(true);
    expect(isAllowedExternalUrl('http://checkout.stripe.com/')).toBe(false);
    expect(isAllowedExternalUrl('https://evil.example/')).toBe(false);
    expect(isAllowedExternalUrl('javascript:alert(1)')).toBe(false);
    expect(isAllowedExternalUrl('file:///etc/passwd')).toBe(false);
    expect(isAllowedExternalUrl('https://user:pass@checkout.stripe.com/')).toBe(false);
  });
});
