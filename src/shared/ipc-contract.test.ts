import { describe, expect, it } from 'vitest';
import { buildDesktopApi } from './desktop-api.js';
import { channelNames, events, methodName } from './ipc-contract.js';

const KEBAB = /^[a-z]+(-[a-z]+)*$/;

describe('channel names', () => {
  it('are `domain:verb`, both in kebab-case; events too', () => {
    for (const name of [...channelNames, ...Object.keys(events)]) {
      const [domain, verb, ...rest] = name.split(':');
      expect(rest, name).toEqual([]);
      expect(domain, name).toMatch(KEBAB);
      expect(verb, name).toMatch(KEBAB);
    }
  });

  it('say "credit" for a merchant credit and "top-up" for a customer top-up, never the old names', () => {
    expect(channelNames).toContain('wallets:credit');
    expect(channelNames).toEqual(expect.arrayContaining(['top-ups:options', 'top-ups:create']));
    expect(channelNames).toEqual(expect.arrayContaining(['top-up-links:create', 'top-up-links:list']));
    for (const old of ['wallets:top-up', 'topups:create', 'topups:options', 'topupLinks:create'])
      expect(channelNames).not.toContain(old);
  });

  it('give the preload one camelCase method each, built from domain and verb', () => {
    expect(methodName('wallets:credit')).toBe('walletsCredit');
    expect(methodName('top-ups:create')).toBe('topUpsCreate');
    expect(methodName('top-up-links:list')).toBe('topUpLinksList');
    expect(methodName('payment-settings:set-credentials')).toBe('paymentSettingsSetCredentials');
    const methods = channelNames.map(methodName);
    expect(new Set(methods).size).toBe(channelNames.length);
    const api = buildDesktopApi({
      invoke: async () => ({ ok: true, value: null }),
      subscribe: () => () => {},
    });
    expect(Object.keys(api).sort()).toEqual([...methods, 'on'].sort());
  });
});
