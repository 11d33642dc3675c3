import { describe, expect, it } from 'vitest';
import type { PaymentSettings } from '../../shared/api/payments.js';
import type { Session } from '../../shared/ipc-contract.js';
import { ApiError, NetworkError, type ApiClient } from '../api/client.js';
import type { SessionManager } from '../session/session-manager.js';
import { createDispatcher, type Handlers } from './handle.js';
import { createPaymentSettingsHandlers } from './payment-settings-handlers.js';

const SECRET = 'sk_test_do_not_leak_4242';
const NOW = '2030-01-01T00:00:00.000Z';

const SETTINGS: PaymentSettings = {
  methods: [
    {
      provider: 'sandbox',
      enabled: true,
      available: true,
      label: 'Card',
      feeBasisPoints: 0,
      processingTime: 'Instant',
    },
  ],
  limits: [],
  credentialsConfigured: [],
  testModeAllowed: true,
  cryptoGapLimit: 20,
};

/** The handlers behind a dispatcher that trusts only the sender 'main-window', with a fake API. */
function world(role: Session['role'], client: Partial<ApiClient> = {}, customerId: string | null = null) {
  const calls: string[] = [];
  const recording = new Proxy(client, {
    get: (target, name: string) => {
      const fn = (target as Record<string, unknown>)[name];
      if (typeof fn !== 'function') return fn;
      return (...args: unknown[]) => {
        calls.push(name);
        return (fn as (...a: unknown[]) => unknown)(...args);
      };
    },
  });
  const session = {
    signedIn: () => ({ account: 'acct', client: recording as ApiClient }),
    get: () => ({ role, customerId }) as Session,
  } as unknown as SessionManager;
  const handlers = createPaymentSettingsHandlers({
    session,
    real: (id) => (id === 'local_cus_1' ? 'cus_1' : id),
  }) as unknown as Handlers;
  const dispatch = createDispatcher(handlers, (sender: string) => sender === 'main-window');
  return {
    calls,
    call: (channel: string, input: unknown, sender = 'main-window') => dispatch(sender, channel, input),
  };
}

describe('payment settings channels', () => {
  it('refuse a sender that is not the console window, before asking the API anything', async () => {
    const w = world('reseller_admin', { paymentSettings: async () => SETTINGS });
    expect(await w.call('payment-settings:get', {}, 'some-iframe')).toMatchObject({
      ok: false,
      error: { code: 'forbidden_sender' },
    });
    expect(w.calls).toEqual([]);
  });

  it('refuse bad input naming the field, before asking the API anything', async () => {
    const w = world('reseller_admin', { updatePaymentSettings: async () => SETTINGS });
    expect(
      await w.call('payment-settings:update', {
        limits: [{ currency: 'USD', minAmount: 5_000, maxAmount: 1_000, presets: [] }],
      }),
    ).toMatchObject({ ok: false, error: { code: 'validation', field: 'limits.0.minAmount' } });
    expect(
      await w.call('payment-settings:update', {
        methods: [
          { provider: 'sandbox', enabled: true, label: 'Card', feeBasisPoints: 2.5, processingTime: 'Now' },
        ],
      }),
    ).toMatchObject({ ok: false, error: { code: 'validation', field: 'methods.0.feeBasisPoints' } });
    expect(
      await w.call('payment-settings:set-credentials', { provider: 'bitcoin-atm', credentials: {} }),
    ).toMatchObject({ ok: false, error: { code: 'validation', field: 'provider' } });
    expect(await w.call('payers:create', { customerId: 'cus_1', name: 'P', email: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'validation', field: 'email' },
    });
    expect(await w.call('payment-reviews:resolve', {})).toMatchObject({
      ok: false,
      error: { code: 'validation', field: 'reviewId' },
    });
    expect(w.calls).toEqual([]);
  });

  it("pass what staff found about a held refund on to the API's resolve, and refuse any other answer", async () => {
    const asked: unknown[][] = [];
    const w = world('reseller_admin', {
      resolvePaymentReview: async (...args: unknown[]) => {
        asked.push(args);
        return { id: 'rev_1', status: 'resolved' } as never;
      },
    });
    expect(await w.call('payment-reviews:resolve', { reviewId: 'rev_1', refund: 'not_made' })).toMatchObject({
      ok: true,
    });
    expect(await w.call('payment-reviews:resolve', { reviewId: 'rev_2' })).toMatchObject({ ok: true });
    expect(await w.call('payment-reviews:resolve', { reviewId: 'rev_3', refund: 'maybe' })).toMatchObject({
      ok: false,
      error: { code: 'validation', field: 'refund' },
    });
    expect(asked).toEqual([
      ['rev_1', 'not_made'],
      ['rev_2', undefined],
    ]);
  });

  it('answer only that credentials are configured, whatever the API sent back', async () => {
    const w = world('reseller_admin', {
      // A server that echoed what it stored must still not get it to the renderer.
      setGatewayCredentials: async () =>
        ({ provider: 'stripe', configured: true, credentials: { secretKey: SECRET } }) as never,
    });
    const result = await w.call('payment-settings:set-credentials', {
      provider: 'stripe',
      credentials: { secretKey: SECRET },
    });
    expect(result).toEqual({ ok: true, value: { provider: 'stripe', configured: true } });
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });

  it('pass the API’s refusal of a credential through with its field, never the value', async () => {
    const w = world('reseller_admin', {
      setGatewayCredentials: async () => {
        throw new ApiError(
          400,
          'validation',
          'credentials.rates.USD.BTC: a decimal price such as "67123.45"',
          'credentials.rates.USD.BTC',
        );
      },
    });
    const result = await w.call('payment-settings:set-credentials', {
      provider: 'crypto',
      credentials: { xpubs: { bitcoin: SECRET }, rates: { USD: { BTC: 'lots' } } },
    });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'validation',
        message: 'credentials.rates.USD.BTC: a decimal price such as "67123.45"',
        field: 'credentials.rates.USD.BTC',
      },
    });
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });

  it('let support agents read settings and reviews but change nothing; customers see neither', async () => {
    const agent = world('support_agent', {
      paymentSettings: async () => SETTINGS,
      paymentReviews: async () => ({ items: [], nextCursor: null }),
    });
    expect(await agent.call('payment-settings:get', {})).toEqual({ ok: true, value: SETTINGS });
    expect(await agent.call('payment-reviews:list', {})).toEqual({
      ok: true,
      value: { items: [], nextCursor: null },
    });
    for (const [channel, input] of [
      ['payment-settings:update', { limits: [] }],
      ['payment-settings:set-credentials', { provider: 'sandbox', credentials: { webhookSecret: SECRET } }],
      ['payment-reviews:resolve', { reviewId: 'rev_1' }],
      ['payers:create', { customerId: 'cus_1', name: 'P' }],
      ['saved-methods:delete', { methodId: 'spm_1' }],
    ] as const) {
      expect(await agent.call(channel, input)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(agent.calls).toEqual(['paymentSettings', 'paymentReviews']);

    const customer = world('customer', {}, 'cus_1');
    expect(await customer.call('payment-settings:get', {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await customer.call('payment-reviews:list', {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it("give staff the crypto address view and a payment's derivation; a customer neither", async () => {
    const addresses = { gapLimit: 20, gapPolicy: 'warn' as const, networks: [] };
    const agent = world('support_agent', {
      cryptoAddresses: async () => addresses,
      paymentDerivation: async (paymentId: string) => ({ paymentId, crypto: null }),
    });
    expect(await agent.call('payment-settings:crypto-addresses', {})).toEqual({ ok: true, value: addresses });
    expect(await agent.call('payments:crypto-address', { paymentId: 'pay_1' })).toEqual({
      ok: true,
      value: { paymentId: 'pay_1', crypto: null },
    });
    // Still in the outbox: no address yet, and nothing asked of the API.
    expect(await agent.call('payments:crypto-address', { paymentId: 'local_pay_1' })).toEqual({
      ok: true,
      value: { paymentId: 'local_pay_1', crypto: null },
    });
    expect(agent.calls).toEqual(['cryptoAddresses', 'paymentDerivation']);

    const customer = world('customer', {}, 'cus_1');
    for (const [channel, input] of [
      ['payment-settings:crypto-addresses', {}],
      ['payments:crypto-address', { paymentId: 'pay_1' }],
    ] as const) {
      expect(await customer.call(channel, input)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(customer.calls).toEqual([]);
  });

  it('give a customer its own payers and methods only', async () => {
    const payer = {
      id: 'pyr_1',
      customerId: 'cus_1',
      name: 'Home',
      email: null,
      isDefault: true,
      createdAt: NOW,
    };
    const method = {
      id: 'spm_1',
      customerId: 'cus_1',
      payerId: 'pyr_1',
      provider: 'stripe' as const,
      label: 'Visa •••• 4242',
      status: 'confirmed' as const,
      isDefault: true,
      createdAt: NOW,
      updatedAt: NOW,
    };
    const asked: unknown[] = [];
    const w = world(
      'customer',
      {
        payers: async () => ({ items: [payer] }),
        savedMethods: async (customerId: string, payerId?: string) => {
          asked.push([customerId, payerId]);
          return { items: [method] };
        },
        setDefaultSavedMethod: async () => method,
        deleteSavedMethod: async () => null,
        createPayer: async (customerId: string, body: { name: string }) => ({
          ...payer,
          id: 'pyr_2',
          customerId,
          name: body.name,
          isDefault: false,
        }),
      },
      'cus_1',
    );
    expect(await w.call('payers:list', { customerId: 'cus_1' })).toEqual({ ok: true, value: [payer] });
    expect(await w.call('saved-methods:list', { customerId: 'cus_1', payerId: 'pyr_1' })).toEqual({
      ok: true,
      value: [method],
    });
    expect(asked).toEqual([['cus_1', 'pyr_1']]);
    expect(await w.call('payers:list', { customerId: 'cus_2' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden', field: 'customerId' },
    });
    expect(await w.call('saved-methods:set-default', { methodId: 'spm_1' })).toEqual({
      ok: true,
      value: method,
    });
    expect(await w.call('saved-methods:delete', { methodId: 'spm_1' })).toEqual({
      ok: true,
      value: { deleted: true },
    });
    // A customer adds its own payers, as the API allows; never another customer's.
    expect(await w.call('payers:create', { customerId: 'cus_1', name: 'Office' })).toMatchObject({
      ok: true,
      value: { id: 'pyr_2', customerId: 'cus_1', name: 'Office' },
    });
    expect(await w.call('payers:create', { customerId: 'cus_2', name: 'P' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden', field: 'customerId' },
    });
  });

  it('follow a local customer id, and list nothing for one the server does not know yet', async () => {
    const w = world('reseller_admin', {
      payers: async (id: string) => ({ items: [] as never[], id }) as never,
    });
    expect(await w.call('payers:list', { customerId: 'local_cus_1' })).toEqual({ ok: true, value: [] });
    expect(w.calls).toEqual(['payers']);
    expect(await w.call('payers:list', { customerId: 'local_cus_9' })).toEqual({ ok: true, value: [] });
    expect(await w.call('payers:create', { customerId: 'local_cus_9', name: 'P' })).toMatchObject({
      ok: false,
      error: { code: 'not_synced' },
    });
    expect(w.calls).toEqual(['payers']);
  });

  it('say clearly that the API is unreachable', async () => {
    const w = world('reseller_admin', {
      paymentSettings: async () => {
        throw new NetworkError('cannot reach http://127.0.0.1:1: ECONNREFUSED');
      },
    });
    expect(await w.call('payment-settings:get', {})).toEqual({
      ok: false,
      error: {
        code: 'offline',
        message:
          'Loading payment settings needs the billing API, which cannot be reached right now. Try again when the console is online.',
      },
    });
  });

  it('apply a review transfer for admins only, online, with an idempotency key, to one target', async () => {
    const applied = {
      id: 'rev_1',
      paymentId: null,
      provider: 'vietqr' as const,
      reason: 'unmatched' as const,
      detail: '150000 VND matched no open payment',
      status: 'resolved' as const,
      amount: 150_000,
      currency: 'VND' as const,
      resolution: '150.000 ₫ applied to wallet wal_1 by admin@example.com',
      resolvedAt: NOW,
      applied: {
        paymentId: null,
        walletId: 'wal_1',
        transactionId: 'txn_1',
        by: 'admin@example.com',
        at: NOW,
      },
      createdAt: NOW,
    };
    const asked: unknown[] = [];
    const admin = world('reseller_admin', {
      applyPaymentReview: async (reviewId: string, target: object, key: string) => {
        asked.push([reviewId, target, typeof key === 'string' && key.length > 0]);
        return applied;
      },
    });
    expect(await admin.call('payment-reviews:apply', { reviewId: 'rev_1', walletId: 'wal_1' })).toEqual({
      ok: true,
      value: applied,
    });
    expect(asked).toEqual([['rev_1', { walletId: 'wal_1' }, true]]);
    // The invoice of the review's payment: no id of the desktop's to follow, the server finds it.
    expect(await admin.call('payment-reviews:apply', { reviewId: 'rev_1', invoice: true })).toEqual({
      ok: true,
      value: applied,
    });
    expect(asked.at(-1)).toEqual(['rev_1', { invoice: true }, true]);
    for (const input of [
      { reviewId: 'rev_1' },
      { reviewId: 'rev_1', walletId: 'wal_1', paymentId: 'pay_1' },
      { reviewId: 'rev_1', walletId: 'wal_1', invoice: true },
      { reviewId: 'rev_1', invoice: false },
      { reviewId: 'rev_1', walletId: 'wal_1', amount: 1 },
    ]) {
      expect(await admin.call('payment-reviews:apply', input)).toMatchObject({
        ok: false,
        error: { code: 'validation' },
      });
    }
    expect(
      await admin.call('payment-reviews:apply', { reviewId: 'rev_1', walletId: 'local_wal_9' }),
    ).toMatchObject({ ok: false, error: { code: 'not_synced' } });
    expect(admin.calls).toEqual(['applyPaymentReview', 'applyPaymentReview']);

    const agent = world('support_agent', { applyPaymentReview: async () => applied });
    expect(await agent.call('payment-reviews:apply', { reviewId: 'rev_1', walletId: 'wal_1' })).toMatchObject(
      {
        ok: false,
        error: { code: 'forbidden' },
      },
    );
    expect(await agent.call('payment-reviews:apply', { reviewId: 'rev_1', invoice: true })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(agent.calls).toEqual([]);

    const offline = world('reseller_admin', {
      applyPaymentReview: async () => {
        throw new NetworkError('cannot reach http://127.0.0.1:1: ECONNREFUSED');
      },
    });
    expect(
      await offline.call('payment-reviews:apply', { reviewId: 'rev_1', paymentId: 'pay_1' }),
    ).toMatchObject({
      ok: false,
      error: {
        code: 'offline',
        message: expect.stringContaining('Applying a transfer needs the billing API'),
      },
    });
  });
});
