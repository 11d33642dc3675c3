/**
 * English text of the pages the API serves to payers' browsers (hosted checkout, top-up links).
 * `{name}` is a placeholder filled by `pageText().t`. vi.ts has exactly these keys (the type says
 * so; src/server/i18n/catalog.test.ts checks they are non-empty with the same placeholders).
 */
export const en = {
  'common.amount': 'Amount',
  'common.back': 'Back',

  'link.title': 'Top-up link',
  'link.missing': 'This top-up link does not exist. Ask for a new one.',
  'link.used': 'This top-up link was already used. Ask for a new one.',
  'link.expired': 'This top-up link has expired. Ask for a new one.',
  'link.heading': 'Top up your wallet',
  'link.alreadyOpen': 'A payment from this link is already open. This link pays once: continue that payment.',
  'link.continue': 'Continue to payment',
  'link.amountRange': 'Amount ({currency}, {min} to {max})',
  'link.methods': 'Payment method',
  'link.noMethods': 'No payment method is available right now.',
  'link.testMode': '{method} (TEST MODE — no real money)',
  'link.crypto.btc': 'Bitcoin (BTC)',
  'link.crypto.eth': 'Ether (ETH)',
  'link.crypto.usdtTron': 'USDT on Tron (TRC-20)',
  'link.badAmount': 'Enter the amount as a number, e.g. 100 or 100.50.',
  'link.notStarted': 'This top-up could not be started.',
  'link.qrTitle': 'Pay by QR code',
  'link.qrHeading': 'Scan to pay',
  'link.qrLabel': 'Payment QR code',
  'link.qrNote': 'This page does not update; the payment is credited once it arrives.',
  'link.field.amount': 'Amount',
  'link.field.asset': 'Coin',
  'link.field.network': 'Network',
  'link.field.address': 'Address',
  'link.field.accountNumber': 'Account number',
  'link.field.accountName': 'Account name',
  'link.field.memo': 'Transfer memo',
  'link.field.expiresAt': 'Expires at',
  'link.startedTitle': 'Top-up',
  'link.started': 'Your payment has started.',
  'link.paymentNotStarted': 'The payment could not be started.',

  'error.topUpLimit': 'Enter an amount between {min} and {max}.',
  'error.topUpLimitUnknown': 'This amount is outside what this merchant accepts. Try another amount.',
  'error.methodUnavailable': 'This payment method is not available right now. Go back and choose another.',
  'error.walletClosed': 'This wallet is closed and accepts no top-up. Contact the merchant.',
  'error.walletOnHold': 'This wallet is on hold. Contact the merchant before paying.',
  'error.gatewayUnavailable':
    'The payment provider could not be reached. Nothing was charged; try again in a few minutes.',
  'error.rateLimited': 'Too many attempts. Wait a minute, then try again.',
  'error.linkClosed': 'This top-up link can no longer be paid. Ask for a new one.',
  'error.notFound': 'This payment no longer exists. Ask the merchant for a new link.',
  'error.validation': 'Some of what was entered is not valid. Go back and check the form.',
  'error.fixedAmount': 'This link is for a fixed amount. Go back and pay that amount.',
  'error.asset': 'Choose one of the coins offered.',

  'sandbox.title': 'Sandbox checkout',
  'sandbox.notFoundTitle': 'Not found',
  'sandbox.notFound': 'No such checkout',
  'sandbox.bannerLabel': 'Test mode',
  'sandbox.bannerTitle': 'TEST MODE — no real money',
  'sandbox.bannerText':
    'This is the sandbox test gateway: no card is charged and no real money moves. A wallet credited here holds test money.',
  'sandbox.refused':
    'This test checkout cannot be used: test mode is turned off for this merchant, or the sandbox test gateway is forbidden on this server. Nothing was charged.',
  'sandbox.outcome.pending': 'Waiting for you to pay.',
  'sandbox.outcome.processing': 'Your payment is processing. The merchant is told once it completes.',
  'sandbox.outcome.paid':
    'Payment received. Thank you! Your wallet is credited as soon as the merchant confirms it.',
  'sandbox.outcome.failed': 'Your card was declined. Nothing was charged.',
  'sandbox.outcome.cancelled': 'You cancelled this payment. Nothing was charged.',
  'sandbox.outcome.expired': 'This checkout has expired. Nothing was charged.',
  'sandbox.return': 'Return to Reseller Console',
  'sandbox.testCard': 'Test card',
  'sandbox.cardNumber': 'Card number',
  'sandbox.cardHelp': 'Any number pays; one ending in 0002 is declined.',
  'sandbox.pay': 'Pay',
  'sandbox.payLater': 'Pay later (processing, then paid)',
  'sandbox.decline': 'Decline',
  'sandbox.cancel': 'Cancel',
  'sandbox.complete': 'Complete processing',
  'sandbox.movedOn': 'This checkout has already moved on.',
  'sandbox.badCard': 'Enter a card number of 12 to 19 digits.',
  'sandbox.notAccepted': 'The merchant did not accept the notification (HTTP {status}).',
  'sandbox.notNotified':
    'The merchant could not be notified; it will find out when it next checks this payment.',
} as const;

export type PageTextKey = keyof typeof en;
