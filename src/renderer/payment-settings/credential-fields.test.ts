import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from '../i18n';
import { buildCredentials, credentialFields, optionLabel, shownFields } from './credential-fields';

describe('gateway credentials forms', () => {
  afterEach(() => i18n.changeLanguage('en'));

  it("words PayPal's and Tazapay's environments in the console's language, sending their values", async () => {
    const choices = () =>
      (['paypal', 'tazapay'] as const).map((provider) => {
        const environment = credentialFields(provider, []).find((f) => f.key === 'environment')!;
        return environment.options!.map((option) => [option, optionLabel(environment, option)]);
      });
    expect(choices()).toEqual([
      [
        ['live', 'Live (real payments)'],
        ['sandbox', 'Sandbox (test payments)'],
      ],
      [
        ['live', 'Live (real payments)'],
        ['sandbox', 'Sandbox (test payments)'],
      ],
    ]);
    await i18n.changeLanguage('vi');
    expect(choices()[0]).toEqual([
      ['live', 'Thật (thanh toán thật)'],
      ['sandbox', 'Sandbox (thanh toán thử nghiệm)'],
    ]);
    // A brand stays as it is named: the bank feeds are Pay2s and Web2m in both languages.
    const feed = credentialFields('vietqr', []).find((f) => f.key === 'feed')!;
    expect(feed.options!.map((option) => optionLabel(feed, option))).toEqual(['pay2s', 'web2m']);
  });

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

  it("asks VietQR for the chosen bank feed's tokens only, and requires them", () => {
    const fields = credentialFields('vietqr', []);
    const account = { bankBin: '970422', accountNumber: '0123456789', accountName: 'CONG TY ACME' };
    const keys = (values: Record<string, string>) => shownFields(fields, values).map((f) => f.key);
    // Pay2s, the first feed, until another is chosen.
    expect(keys(account)).toEqual(expect.arrayContaining(['pay2sToken', 'pay2sApiToken']));
    expect(keys(account)).not.toContain('web2mToken');
    expect(buildCredentials(fields, account)).toEqual({
      ok: false,
      errors: { pay2sToken: 'Required.', pay2sApiToken: 'Required.' },
    });
    const web2m = { ...account, feed: 'web2m', web2mBank: 'mb', web2mPassword: 'pw', web2mToken: 'tk' };
    expect(keys(web2m)).not.toContain('pay2sToken');
    // What the other feed was given before switching is not sent.
    expect(buildCredentials(fields, { ...web2m, pay2sToken: 'left over' })).toEqual({
      ok: true,
      credentials: { ...web2m },
    });
  });
});
