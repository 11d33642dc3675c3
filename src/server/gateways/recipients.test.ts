import { describe, expect, it } from 'vitest';
import type { Store } from '../db/database.js';
import { PUBLISHED_ACCOUNT_KEYS } from './crypto/published-keys.js';
import type { GatewayEnvironment, PaymentProvider, ProviderId } from './provider.js';
import { GATEWAYS } from './registry.js';

const env: GatewayEnvironment = {
  now: () => new Date('2030-01-01T00:00:00Z'),
  webhookUrl: 'http://127.0.0.1:1/v1/webhooks/x/rsl_1',
  publicBaseUrl: 'http://127.0.0.1:1',
};
// The sandbox reads its checkouts from the API's own store; building it touches nothing there.
const sandboxEnv = { ...env, sandbox: { store: {} as Store, resellerId: 'rsl_1' } };

function build(id: ProviderId, credentials: unknown): PaymentProvider {
  const definition = GATEWAYS[id]!;
  return definition.create(
    definition.credentialsSchema.parse(credentials),
    id === 'sandbox' ? sandboxEnv : env,
  );
}

/**
 * PaymentProvider.recipient is what a redirect payment stores as its expected recipient, and what
 * decideCredit then holds every status answer to: each provider that knows its account declares it.
 */
describe('PaymentProvider.recipient', () => {
  it('names the configured account of every provider that has one', () => {
    expect(
      build('stripe', { secretKey: 'sk_test_abc', webhookSecret: 'whsec_abc', accountId: 'acct_1Merchant' })
        .recipient,
    ).toBe('acct_1Merchant');
    const paypal = { clientId: 'AppClient', clientSecret: 'secret', webhookId: 'WH1' };
    expect(build('paypal', { ...paypal, merchantId: 'MERCHANT123' }).recipient).toBe('MERCHANT123');
    // Without a merchant id, answers read with the app's own credentials describe the app's account.
    expect(build('paypal', paypal).recipient).toBe('paypal-app:AppClient');
    const merchantId = '8b03432e-385b-4670-8d06-064591096795';
    expect(build('cryptomus', { merchantId, paymentApiKey: 'k'.repeat(32) }).recipient).toBe(merchantId);
    // Tazapay's answers do not name the account: a checkout read with this API key is this account's.
    const tazapay = {
      apiKey: 'tzp_key_merchant',
      apiSecret: 'tzp_secret_merchant',
      webhookSecret: 'tzp_webhook_secret_token_1',
      customerCountry: 'SG',
    };
    expect(build('tazapay', tazapay).recipient).toBe('tazapay-key:tzp_key_merchant');
    expect(build('sandbox', { webhookSecret: 'sbwhsec_0123456789abcdef' }).recipient).toBe('sandbox:rsl_1');
    expect(
      build('vietqr', {
        bankBin: '970422',
        accountNumber: '0123456789',
        accountName: 'ACME',
        feed: 'pay2s',
        pay2sToken: 'push-token',
        pay2sApiToken: 'api-token',
      }).recipient,
    ).toBe('0123456789');
  });

  it('is unset for crypto, whose recipient is a derived address per invoice (named by the checkout)', () => {
    expect(build('crypto', { xpubs: PUBLISHED_ACCOUNT_KEYS }).recipient).toBeUndefined();
  });
});
