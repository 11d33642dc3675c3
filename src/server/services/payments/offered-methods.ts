import { providerTakes, type PaymentSettings } from '../../../shared/api/payments.js';
import type { Currency } from '../../../shared/money.js';
import type { OfferedRail } from '../../gateways/crypto/offered-rails.js';
import type { GatewayRegistry } from '../../gateways/registry.js';
import { effectiveSettings, readStoredSettings } from '../../payments/settings.js';
import type { Reader } from '../lookups.js';

/** This server's gateways, and which crypto rails a reseller takes (the ProviderFactory). */
export interface MethodGateways {
  readonly registry: GatewayRegistry;
  cryptoRails(resellerId: string, currency: Currency): Promise<OfferedRail[]>;
}

export interface OfferedMethods {
  /** The reseller's settings as they are now (limits, saved-method gateways). */
  settings: PaymentSettings;
  /** The methods a payer of the currency is offered, in the reseller's order. */
  methods: PaymentSettings['methods'];
  /** The coins and networks crypto takes in the currency (a test network's marked); empty when crypto is not offered. */
  cryptoRails: OfferedRail[];
}

/**
 * What a payment in `currency` may be paid with, for every screen that lets a payer choose (Top Up,
 * an invoice's "Pay by this method", a top-up link's page): the methods that are on, have their
 * credentials and take the currency. Crypto counts only with a rail to pay on: offered without one,
 * the payer would pick it and have no coin to choose.
 */
export async function offeredMethods(
  db: Reader,
  gateways: MethodGateways,
  resellerId: string,
  currency: Currency,
): Promise<OfferedMethods> {
  const settings = effectiveSettings(await readStoredSettings(db, resellerId), gateways.registry);
  const taking = settings.methods.filter((m) => m.available && providerTakes(m.provider, currency));
  // The credentials are opened only when crypto could be offered at all.
  const cryptoRails = taking.some((m) => m.provider === 'crypto')
    ? await gateways.cryptoRails(resellerId, currency)
    : [];
  return {
    settings,
    methods: taking.filter((m) => m.provider !== 'crypto' || cryptoRails.length > 0),
    cryptoRails,
  };
}
