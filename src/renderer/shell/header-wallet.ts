import type { WalletView } from '../../shared/ipc-contract';
import type { Permissions } from '../lib/permissions';
import type { Route } from './routes';

/**
 * Which wallet the header speaks for. A customer owns its wallets: the header shows the current one
 * and offers Top Up. Staff own no wallet: the header names the wallet of the page they are on (a
 * wallet, a customer, a top-up, a payment) and shows nothing elsewhere — a "Balance" there would
 * read as theirs.
 */
export type HeaderWalletSource =
  | { kind: 'own' }
  /** The Wallet or Top Up page; null: the wallet that page opens on (the current one). */
  | { kind: 'wallet'; walletId: string | null }
  /** A customer's page: the wallet selected there, else the customer's first (as the page does). */
  | { kind: 'customer'; customerId: string; walletId: string | null }
  | { kind: 'payment'; paymentId: string }
  | { kind: 'none' };

export function headerWalletSource(route: Route, permissions: Permissions): HeaderWalletSource {
  if (!permissions.seesCustomers) return { kind: 'own' };
  switch (route.page) {
    case 'wallet':
    case 'top-up':
      return { kind: 'wallet', walletId: route.walletId ?? null };
    case 'customer':
      return { kind: 'customer', customerId: route.customerId, walletId: route.walletId ?? null };
    case 'payment':
      return { kind: 'payment', paymentId: route.paymentId };
    default:
      return { kind: 'none' };
  }
}

/**
 * The wallets a customer's header shows: every one they hold (one per currency, so a few), each
 * balance in its own currency, the current wallet first (the one the screen is about, the one the
 * header opens and Top Up fills). A wallet closed for good is left out, unless it is the current one.
 */
export function ownWalletsShown<W extends Pick<WalletView, 'id' | 'status'>>(
  current: W,
  all: readonly W[],
): W[] {
  return [current, ...all.filter((w) => w.id !== current.id && w.status !== 'closed')];
}
