import type { WalletTransaction } from '../../shared/api/wallets.js';
import { walletDrift, resyncWallet } from '../recon/drift.js';
import { HandlerError, type Handlers } from './handle.js';
import type { HandlerContext } from './handler-context.js';
import { online } from './online.js';

/**
 * The drift detector: each cached wallet's ledger against the balance the server states now, and a
 * re-sync of one wallet from the server's own rows when asked (the cache is rebuildable; the
 * server is the authority).
 */
export function createDriftHandlers(d: HandlerContext): Pick<Handlers, 'drift:check' | 'drift:resync'> {
  const client = () => {
    const signedIn = d.session.signedIn();
    if (!signedIn) throw new HandlerError('signed_out', 'sign in first');
    return signedIn.client;
  };
  const serverBalance = async (walletId: string) =>
    (await online('Checking a wallet against the server', () => client().wallet(walletId))).balance;
  return {
    'drift:check': async ({ walletId }) => {
      d.account();
      // Settled first, so that a page still arriving is not mistaken for drift.
      await d.engine()?.idle();
      const ids = walletId
        ? [d.real(walletId)]
        : (d.cache.db.prepare('select id from wallets order by id').all() as Array<{ id: string }>).map(
            (r) => r.id,
          );
      const wallets = [];
      for (const id of ids) wallets.push(walletDrift(d.cache.db, id, await serverBalance(id)));
      return { wallets };
    },
    'drift:resync': async ({ walletId }) => {
      d.account();
      const id = d.real(walletId);
      await d.engine()?.idle();
      const transactions: WalletTransaction[] = [];
      let cursor: string | null = null;
      do {
        const page = await online('Re-syncing a wallet', () => client().walletTransactions(id, cursor));
        transactions.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      const balance = await serverBalance(id);
      const outcome = resyncWallet(d.cache.db, id, { balance, transactions });
      let rebuilt = false;
      if (!outcome.complete) {
        // Rows the cache never had: only the feed can put them in their place, so pull it all again.
        const engine = d.engine();
        if (engine) await engine.rebuildCache();
        else d.cache.rebuild();
        rebuilt = true;
      }
      d.tablesChanged?.(['transactions', 'wallets']);
      return { rebuilt, wallet: walletDrift(d.cache.db, id, balance) };
    },
  };
}
