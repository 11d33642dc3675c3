import type { PaymentProviderId } from '../../shared/api/payments';
import type { Currency } from '../../shared/money';
import { i18n } from '../i18n';

/**
 * What each gateway's credentials form asks for. `key` is the path inside the credentials document
 * (dots nest: `rates.USD.BTC`), which is also how the API names a refused field. The server's own
 * schema per provider is the authority; this only lays the form out.
 */
export interface CredentialField {
  key: string;
  label: string;
  kind: 'text' | 'secret' | 'integer' | 'select' | 'checkbox';
  optional?: boolean;
  options?: readonly string[];
  /** What a select's options read as, by value; an option not named here reads as its value (a brand). */
  optionLabels?: Readonly<Record<string, string>>;
  hint?: string;
  /** Asked only when another field has this value (the bank feed's own tokens); then required. */
  when?: { key: string; value: string };
}

/**
 * The fields the form shows for what is chosen so far: one whose `when` does not hold is neither
 * shown, required nor sent. A select not yet touched stands at its first option.
 */
export function shownFields(fields: readonly CredentialField[], values: CredentialValues): CredentialField[] {
  const chosen = (key: string) => {
    const raw = values[key];
    if (typeof raw === 'string' && raw !== '') return raw;
    return fields.find((f) => f.key === key)?.options?.[0];
  };
  return fields.filter((f) => !f.when || chosen(f.when.key) === f.when.value);
}

const COINS = ['BTC', 'ETH', 'USDT'] as const;

/** A gateway's environments, in the console's language (the values are the API's, not words). */
function environmentLabels(): Record<string, string> {
  return {
    live: i18n.t('payment-settings:cred.environmentLive'),
    sandbox: i18n.t('payment-settings:cred.environmentSandbox'),
  };
}

/** What the option `option` of the select `field` reads as. */
export function optionLabel(field: CredentialField, option: string): string {
  return field.optionLabels?.[option] ?? option;
}

export function credentialFields(
  provider: PaymentProviderId,
  currencies: readonly Currency[],
): CredentialField[] {
  switch (provider) {
    case 'sandbox':
      return [
        {
          key: 'webhookSecret',
          label: i18n.t('payment-settings:cred.webhookSecret'),
          kind: 'secret',
          hint: i18n.t('payment-settings:cred.webhookSecretHint'),
        },
      ];
    case 'stripe':
      return [
        {
          key: 'secretKey',
          label: i18n.t('payment-settings:cred.secretKey'),
          kind: 'secret',
          hint: i18n.t('payment-settings:cred.secretKeyHint'),
        },
        {
          key: 'webhookSecret',
          label: i18n.t('payment-settings:cred.webhookSigningSecret'),
          kind: 'secret',
          hint: i18n.t('payment-settings:cred.webhookSigningSecretHint'),
        },
        {
          key: 'previousWebhookSecret',
          label: i18n.t('payment-settings:cred.previousWebhookSigningSecret'),
          kind: 'secret',
          optional: true,
        },
        {
          key: 'accountId',
          label: i18n.t('payment-settings:cred.accountId'),
          kind: 'text',
          hint: i18n.t('payment-settings:cred.accountIdHint'),
        },
      ];
    case 'paypal':
      return [
        { key: 'clientId', label: i18n.t('payment-settings:cred.clientId'), kind: 'text' },
        { key: 'clientSecret', label: i18n.t('payment-settings:cred.clientSecret'), kind: 'secret' },
        { key: 'webhookId', label: i18n.t('payment-settings:cred.webhookId'), kind: 'text' },
        {
          key: 'merchantId',
          label: i18n.t('payment-settings:cred.merchantId'),
          kind: 'text',
          optional: true,
        },
        {
          key: 'environment',
          label: i18n.t('payment-settings:cred.environment'),
          kind: 'select',
          options: ['live', 'sandbox'],
          optionLabels: environmentLabels(),
        },
      ];
    case 'cryptomus':
      return [
        { key: 'merchantId', label: i18n.t('payment-settings:cred.merchantUuid'), kind: 'text' },
        { key: 'paymentApiKey', label: i18n.t('payment-settings:cred.paymentApiKey'), kind: 'secret' },
      ];
    case 'tazapay':
      return [
        { key: 'apiKey', label: i18n.t('payment-settings:cred.apiKey'), kind: 'text' },
        { key: 'apiSecret', label: i18n.t('payment-settings:cred.apiSecret'), kind: 'secret' },
        {
          key: 'webhookSecret',
          label: i18n.t('payment-settings:cred.webhookSecretToken'),
          kind: 'secret',
          hint: i18n.t('payment-settings:cred.webhookSecretTokenHint'),
        },
        {
          key: 'customerCountry',
          label: i18n.t('payment-settings:cred.customerCountry'),
          kind: 'text',
          hint: i18n.t('payment-settings:cred.customerCountryHint'),
        },
        {
          key: 'environment',
          label: i18n.t('payment-settings:cred.environment'),
          kind: 'select',
          options: ['live', 'sandbox'],
          optionLabels: environmentLabels(),
        },
      ];
    case 'vietqr':
      return [
        {
          key: 'bankBin',
          label: i18n.t('payment-settings:cred.bankBin'),
          kind: 'text',
          hint: i18n.t('payment-settings:cred.bankBinHint'),
        },
        { key: 'accountNumber', label: i18n.t('payment-settings:cred.accountNumber'), kind: 'text' },
        { key: 'accountName', label: i18n.t('payment-settings:cred.accountName'), kind: 'text' },
        {
          key: 'memoPrefix',
          label: i18n.t('payment-settings:cred.memoPrefix'),
          kind: 'text',
          optional: true,
        },
        {
          key: 'feed',
          label: i18n.t('payment-settings:cred.feed'),
          kind: 'select',
          options: ['pay2s', 'web2m'],
        },
        // Each feed's own tokens, asked only for the feed chosen (and then required).
        {
          key: 'pay2sToken',
          label: i18n.t('payment-settings:cred.pay2sToken'),
          kind: 'secret',
          when: { key: 'feed', value: 'pay2s' },
        },
        {
          key: 'pay2sApiToken',
          label: i18n.t('payment-settings:cred.pay2sApiToken'),
          kind: 'secret',
          when: { key: 'feed', value: 'pay2s' },
        },
        {
          key: 'web2mBank',
          label: i18n.t('payment-settings:cred.web2mBank'),
          kind: 'text',
          when: { key: 'feed', value: 'web2m' },
        },
        {
          key: 'web2mPassword',
          label: i18n.t('payment-settings:cred.web2mPassword'),
          kind: 'secret',
          when: { key: 'feed', value: 'web2m' },
        },
        {
          key: 'web2mToken',
          label: i18n.t('payment-settings:cred.web2mToken'),
          kind: 'secret',
          when: { key: 'feed', value: 'web2m' },
        },
      ];
    case 'crypto':
      return [
        // Public keys only: each payment's address is derived from them, and nothing here can spend.
        {
          key: 'xpubs.bitcoin',
          label: i18n.t('payment-settings:cred.xpubBitcoin'),
          kind: 'text',
          optional: true,
          hint: i18n.t('payment-settings:cred.xpubBitcoinHint'),
        },
        {
          key: 'xpubs.ethereum',
          label: i18n.t('payment-settings:cred.xpubEthereum'),
          kind: 'text',
          optional: true,
          hint: i18n.t('payment-settings:cred.xpubEthereumHint'),
        },
        {
          key: 'xpubs.tron',
          label: i18n.t('payment-settings:cred.xpubTron'),
          kind: 'text',
          optional: true,
          hint: i18n.t('payment-settings:cred.xpubTronHint'),
        },
        { key: 'chainUrl', label: i18n.t('payment-settings:cred.chainUrl'), kind: 'text', optional: true },
        {
          key: 'quoteMinutes',
          label: i18n.t('payment-settings:cred.quoteMinutes'),
          kind: 'integer',
          optional: true,
        },
        { key: 'testnet', label: i18n.t('payment-settings:cred.testnet'), kind: 'checkbox', optional: true },
        {
          key: 'liveRates',
          label: i18n.t('payment-settings:cred.liveRates'),
          kind: 'checkbox',
          optional: true,
          hint: i18n.t('payment-settings:cred.liveRatesHint'),
        },
        ...currencies.flatMap((currency) =>
          COINS.map((coin): CredentialField => ({
            key: `rates.${currency}.${coin}`,
            label: i18n.t('payment-settings:cred.rate', { currency, coin }),
            kind: 'text',
            optional: true,
            hint: i18n.t('payment-settings:cred.rateHint'),
          })),
        ),
        ...COINS.map((coin): CredentialField => ({
          key: `requiredConfirmations.${coin}`,
          label: i18n.t('payment-settings:cred.confirmations', { coin }),
          kind: 'integer',
          optional: true,
        })),
      ];
  }
}

export type CredentialValues = Record<string, string | boolean>;

export type CredentialsBuild =
  { ok: true; credentials: Record<string, unknown> } | { ok: false; errors: Record<string, string> };

/** The document to send: empty optional fields left out, dotted keys nested, integers as numbers. */
export function buildCredentials(
  fields: readonly CredentialField[],
  values: CredentialValues,
): CredentialsBuild {
  const credentials: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const field of shownFields(fields, values)) {
    const raw = values[field.key];
    let value: unknown;
    if (field.kind === 'checkbox') {
      if (raw !== true) continue;
      value = true;
    } else {
      const text = typeof raw === 'string' ? raw.trim() : '';
      if (text === '') {
        if (field.kind === 'select' && field.options?.[0]) value = field.options[0];
        else if (field.optional) continue;
        else {
          errors[field.key] = i18n.t('payment-settings:cred.required');
          continue;
        }
      } else if (field.kind === 'integer') {
        if (!/^\d{1,9}$/.test(text)) {
          errors[field.key] = i18n.t('payment-settings:cred.wholeNumber');
          continue;
        }
        value = Number(text);
      } else value = text;
    }
    setPath(credentials, field.key.split('.'), value);
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, credentials };
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  const [head, ...rest] = path as [string, ...string[]];
  if (rest.length === 0) {
    target[head] = value;
    return;
  }
  const next = (target[head] ??= {}) as Record<string, unknown>;
  setPath(next, rest, value);
}
