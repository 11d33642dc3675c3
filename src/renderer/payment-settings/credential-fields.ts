import type { PaymentProviderId } from '../../shared/api/payments';
import type { Currency } from '../../shared/money';

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
  hint?: string;
}

const COINS = ['BTC', 'ETH', 'USDT'] as const;

export function credentialFields(
  provider: PaymentProviderId,
  currencies: readonly Currency[],
): CredentialField[] {
  switch (provider) {
    case 'sandbox':
      return [
        { key: 'webhookSecret', label: 'Webhook secret', kind: 'secret', hint: 'At least 16 characters.' },
      ];
    case 'stripe':
      return [
        { key: 'secretKey', label: 'Secret key', kind: 'secret', hint: 'sk_… or rk_…' },
        { key: 'webhookSecret', label: 'Webhook signing secret', kind: 'secret', hint: 'whsec_…' },
        {
          key: 'previousWebhookSecret',
          label: 'Previous webhook signing secret',
          kind: 'secret',
          optional: true,
        },
        { key: 'accountId', label: 'Account id', kind: 'text', hint: 'acct_…' },
      ];
    case 'paypal':
      return [
        { key: 'clientId', label: 'Client id', kind: 'text' },
        { key: 'clientSecret', label: 'Client secret', kind: 'secret' },
        { key: 'webhookId', label: 'Webhook id', kind: 'text' },
        { key: 'merchantId', label: 'Merchant id', kind: 'text', optional: true },
        { key: 'environment', label: 'Environment', kind: 'select', options: ['live', 'sandbox'] },
      ];
    case 'cryptomus':
      return [
        { key: 'merchantId', label: 'Merchant uuid', kind: 'text' },
        { key: 'paymentApiKey', label: 'Payment API key', kind: 'secret' },
      ];
    case 'tazapay':
      return [
        { key: 'apiKey', label: 'API key', kind: 'text' },
        { key: 'apiSecret', label: 'API secret', kind: 'secret' },
        {
          key: 'webhookSecret',
          label: 'Webhook secret token',
          kind: 'secret',
          hint: 'Tazapay dashboard: Settings > Webhooks > secret token.',
        },
        {
          key: 'customerCountry',
          label: 'Customer country',
          kind: 'text',
          hint: 'Two capital letters, e.g. SG: decides the local methods Tazapay offers.',
        },
        { key: 'environment', label: 'Environment', kind: 'select', options: ['live', 'sandbox'] },
      ];
    case 'vietqr':
      return [
        { key: 'bankBin', label: 'Bank BIN', kind: 'text', hint: 'Six digits, e.g. 970422.' },
        { key: 'accountNumber', label: 'Account number', kind: 'text' },
        { key: 'accountName', label: 'Account name', kind: 'text' },
        { key: 'memoPrefix', label: 'Memo prefix', kind: 'text', optional: true },
        { key: 'feed', label: 'Bank feed', kind: 'select', options: ['pay2s', 'web2m'] },
        { key: 'pay2sToken', label: 'Pay2s push token', kind: 'secret', optional: true },
        { key: 'pay2sApiToken', label: 'Pay2s API token', kind: 'secret', optional: true },
        { key: 'web2mBank', label: 'Web2m bank code', kind: 'text', optional: true },
        { key: 'web2mPassword', label: 'Web2m password', kind: 'secret', optional: true },
        { key: 'web2mToken', label: 'Web2m token', kind: 'secret', optional: true },
      ];
    case 'crypto':
      return [
        // Public keys only: each payment's address is derived from them, and nothing here can spend.
        {
          key: 'xpubs.bitcoin',
          label: 'Bitcoin account key (zpub or xpub)',
          kind: 'text',
          optional: true,
          hint: "BIP-84 account m/84'/0'/0' (vpub or tpub on testnet). Never a private key or seed phrase.",
        },
        {
          key: 'xpubs.ethereum',
          label: 'Ethereum account key (xpub)',
          kind: 'text',
          optional: true,
          hint: "BIP-44 account m/44'/60'/0', for ETH and USDT (ERC-20).",
        },
        {
          key: 'xpubs.tron',
          label: 'Tron account key (xpub)',
          kind: 'text',
          optional: true,
          hint: "BIP-44 account m/44'/195'/0', for USDT (TRC-20).",
        },
        { key: 'chainUrl', label: 'Chain source URL', kind: 'text', optional: true },
        { key: 'quoteMinutes', label: 'Quote valid for (minutes)', kind: 'integer', optional: true },
        { key: 'testnet', label: 'Bitcoin testnet addresses', kind: 'checkbox', optional: true },
        {
          key: 'liveRates',
          label: 'Live coin rates',
          kind: 'checkbox',
          optional: true,
          hint: "Quote at the server's live rate where no price is fixed below.",
        },
        ...currencies.flatMap((currency) =>
          COINS.map((coin): CredentialField => ({
            key: `rates.${currency}.${coin}`,
            label: `${currency} per ${coin}`,
            kind: 'text',
            optional: true,
            hint: 'Price of one coin, e.g. 67123.45. Empty: the live rate if on, else not offered.',
          })),
        ),
        ...COINS.map((coin): CredentialField => ({
          key: `requiredConfirmations.${coin}`,
          label: `${coin} confirmations`,
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
  for (const field of fields) {
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
          errors[field.key] = 'Required.';
          continue;
        }
      } else if (field.kind === 'integer') {
        if (!/^\d{1,9}$/.test(text)) {
          errors[field.key] = 'A whole number.';
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
