/**
 * The IPC contract's names, without its schemas (ipc-contract.ts): all that the preload and the
 * renderer need to build the desktop API. Kept apart so that neither loads zod and every API
 * schema before the first screen. ipc-contract.ts checks (`satisfies`) that its channels and
 * events are exactly these.
 */

/** Every channel, in the contract's order. */
export const channelNames = [
  'session:get',
  'session:connect',
  'session:use-demo',
  'session:sign-out',
  'session:first-screen-shown',
  'preferences:language',
  'preferences:set-language',
  'sync:status',
  'sync:now',
  'wallets:list',
  'wallets:search',
  'wallets:currencies',
  'wallets:get',
  'wallets:history',
  'wallets:export-csv',
  'exports:cancel',
  'statements:download',
  'statements:verify',
  'wallets:balance-history',
  'wallets:holds',
  'activity:recent',
  'customers:search',
  'customers:get',
  'customers:named',
  'search:query',
  'customers:create',
  'customers:set-language',
  'wallets:create',
  'wallets:credit',
  'wallets:adjust',
  'movement-limits:get',
  'movement-limits:update',
  'outbox:list',
  'outbox:page',
  'outbox:discard',
  'outbox:retry',
  'top-ups:options',
  'top-ups:create',
  'payments:list',
  'payments:get',
  'payments:providers',
  'payments:cancel',
  'top-up-links:create',
  'top-up-links:list',
  'top-up-links:revoke',
  'payment-settings:get',
  'payment-settings:update',
  'payment-settings:crypto-addresses',
  'payments:crypto-address',
  'payment-settings:set-credentials',
  'payers:list',
  'payers:create',
  'saved-methods:list',
  'saved-methods:set-default',
  'saved-methods:delete',
  'payment-reviews:list',
  'payment-reviews:resolve',
  'payment-reviews:apply',
  'payments:refund',
  'payments:refunds',
  'wallets:close',
  'users:list',
  'users:create',
  'users:update',
  'users:reset-password',
  'products:list',
  'products:create',
  'products:update',
  'orders:list',
  'orders:get',
  'orders:place',
  'orders:fulfil',
  'orders:batch-refund',
  'subscriptions:list',
  'subscriptions:renew',
  'subscriptions:notices',
  'subscriptions:cancel',
  'alerts:wallet',
  'alerts:low-wallets',
  'alerts:update-settings',
  'auto-top-up:update',
  'auto-top-up:attempts',
  'sync:lag',
  'invoices:list',
  'tickets:list',
  'tickets:get',
  'tickets:open',
  'tickets:reply',
  'tickets:update',
  'tickets:assignees',
  'payments:verify',
  'invoices:get',
  'invoices:named',
  'invoices:create-draft',
  'invoices:finalize',
  'invoices:void',
  'invoices:pay-wallet',
  'invoices:pay-checkout',
  'invoices:mark-paid',
  'invoices:settings',
  'invoices:update-settings',
  'invoices:top-up',
  'invoices:request-receipt',
  'invoices:receipt-of',
  'invoices:pdf',
  'invoices:save-pdf',
  'invoices:open-pdf',
  'links:open',
  'webhooks:list',
  'webhooks:create',
  'webhooks:update',
  'webhooks:delete',
  'webhooks:rotate-secret',
  'webhooks:deliveries',
  'webhooks:redeliver',
  'webhooks:test',
  'audit:list',
  'recon:inspect',
  'recon:import',
  'recon:apply',
  'drift:check',
  'drift:resync',
] as const;
export type Channel = (typeof channelNames)[number];

/**
 * Tables in the local cache a change may touch: the renderer invalidates queries over these only.
 * `payment_reviews` is no cache table: the feed's review changes are announced under that name so
 * that the review list, read from the API, refreshes; `webhook_endpoints` likewise (the Webhooks screen).
 */
export const cacheTables = [
  'customers',
  'wallets',
  'transactions',
  'holds',
  'payments',
  'payment_reviews',
  'outbox',
  'session',
  /** The search index reached rows it had not indexed yet. */
  'search',
  'orders',
  'subscriptions',
  'webhook_endpoints',
  'wallet_alerts',
  'wallet_alert_settings',
  'wallet_auto_top_ups',
  'invoices',
  'tickets',
] as const;
export type CacheTable = (typeof cacheTables)[number];

/** Events main pushes to the renderer; names in the past tense. */
export const eventNames = [
  'sync:status-changed',
  'cache:tables-changed',
  'session:changed',
  'payments:status-changed',
  'alerts:fired',
  'exports:progress',
  'deep-link:opened',
  'outbox:confirmed',
] as const;
export type EventName = (typeof eventNames)[number];

type Camel<S extends string> = S extends `${infer A}-${infer B}` ? `${A}${Capitalize<Camel<B>>}` : S;
export type MethodName<C extends string> = C extends `${infer D}:${infer V}`
  ? `${Camel<D>}${Capitalize<Camel<V>>}`
  : never;

/** `top-up-links:create` → `topUpLinksCreate`: the method name the preload exposes. */
export function methodName<C extends Channel>(channel: C): MethodName<C> {
  const camel = (s: string) => s.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
  const [domain, verb] = channel.split(':').map(camel) as [string, string];
  return `${domain}${verb[0]!.toUpperCase()}${verb.slice(1)}` as MethodName<C>;
}
