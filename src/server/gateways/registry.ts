import { cryptoGateway } from './crypto/index.js';
import { cryptomusGateway } from './cryptomus/index.js';
import { paypalGateway } from './paypal/index.js';
import type { GatewayDefinition, ProviderId } from './provider.js';
import { sandboxGateway } from './sandbox/index.js';
import { stripeGateway } from './stripe/index.js';
import { tazapayGateway } from './tazapay/index.js';
import { vietqrGateway } from './vietqr/index.js';

/** The providers this server can offer; one missing here is simply not offered to anyone. */
export type GatewayRegistry = Partial<Record<ProviderId, GatewayDefinition>>;

export const GATEWAYS: GatewayRegistry = {
  sandbox: sandboxGateway,
  crypto: cryptoGateway,
  vietqr: vietqrGateway,
  stripe: stripeGateway,
  paypal: paypalGateway,
  cryptomus: cryptomusGateway,
  tazapay: tazapayGateway,
};
