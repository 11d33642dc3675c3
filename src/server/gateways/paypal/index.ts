import type { GatewayDefinition } from '../provider.js';
import { paypalCredentialsSchema, type PayPalCredentials } from './credentials.js';
import { PayPalProvider } from './provider.js';

export { paypalCredentialsSchema, type PayPalCredentials } from './credentials.js';
export { PayPalProvider } from './provider.js';

export const paypalGateway: GatewayDefinition<PayPalCredentials> = {
  id: 'paypal',
  credentialsSchema: paypalCredentialsSchema,
  create: (credentials, env) => new PayPalProvider(credentials, env),
};
