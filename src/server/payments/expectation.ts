import { minorUnits, type Currency } from '../../shared/money.js';
import type { PaymentTable } from '../db/schema.js';
import { baseUnits, parseCoinAmount } from '../gateways/crypto/amounts.js';
import type { CoinAsset, CoinNetwork } from '../gateways/crypto/assets.js';
import type { CheckoutPresentation, CreditExpectation, RailAmount } from '../gateways/provider.js';
import { decodeTransferId } from '../gateways/vietqr/payment-id.js';

/**
 * What the payer pays for a payment, minor units: the amount credited to the wallet plus the fee
 * stored when it was created. Every provider is asked for this, and settles against it.
 */
export const totalToPayFor = (payment: Pick<PaymentTable, 'amount' | 'fee'>) => payment.amount + payment.fee;

/** RailAmount as stored: coin base units are a bigint, kept as a decimal string of base units. */
type StoredRailAmount =
  | { kind: 'fiat'; currency: Currency; amount: number }
  | { kind: 'coin'; asset: CoinAsset; network: CoinNetwork; amount: string };

/**
 * What the provider must later confirm, taken from the checkout it opened: the coin amount it quoted
 * (crypto), the account or address the money must reach, else the fiat amount of the payment.
 */
export function expectationOf(
  payment: Pick<PaymentTable, 'amount' | 'fee' | 'currency'>,
  presentation: CheckoutPresentation,
  providerRecipient: string | undefined,
): { recipient: string | null; expected: string; memo: string | null } {
  const fiat: StoredRailAmount = {
    kind: 'fiat',
    currency: payment.currency,
    amount: totalToPayFor(payment),
  };
  switch (presentation.kind) {
    case 'crypto_qr': {
      const parsed = parseCoinAmount(presentation.amount, presentation.asset);
      if (!parsed.ok) throw new Error(`the provider quoted an unreadable amount: ${presentation.amount}`);
      const coin: StoredRailAmount = {
        kind: 'coin',
        asset: presentation.asset,
        network: presentation.network,
        amount: parsed.value.toString(),
      };
      return { recipient: presentation.address, expected: JSON.stringify(coin), memo: null };
    }
    case 'bank_qr':
      return {
        recipient: presentation.accountNumber,
        expected: JSON.stringify({ kind: 'fiat', currency: 'VND', amount: presentation.amount }),
        // The bare memo code, not the transfer content shown (which may start with the reseller's
        // prefix): incoming lines are matched by the codes found in them (findMemoCodes).
        memo: decodeTransferId(presentation.providerPaymentId)?.memo ?? presentation.memo,
      };
    case 'redirect':
      return { recipient: providerRecipient ?? null, expected: JSON.stringify(fiat), memo: null };
  }
}

export function railAmountOf(
  payment: Pick<PaymentTable, 'expected' | 'amount' | 'fee' | 'currency'>,
): RailAmount {
  const stored: StoredRailAmount = payment.expected
    ? (JSON.parse(payment.expected) as StoredRailAmount)
    : { kind: 'fiat', currency: payment.currency, amount: totalToPayFor(payment) };
  return stored.kind === 'fiat'
    ? { kind: 'fiat', currency: stored.currency, amount: minorUnits(stored.amount) }
    : {
        kind: 'coin',
        asset: stored.asset,
        network: stored.network,
        amount: baseUnits(BigInt(stored.amount)),
      };
}

/**
 * The expectation decideCredit checks a status answer against. A hosted-checkout provider that does
 * not tell us its merchant account up front (recipient null) is asked with our own secret key, so
 * its answer can only describe our own account: its recipient is then taken as it comes.
 */
export function creditExpectation(
  payment: Pick<
    PaymentTable,
    'id' | 'provider_payment_id' | 'recipient' | 'expected' | 'amount' | 'fee' | 'currency'
  >,
  snapshotRecipient: string,
): CreditExpectation {
  return {
    providerPaymentId: payment.provider_payment_id ?? '',
    reference: payment.id,
    recipient: payment.recipient ?? snapshotRecipient,
    amount: railAmountOf(payment),
  };
}

export function describeAmount(amount: RailAmount): string {
  return amount.kind === 'fiat'
    ? `${amount.amount} ${amount.currency} minor units`
    : `${amount.amount} ${amount.asset} base units on ${amount.network}`;
}
