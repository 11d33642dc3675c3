import { minorUnits } from '../../../shared/money.js';
import { resellerFetchOf } from '../../outbound/guarded-fetch.js';
import { Failure } from '../../services/failure.js';
import { fetchPay2sCredits } from '../pay2s/history-client.js';
import { PAY2S_ACK, verifyPay2sPush } from '../pay2s/bearer.js';
import type {
  CheckoutPresentation,
  CheckoutRequest,
  CreditExpectation,
  GatewayEnvironment,
  IncomingWebhook,
  PaymentProvider,
  PollingProvider,
  ProviderEvent,
  ProviderPaymentSnapshot,
  WebhookDelivery,
} from '../provider.js';
import { fetchWeb2mCredits } from '../web2m/history-client.js';
import type { VietQrCredentials } from './credentials.js';
import { findMemoCodes, memoCodeFor } from './memo.js';
import { decodeTransferId, encodeTransferId } from './payment-id.js';
import { buildVietQr } from './payload.js';
import { parseVietnamDateTime } from './vietnam-time.js';
import { checkBankLine, referenceOf, type BankLineCheck } from './bank-line-check.js';

type BankCredit = Extract<ProviderEvent, { kind: 'bank_credit' }>;

/** Lines booked up to a day before `since` are still returned: banks post late, the store de-duplicates. */
const POLL_MARGIN_MS = 24 * 60 * 60_000;

/**
 * Vietnamese bank transfer by VietQR. The payer's banking app scans a NAPAS payload naming our
 * account, the amount and a per-payment memo code; a bank feed (Pay2s push, or Web2m or Pay2s
 * history) reports what arrived, and a payment is paid once lines on our account whose content
 * carries its memo add up to the amount due.
 */
export class VietQrProvider implements PaymentProvider, PollingProvider {
  readonly id = 'vietqr' as const;
  /** Our bank account: every transfer for a payment must land on it. */
  readonly recipient: string;

  constructor(
    private readonly credentials: VietQrCredentials,
    private readonly env: GatewayEnvironment,
  ) {
    this.recipient = credentials.accountNumber;
  }

  createCheckout(request: CheckoutRequest): Promise<CheckoutPresentation> {
    if (request.currency !== 'VND') {
      return Promise.reject(new Failure('validation', 'VietQR transfers are in VND only', 'currency'));
    }
    const memo = memoCodeFor(this.credentials.accountNumber, request.reference);
    const purpose = this.credentials.memoPrefix ? `${this.credentials.memoPrefix} ${memo}` : memo;
    const createdAt = this.env.now();
    return Promise.resolve({
      kind: 'bank_qr',
      providerPaymentId: encodeTransferId({ memo, due: request.amount, createdAt }),
      qrPayload: buildVietQr({
        bankBin: this.credentials.bankBin,
        accountNumber: this.credentials.accountNumber,
        service: 'account',
        amount: request.amount,
        purpose,
      }),
      bankBin: this.credentials.bankBin,
      accountNumber: this.credentials.accountNumber,
      accountName: this.credentials.accountName,
      amount: request.amount,
      currency: 'VND',
      memo: purpose,
      expiresAt: request.expiresAt.toISOString(),
    });
  }

  /** A Pay2s push: each IN line a bank credit, OUT lines ignored; Pay2s stops retrying on the ack. */
  verifyWebhook(webhook: IncomingWebhook): Promise<WebhookDelivery> {
    const token = this.credentials.pay2sToken;
    if (token === undefined) {
      return Promise.resolve({
        ok: false,
        reason: 'bad_signature',
        detail: 'this account takes no pushes: its bank feed is polled',
      });
    }
    const verified = verifyPay2sPush(webhook, { token });
    if (!verified.ok) return Promise.resolve(verified);
    return Promise.resolve({
      ok: true,
      events: verified.events,
      acknowledgement: { status: 200, body: PAY2S_ACK },
    });
  }

  /**
   * Asks the bank feed again (invariant 3) for lines on our account since the payment was created
   * whose content carries its memo code, and adds them up. The bank knows nothing of our reference:
   * it is reported null, and the id, which carries the memo, identifies the payment.
   */
  async fetchStatus(
    payment: { providerPaymentId: string; reference: string },
    signal?: AbortSignal,
  ): Promise<ProviderPaymentSnapshot> {
    const invoice = decodeTransferId(payment.providerPaymentId);
    if (!invoice) throw new Error(`not a VietQR payment id: ${payment.providerPaymentId}`);
    const credits = await this.credits(invoice.createdAt, signal);
    let received = 0;
    const bankReferences: string[] = [];
    for (const credit of credits) {
      if (credit.accountNumber !== this.credentials.accountNumber) continue;
      if (!findMemoCodes(credit.content).includes(invoice.memo)) continue;
      received += credit.amount.amount;
      bankReferences.push(referenceOf(credit.eventId));
    }
    return {
      providerPaymentId: payment.providerPaymentId,
      reference: null,
      status: received >= invoice.due && received > 0 ? 'paid' : received > 0 ? 'processing' : 'pending',
      received: { kind: 'fiat', currency: 'VND', amount: minorUnits(received) },
      recipient: this.recipient,
      bankReferences,
    };
  }

  /**
   * New incoming lines as bank-credit events, for the polling job. `since` bounds booking times, with
   * a day's margin because a line can show up in the feed after its booking time; the event store
   * drops the lines it has already seen by their ids.
   */
  async pollEvents(since: Date, signal?: AbortSignal): Promise<ProviderEvent[]> {
    const from = new Date(since.getTime() - POLL_MARGIN_MS);
    const credits = await this.credits(from, signal);
    return credits.filter((credit) => {
      if (credit.accountNumber !== this.credentials.accountNumber) return false;
      const booked = parseVietnamDateTime(credit.bookedAt);
      return booked === null || booked >= from;
    });
  }

  /** What the bank feed says about a reference the payer gave for this payment (bank-line-check.ts). */
  async checkBankLine(
    providerPaymentId: string,
    bankReference: string,
    signal?: AbortSignal,
  ): Promise<BankLineCheck> {
    const invoice = decodeTransferId(providerPaymentId);
    if (!invoice) throw new Error(`not a VietQR payment id: ${providerPaymentId}`);
    const from = new Date(invoice.createdAt.getTime() - POLL_MARGIN_MS);
    const credits = await this.credits(from, signal);
    return checkBankLine(credits, this.credentials.accountNumber, invoice, bankReference);
  }

  private credits(from: Date, signal?: AbortSignal): Promise<BankCredit[]> {
    const c = this.credentials;
    // The operator's emulator base is the operator's; the stored base is the reseller's: guarded.
    const http = this.env.apiBaseUrl ? fetch : resellerFetchOf(this.env);
    if (c.feed === 'pay2s') {
      return fetchPay2sCredits(
        {
          apiBase: this.env.apiBaseUrl ?? c.pay2sApiBase,
          apiToken: required(c.pay2sApiToken, 'pay2sApiToken'),
          accountNumber: c.accountNumber,
          from,
          to: this.env.now(),
        },
        signal,
        http,
      );
    }
    return fetchWeb2mCredits(
      {
        apiBase: this.env.apiBaseUrl ?? c.web2mApiBase,
        bank: required(c.web2mBank, 'web2mBank'),
        password: required(c.web2mPassword, 'web2mPassword'),
        token: required(c.web2mToken, 'web2mToken'),
        accountNumber: c.accountNumber,
      },
      signal,
      http,
    );
  }
}

function required(value: string | undefined, name: string): string {
  // The credentials schema demands these per feed; reaching this is a configuration fault.
  if (value === undefined) throw new Error(`VietQR credentials lack ${name}`);
  return value;
}

/** What the payment service expects the bank feed to confirm for a payment (decideCredit's input). */
export function vietqrCreditExpectation(
  providerPaymentId: string,
  reference: string,
  accountNumber: string,
): CreditExpectation {
  const invoice = decodeTransferId(providerPaymentId);
  if (!invoice) throw new Error(`not a VietQR payment id: ${providerPaymentId}`);
  return {
    providerPaymentId,
    reference,
    recipient: accountNumber,
    amount: { kind: 'fiat', currency: 'VND', amount: minorUnits(invoice.due) },
  };
}
