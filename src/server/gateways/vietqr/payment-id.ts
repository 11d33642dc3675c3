import { isMemoCode } from './memo.js';

/**
 * The VietQR provider's id for one payment. A bank keeps no payment objects, so the id carries what
 * the status check needs: the memo code the transfer content must hold, the amount due in VND, and
 * when the payment was created (where the statement search starts). The billing API stores it and
 * hands it back; it never comes from a payer.
 *   vietqr:<memo code>:<VND due>:<created, epoch ms>
 */
export interface BankTransferInvoice {
  memo: string;
  /** VND, whole dong. */
  due: number;
  createdAt: Date;
}

export function encodeTransferId(invoice: BankTransferInvoice): string {
  return `vietqr:${invoice.memo}:${invoice.due}:${invoice.createdAt.getTime()}`;
}

export function decodeTransferId(id: string): BankTransferInvoice | null {
  const match = /^vietqr:([0-9A-Z]{11}):(\d{1,15}):(\d{1,15})$/.exec(id);
  if (!match) return null;
  const [, memo = '', due = '', created = ''] = match;
  if (!isMemoCode(memo)) return null;
  return { memo, due: Number(due), createdAt: new Date(Number(created)) };
}
