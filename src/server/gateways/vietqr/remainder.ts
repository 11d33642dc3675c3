import type { Checkout } from '../../../shared/api/payments.js';
import { buildVietQr, parseVietQr } from './payload.js';

export type BankQrCheckout = Extract<Checkout, { kind: 'bank_qr' }>;

/**
 * What the payer is shown after part of a bank transfer arrived: the remainder to transfer, to the
 * same account with the same transfer content (the bank feed matches lines by the memo code in it),
 * what has arrived, and a VietQR code for the remainder only (a banking app scanning the first code
 * again would prefill the whole amount a second time). `due` and `received` are whole dong.
 */
export function bankCheckoutAfterPartialPayment(
  checkout: BankQrCheckout,
  due: number,
  received: number,
): BankQrCheckout {
  const remainder = Math.max(0, due - received);
  const first = parseVietQr(checkout.qrPayload);
  const transfer = first.ok
    ? first.value
    : {
        bankBin: checkout.bankBin,
        accountNumber: checkout.accountNumber,
        service: 'account' as const,
        purpose: checkout.memo,
      };
  return {
    ...checkout,
    qrPayload: buildVietQr({
      bankBin: transfer.bankBin,
      accountNumber: transfer.accountNumber,
      service: transfer.service,
      amount: remainder,
      purpose: transfer.purpose,
    }),
    amount: remainder,
    received,
  };
}
