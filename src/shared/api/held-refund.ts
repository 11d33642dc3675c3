/**
 * The detail of the payment review a refund held for staff opens (server payments/refunds.ts
 * holdUnfindableRefund). The console knows such a review by this sentence and asks staff what they
 * found (renderer payments/review-words.ts heldRefundChoices): one builder, so that the console's
 * tests read the very sentence the server writes.
 */
export function heldRefundDetail(d: {
  provider: string;
  refundId: string;
  /** Minor units of `currency`. */
  amount: number;
  currency: string;
  askedAt: string;
  keptHours: number;
}): string {
  return `${d.provider} never answered refund ${d.refundId} of ${d.amount} ${d.currency} minor units asked at ${d.askedAt}, and forgets its request id after ${d.keptHours} hours; it cannot be looked up by this refund's id: it was not asked again and is not confirmed; look for it among the payment's refunds at ${d.provider}, and credit the wallet back if it was never made`;
}
