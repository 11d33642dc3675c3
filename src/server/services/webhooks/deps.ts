import type { OutboundPolicy } from '../../outbound/url-policy.js';

/** What the webhook endpoint services need besides the transaction: the sealing key and the URL rules. */
export interface WebhookDeps {
  /** The key secrets are sealed with (payments/credentials-key.ts); null: none can be stored. */
  secretsKey: Buffer | null;
  outbound: OutboundPolicy;
}
