import type { GatewayDefinition } from '../provider.js';
import { cryptomusCredentialsSchema, type CryptomusCredentials } from './credentials.js';
import { CryptomusProvider } from './provider.js';

export { cryptomusCredentialsSchema, type CryptomusCredentials } from './credentials.js';
export { CryptomusProvider } from './provider.js';

export const cryptomusGateway: GatewayDefinition<CryptomusCredentials> = {
  id: 'cryptomus',
  credentialsSchema: cryptomusCredentialsSchema,
  create: (credentials, env) => new CryptomusProvider(credentials, env),
};
