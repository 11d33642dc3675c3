import { describe, expect, it } from 'vitest';
import { chainEndpointsOf, readConfig, retentionPolicy, savedChargeKeysOf, trustProxyOf } from './config.js';

describe('retention settings', () => {
  it('default to 72 hours of idempotency answers, 30 days of processed events and a 30-day feed', () => {
    const config = readConfig({});
    expect(retentionPolicy(config)).toEqual({
      idempotencyHours: 72,
      gatewayEventDays: 30,
      feedCompactAfterDays: 30,
      webhookDeliveryDays: 30,
      emailDays: 30,
    });
    expect(config.PRUNE_JOBS).toBe('true');
    expect(config.PRUNE_INTERVAL_MS).toBeUndefined();
  });

  it('take what the operator sets', () => {
    const config = readConfig({
      IDEMPOTENCY_RETENTION_HOURS: '168',
      GATEWAY_EVENT_RETENTION_DAYS: '90',
      FEED_COMPACT_AFTER_DAYS: '14',
      WEBHOOK_DELIVERY_RETENTION_DAYS: '7',
      EMAIL_RETENTION_DAYS: '365',
      PRUNE_INTERVAL_MS: '600000',
      PRUNE_JOBS: 'false',
    });
    expect(retentionPolicy(config)).toEqual({
      idempotencyHours: 168,
      gatewayEventDays: 90,
      feedCompactAfterDays: 14,
      webhookDeliveryDays: 7,
      emailDays: 365,
    });
    expect(config).toMatchObject({ PRUNE_INTERVAL_MS: 600_000, PRUNE_JOBS: 'false' });
  });

  it('refuse an idempotency window under 72 hours, naming the setting', () => {
    expect(() => readConfig({ IDEMPOTENCY_RETENTION_HOURS: '24' })).toThrow(
      /^IDEMPOTENCY_RETENTION_HOURS: must be at least 72 hours/,
    );
    expect(() => readConfig({ FEED_COMPACT_AFTER_DAYS: '0' })).toThrow(/^FEED_COMPACT_AFTER_DAYS:/);
  });
});

describe('PAYPAL_REQUEST_ID_HOURS', () => {
  it('is 6 unless set, as long as PayPal keeps a PayPal-Request-Id by default', () => {
    expect(readConfig({}).PAYPAL_REQUEST_ID_HOURS).toBe(6);
    expect(savedChargeKeysOf(readConfig({}))).toEqual({ paypal: 6 * 3_600_000 });
  });

  it('may be raised up to the 72 hours PayPal can agree to keep them', () => {
    expect(savedChargeKeysOf(readConfig({ PAYPAL_REQUEST_ID_HOURS: '72' }))).toEqual({
      paypal: 72 * 3_600_000,
    });
  });

  it('anything else is refused at start, naming the variable', () => {
    for (const PAYPAL_REQUEST_ID_HOURS of ['5', '73', '6.5', 'six']) {
      expect(() => readConfig({ PAYPAL_REQUEST_ID_HOURS }), PAYPAL_REQUEST_ID_HOURS).toThrow(
        /^PAYPAL_REQUEST_ID_HOURS: /,
      );
    }
  });
});

describe('SANDBOX_GATEWAY', () => {
  it('is "allowed" unless set: each reseller may turn the sandbox on (it is off until then)', () => {
    expect(readConfig({}).SANDBOX_GATEWAY).toBe('allowed');
  });

  it('"forbidden" takes the sandbox off the server', () => {
    expect(readConfig({ SANDBOX_GATEWAY: 'forbidden' }).SANDBOX_GATEWAY).toBe('forbidden');
  });

  it('anything else is refused at start, naming the variable', () => {
    expect(() => readConfig({ SANDBOX_GATEWAY: 'off' })).toThrow(/^SANDBOX_GATEWAY: /);
  });
});

describe('TRUST_PROXY', () => {
  it('is off unless set: the client address is the TCP peer', () => {
    expect(trustProxyOf(readConfig({}))).toBe(false);
  });

  it('takes true, false or a list of proxy addresses', () => {
    const trust = (TRUST_PROXY: string) => trustProxyOf(readConfig({ TRUST_PROXY }));
    expect(trust('true')).toBe(true);
    expect(trust('false')).toBe(false);
    expect(trust('10.0.0.1, 10.0.1.0/24,::1')).toEqual(['10.0.0.1', '10.0.1.0/24', '::1']);
  });

  it('refuses anything else, naming the variable', () => {
    for (const TRUST_PROXY of ['yes', 'proxy.internal', '10.0.0.1;rm', '']) {
      expect(() => readConfig({ TRUST_PROXY }), TRUST_PROXY).toThrow(/^TRUST_PROXY: /);
    }
  });
});

describe('chain APIs (CHAIN_*)', () => {
  it('none unless set: every network reads the simulated chain', () => {
    expect(chainEndpointsOf(readConfig({}))).toBeUndefined();
  });

  it('take an API per network, and the TronGrid key', () => {
    const config = readConfig({
      CHAIN_BITCOIN_ESPLORA_URL: 'https://blockstream.info/api',
      CHAIN_TRON_API_URL: 'https://api.trongrid.io',
      CHAIN_TRON_API_KEY: 'key-123',
    });
    expect(chainEndpointsOf(config)).toEqual({
      bitcoinEsploraUrl: 'https://blockstream.info/api',
      tronApiUrl: 'https://api.trongrid.io',
      tronApiKey: 'key-123',
    });
  });

  it('refuse what is not an http(s) URL, or one carrying a password, naming the variable', () => {
    expect(() => readConfig({ CHAIN_ETHEREUM_RPC_URL: 'mainnet' })).toThrow(/^CHAIN_ETHEREUM_RPC_URL: /);
    expect(() => readConfig({ CHAIN_ETHEREUM_RPC_URL: 'ws://node:8546' })).toThrow(
      /^CHAIN_ETHEREUM_RPC_URL: /,
    );
    expect(() => readConfig({ CHAIN_BITCOIN_ESPLORA_URL: 'https://u:p@esplora.example' })).toThrow(
      /^CHAIN_BITCOIN_ESPLORA_URL: must not carry/,
    );
  });
});
