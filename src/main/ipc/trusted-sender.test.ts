import { describe, expect, it } from 'vitest';
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
