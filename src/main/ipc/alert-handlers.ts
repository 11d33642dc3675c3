import { RUNWAY_FORMULA } from '../../shared/runway.js';
import type { ChannelResult } from '../../shared/ipc-contract.js';
import { isLocalId } from '../outbox/outbox-store.js';
import { HandlerError, type Handlers } from './handle.js';
import type { HandlerContext } from './handler-context.js';
import { notSynced } from './not-synced.js';
import { clientAs, online, STAFF, type Role } from './online.js';

type AlertChannels =
  | 'alerts:wallet'
  | 'alerts:low-wallets'
  | 'alerts:update-settings'
  | 'auto-top-up:update'
  | 'auto-top-up:attempts'
  | 'sync:lag';

/** Staff for any wallet of their reseller, a customer for its own (the API checks it too). */
const SETTING: readonly Role[] = ['reseller_admin', 'customer'];
/** Who reads a wallet's auto top-up attempts: every role, a customer its own (the API checks it). */
const READING: readonly Role[] = ['reseller_admin', 'support_agent', 'customer'];

/**
 * Low-balance alerts, auto top-up and the event-lag monitor. Reads are the cache's; settings are
 * saved online through the API client (the server evaluates the wallet against them at once, so a
 * queued copy could only mislead) and the answer is kept in the cache straight away.
 */
export function createAlertHandlers(d: HandlerContext): Pick<Handlers, AlertChannels> {
  const serverWallet = (walletId: string): string => {
    const id = d.real(walletId);
    if (isLocalId(id))
      throw notSynced(
        'wallet',
        'this wallet is still queued: save its alerts once it is created',
        'walletId',
      );
    const wallet = d.cache.wallet(id);
    if (!wallet)
      throw new HandlerError('not_found', 'wallet not found', 'walletId', {
        key: 'wallet_not_found',
        values: {},
      });
    const session = d.session.get();
    if (session.role === 'customer' && session.customerId !== wallet.customerId)
      throw new HandlerError('forbidden', "this account cannot change another customer's wallet", 'walletId');
    return id;
  };
  return {
    'alerts:wallet': ({ walletId }) => {
      d.account();
      const id = d.real(walletId);
      const wallet = d.cache.wallet(id);
      const view = d.cache.alerts.wallet(id, wallet?.availableBalance ?? 0, d.now());
      return { ...view, formula: RUNWAY_FORMULA };
    },
    'alerts:low-wallets': ({ limit }) => {
      d.account();
      const { items, total } = d.cache.alerts.lowWallets(limit);
      const low: ChannelResult<'alerts:low-wallets'>['items'] = [];
      for (const l of items) {
        const wallet = d.cache.wallet(l.walletId);
        if (!wallet) continue;
        low.push({
          walletId: l.walletId,
          customerId: l.customerId,
          customerName: wallet.customerName,
          currency: wallet.currency,
          availableBalance: wallet.availableBalance,
          since: l.since,
        });
      }
      return { items: low, total };
    },
    'alerts:update-settings': async ({ walletId, settings }) => {
      const client = clientAs(d.session, SETTING, 'change alert settings');
      const saved = await online('Saving alert settings', () =>
        client.setAlertSettings(serverWallet(walletId), settings),
      );
      d.cache.alerts.putSettings(saved);
      d.tablesChanged?.(['wallet_alert_settings']);
      return saved;
    },
    'auto-top-up:update': async ({ walletId, settings }) => {
      const client = clientAs(d.session, SETTING, 'change auto top-up');
      const saved = await online('Saving auto top-up', () =>
        client.setAutoTopUp(serverWallet(walletId), settings),
      );
      d.cache.alerts.putAutoTopUp(saved);
      d.tablesChanged?.(['wallet_auto_top_ups']);
      return saved;
    },
    // Not in the feed: asked of the API each time the panel shows (it re-asks when the auto top-up,
    // which every charge changes, comes through the feed).
    'auto-top-up:attempts': async ({ walletId, limit }) => {
      const client = clientAs(d.session, READING, 'see auto top-up attempts');
      const id = d.real(walletId);
      // A wallet still queued has been charged nothing.
      if (isLocalId(id)) return [];
      // Attempts, as the panel names them: a try refused before any charge is one too. Offline, the
      // renderer words the `offline` code in the console's language (online() carries no key).
      const { items } = await online('Loading the auto top-up attempts', () =>
        client.autoTopUpAttempts(id, limit),
      );
      return items;
    },
    'sync:lag': async () => {
      d.account();
      const lag = d.engine()?.lag() ?? { cursor: d.cache.cursor(), head: d.cache.cursor() };
      let gateways: ChannelResult<'sync:lag'>['gateways'] = null;
      const role = d.session.get().role;
      // While the demo's API still loads, as offline: the monitor asks again once it is connected.
      const connecting = d.session.signedIn()?.connecting === true;
      if (role && STAFF.includes(role) && !connecting) {
        try {
          gateways = await clientAs(d.session, STAFF, 'see gateway activity').gatewayActivity();
        } catch {
          // Offline or refused: the feed lag still shows.
        }
      }
      return {
        cursor: lag.cursor,
        head: lag.head,
        behind: Math.max(0, lag.head - lag.cursor),
        lastSyncedAt: d.cache.getMeta('lastSyncedAt'),
        gateways,
      };
    },
  };
}
