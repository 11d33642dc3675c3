import { describe, expect, it } from 'vitest';
import { buildCredentials, credentialFields } from './credential-fields';

describe('gateway credentials forms', () => {
  it('nests dotted keys, leaves empty optional fields out and reads integers exactly', () => {
    const fields = credentialFields('crypto', ['USD']);
    expect(
      buildCredentials(fields, {
        'xpubs.bitcoin':
          '  zpub6rFR7y4Q2AijBEqTUquhVz398htDFrtymD9xYYfG1m4wAcvPhXNfE3EfH1r1ADqtfSdVCToUG868RvUUkgDKf31mGDtKsAYz2oz2AGutZYs ',
        'xpubs.tron': '',
        'rates.USD.BTC': '67123.45',
        'rates.USD.ETH': '',
        'requiredConfirmations.BTC': '3',
        testnet: true,
      }),
    ).toEqual({
      ok: true,
      credentials: {
        xpubs: {
          bitcoin:
            'zpub6rFR7y4Q2AijBEqTUquhVz398htDFrtymD9xYYfG1m4wAcvPhXNfE3EfH1r1ADqtfSdVCToUG868RvUUkgDKf31mGDtKsAYz2oz2AGutZYs',
        },
        rates: { USD: { BTC: '67123.45' } },
        requiredConfirmations: { BTC: 3 },
        testnet: true,
      },
    });
  });

  it('names each missing or malformed field', () => {
    expect(buildCredentials(credentialFields('stripe', []), { secretKey: 'sk_test_1' })).toEqual({
      ok: false,
      errors: { webhookSecret: 'Required.', accountId: 'Required.' },
    });
    expect(
      buildCredentials(credentialFields('crypto', []), {
        'xpubs.ethereum': 'xpub…',
        quoteMinutes: '1.5',
      }),
    ).toEqual({ ok: false, errors: { quoteMinutes: 'A whole number.' } });
  });

  it('asks Tazapay for its keys, webhook secret token and customer country', () => {
    const fields = credentialFields('tazapay', []);
    expect(fields.map((f) => [f.key, f.kind])).toEqual([
      ['apiKey', 'text'],
      ['apiSecret', 'secret'],
      ['webhookSecret', 'secret'],
      ['customerCountry', 'text'],
      ['environment', 'select'],
    ]);
    expect(
      buildCredentials(fields, { apiKey: 'k', apiSecret: 's', webhookSecret: 'w', customerCountry: ' SG ' }),
    ).toEqual({
      ok: true,
      credentials: {
        apiKey: 'k',
        apiSecret: 's',
        webhookSecret: 'w',
        customerCountry: 'SG',
        environment: 'live',
      },
    });
  });

  it('sends a select’s first option when none was picked', () => {
    expect(
      buildCredentials(credentialFields('paypal', []), { clientId: 'a', clientSecret: 'b', webhookId: 'W1' }),
    ).toEqual({
      ok: true,
      credentials: { clientId: 'a', clientSecret: 'b', webhookId: 'W1', environment: 'live' },
    });
  });
});
