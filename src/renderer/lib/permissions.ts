import type { Session } from '../../shared/ipc-contract';

export interface Permissions {
  /** Resellers and support agents browse customers; a customer sees only their own wallets. */
  seesCustomers: boolean;
  /** Only a reseller admin changes anything; support agents read histories. */
  writes: boolean;
  /** Starts top-ups through a gateway: a customer for their wallets, a reseller admin for any. */
  topsUp: boolean;
  /**
   * Renews a subscription now or cancels its auto-renew: a customer its own, a reseller admin any;
   * never a support agent (the API's topUpScope refuses it).
   */
  renews: boolean;
}

export function permissionsFor(session: Pick<Session, 'state' | 'role'> | undefined): Permissions {
  if (!session || session.state !== 'signed_in')
    return { seesCustomers: false, writes: false, topsUp: false, renews: false };
  switch (session.role) {
    case 'reseller_admin':
      return { seesCustomers: true, writes: true, topsUp: true, renews: true };
    case 'support_agent':
      return { seesCustomers: true, writes: false, topsUp: false, renews: false };
    case 'customer':
      return { seesCustomers: false, writes: false, topsUp: true, renews: true };
    default:
      return { seesCustomers: false, writes: false, topsUp: false, renews: false };
  }
}
