import type { GatewayDefinition } from '../provider.js';
import { vietqrCredentialsSchema, type VietQrCredentials } from './credentials.js';
import { VietQrProvider } from './provider.js';

export { vietqrCredentialsSchema, type VietQrCredentials } from './credentials.js';
export { findMemoCodes, memoCodeFor } from './memo.js';
export { decodeTransferId, type BankTransferInvoice } from './payment-id.js';
export { VietQrProvider, vietqrCreditExpectation } from './provider.js';

/** The provider it builds also implements PollingProvider (pollEvents) for the bank-history feed. */
export const vietqrGateway: GatewayDefinition<VietQrCredentials> = {
  id: 'vietqr',
  credentialsSchema: vietqrCredentialsSchema,
  create: (credentials, env) => new VietQrProvider(credentials, env),
  // Only the feed in use is ever requested; both are checked, as either may be switched to.
  resellerUrls: (c) => ({ pay2sApiBase: c.pay2sApiBase, web2mApiBase: c.web2mApiBase }),
};
