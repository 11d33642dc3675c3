import type { AuditAction } from '../../../shared/api/audit.js';
import type { WalletTransaction } from '../../../shared/api/wallets.js';
import type { AuditEntry } from './record.js';

/**
 * The audit record of a staff movement (a merchant credit, a debit, an adjustment, a refund), as the
 * trail shows it: the wallet's balance before and after, the ledger row, and the reason the staff
 * member gave (the row's description). The ledger row is the record (migration 0450): this reads
 * it back (services/audit/list.ts).
 */
export function movementAudit(action: string, transaction: WalletTransaction): AuditEntry {
  return {
    action: action as AuditAction,
    entityType: 'wallet',
    entityId: transaction.walletId,
    before: { balance: transaction.balanceAfter - transaction.amount },
    after: {
      balance: transaction.balanceAfter,
      amount: transaction.amount,
      transactionId: transaction.id,
      // A row the server worded itself (an order's refund): the reason, for a console to word alike.
      ...(transaction.wording ? { wording: transaction.wording } : {}),
    },
    reason: transaction.description,
  };
}
