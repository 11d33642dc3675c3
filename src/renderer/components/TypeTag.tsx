import type { TransactionType } from '../../shared/api/wallets';
import { TRANSACTION_TYPE_LABELS } from '../lib/format';

/** A transaction's type (Credit, Top Up, Payment, Refund, Adjustment) with a colour dot beside the word. */
export function TypeTag({ type }: { type: TransactionType }) {
  return (
    <span className={`type-tag type-${type}`}>
      <span className="type-dot" aria-hidden="true" />
      {TRANSACTION_TYPE_LABELS[type]}
    </span>
  );
}
