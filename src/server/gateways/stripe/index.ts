import type { GatewayDefinition } from '../provider.js';
import { stripeCredentialsSchema, type StripeCredentials } from './credentials.js';
import { StripeProvider } from './provider.js';

export { stripeCredentialsSchema, type StripeCredentials } from './credentials.js';
export { StripeProvider } from './provider.js';

export const stripeGateway: GatewayDefinition<StripeCredentials> = {
  id: 'stripe',
  credentialsSchema: stripeCredentialsSchema,
  create: (credentials, env) => new StripeProvider(credentials, env),
};
