import type { GatewayDefinition } from '../provider.js';
import { tazapayCredentialsSchema, type TazapayCredentials } from './credentials.js';
import { TazapayProvider } from './provider.js';

export { tazapayCredentialsSchema, type TazapayCredentials } from './credentials.js';
export { TazapayProvider } from './provider.js';

export const tazapayGateway: GatewayDefinition<TazapayCredentials> = {
  id: 'tazapay',
  credentialsSchema: tazapayCredentialsSchema,
  create: (credentials, env) => new TazapayProvider(credentials, env),
};
