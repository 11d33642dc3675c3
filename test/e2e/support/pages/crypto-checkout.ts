import type { Locator, Page } from 'playwright-core';

/** A crypto invoice on the Top Up screen: its QR code, amount, address, network warning and countdown. */
export class CryptoCheckout {
  readonly coinAndNetwork: Locator;
  readonly qrCode: Locator;
  /** What is (still) to send: "100.000000 USDT". */
  readonly amount: Locator;
  readonly received: Locator;
  readonly address: Locator;
  readonly networkWarning: Locator;
  readonly countdown: Locator;
  /** Waiting for payment, partly paid, waiting for confirmations. */
  readonly progress: Locator;

  constructor(readonly page: Page) {
    const main = page.getByRole('main');
    const status = main.getByTestId('top-up-status');
    this.coinAndNetwork = main.getByRole('form', { name: 'Top up' }).getByLabel('Coin and network');
    this.qrCode = status.getByRole('img', { name: /^QR code: send/ });
    this.amount = status.getByTestId('crypto-amount');
    this.received = this.detail(status, 'Received');
    this.address = this.detail(status, 'Address');
    this.networkWarning = status.getByRole('note');
    this.countdown = this.detail(status, 'Expires in');
    this.progress = status.getByRole('status');
  }

  /** The value of one term of the invoice's details (a <dt> and its <dd>, paired in a <div> of the <dl>). */
  private detail(within: Locator, term: string): Locator {
    return within
      .locator('dl > div')
      .filter({ has: this.page.getByRole('term').getByText(term, { exact: true }) })
      .getByRole('definition');
  }
}
