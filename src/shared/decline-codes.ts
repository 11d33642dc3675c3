/**
 * The card decline codes the console and the emails word, each as the wording it shares with codes
 * that say the same (Stripe's decline codes: https://docs.stripe.com/declines/codes; PayPal's Orders
 * v2 issues declining a charge or capture, in capitals, where PayPal is the provider). Codes Stripe
 * asks never to tell the payer (lost_card, stolen_card, fraudulent, pickup_card, …) are deliberately
 * absent, and read as the plain decline, like any code not listed.
 */
const WORDED = {
  insufficient_funds: 'insufficient_funds',
  card_velocity_exceeded: 'card_velocity_exceeded',
  expired_card: 'expired_card',
  incorrect_cvc: 'incorrect_cvc',
  invalid_cvc: 'incorrect_cvc',
  incorrect_number: 'incorrect_number',
  invalid_number: 'incorrect_number',
  processing_error: 'processing_error',
  authentication_required: 'authentication_required',
  card_not_supported: 'card_not_supported',
  currency_not_supported: 'currency_not_supported',
  transaction_not_allowed: 'transaction_not_allowed',
  do_not_honor: 'do_not_honor',
  generic_decline: 'do_not_honor',
  call_issuer: 'do_not_honor',
  do_not_try_again: 'do_not_honor',
  INSTRUMENT_DECLINED: 'paypal_declined',
  PAYER_ACTION_REQUIRED: 'paypal_payer_action_required',
  TRANSACTION_REFUSED: 'paypal_refused',
} as const;

export type WordedDecline = (typeof WORDED)[keyof typeof WORDED];

/** The wording a decline code reads with, or null: the plain "declined". */
export function declineWording(code: string | null | undefined): WordedDecline | null {
  return code && Object.hasOwn(WORDED, code) ? WORDED[code as keyof typeof WORDED] : null;
}
