import type { GatewayDefinition, GatewayEnvironment } from '../provider.js';
import {
  SandboxProvider,
  sandboxCredentialsSchema,
  type SandboxCredentials,
  type SandboxEnvironment,
} from './provider.js';

export { sandboxCredentialsSchema, type SandboxCredentials, type SandboxEnvironment } from './provider.js';

const isSandboxEnvironment = (env: GatewayEnvironment): env is SandboxEnvironment =>
  'sandbox' in env && typeof (env as SandboxEnvironment).sandbox === 'object';

/** The built-in test gateway: hosted checkout pages served by the billing API itself. */
export const sandboxGateway: GatewayDefinition<SandboxCredentials> = {
  id: 'sandbox',
  credentialsSchema: sandboxCredentialsSchema,
  create(credentials, env) {
    if (!isSandboxEnvironment(env)) {
      throw new Error(
        'the sandbox gateway runs inside the billing API: build it through the payment service',
      );
    }
    return new SandboxProvider(credentials, env);
  },
};
