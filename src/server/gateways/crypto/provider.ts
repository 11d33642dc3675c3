import type { Currency } from '../../../shared/money.js';
import { Failure } from '../../services/failure.js';
import type {
  CheckoutQuote,
  CheckoutPresentation,
  CheckoutRequest,
  CreditExpectation,
  GatewayEnvironment,
  PaymentProvider,
  ProviderPaymentSnapshot,
  WebhookDelivery,
} from '../provider.js';
import { baseUnits, coinForFiat, formatCoinAmount, remainingDue, type BaseUnits } from './amounts.js';
import { CRYPTO_RAILS, railLabel, type CoinAsset, type CryptoRail } from './assets.js';
import { confirmations, type ChainSource } from './chain-source.js';
import { DEFAULT_REQUIRED_CONFIRMATIONS, type CryptoCredentials } from './credentials.js';
import { readAccountKey, receivingAddress } from './account-key.js';
import { isAddressFor } from './address.js';
import { decodeInvoiceId, encodeInvoiceId } from './payment-id.js';
import { invoicePayload } from './payment-uri.js';
import { checkTransfer, type TransferCheck } from './transfer-check.js';
import { misdirectedTransfers } from './wrong-network.js';
import { isTestnetRail, lacksTestToken } from './offered-rails.js';

/**
 * The price of one whole coin in `fiat` major units, as exact decimal text ("67123.45"), or null
 * when the pair is not offered. A live deployment plugs an exchange's ticker in here.
 */
export type RateSource = (
  fiat: Currency,
  asset: CoinAsset,
  at: Date,
  signal?: AbortSignal,
) => Promise<string | null>;

export const fixedRates =
  (credentials: CryptoCredentials): RateSource =>
  (fiat, asset) =>
    Promise.resolve(credentials.rates[fiat]?.[asset] ?? null);

/**
 * The reseller's rates: a pair fixed by hand, else (live rates on) the operator's live source. Live
 * rates on a server without a source refuse the quote rather than pretend the pair is not offered.
 */
export const resellerRates =
  (credentials: CryptoCredentials, live: RateSource | undefined): RateSource =>
  async (fiat, asset, at, signal) => {
    const fixed = credentials.rates[fiat]?.[asset];
    if (fixed !== undefined || !credentials.liveRates) return fixed ?? null;
    if (!live) {
      throw new Failure(
        'method_unavailable',
        'live coin rates are on, but this server has no rate source (RATES_API_BASE_URL): fix the rates by hand or ask the operator',
        'liveRates',
        { key: 'coin_rates_no_source', values: {} },
      );
    }
    return live(fiat, asset, at, signal);
  };

/**
 * Crypto invoices on a chain we watch: one derived address per payment, an amount in coin at a
 * quoted rate, and a status read from the chain itself. A chain pushes nothing, so there are no
 * webhooks: the payment service's job re-checks open invoices with fetchStatus.
 */
export class CryptoProvider implements PaymentProvider {
  readonly id = 'crypto' as const;

  constructor(
    private readonly credentials: CryptoCredentials,
    private readonly env: GatewayEnvironment,
    private readonly chain: ChainSource,
    private readonly rates: RateSource = resellerRates(credentials, env.liveRates),
    /**
     * Networks nothing on this server observes, by credentials field (`xpubs.bitcoin`) with why
     * (unobservedNetworks): no checkout is opened on them, since its payment could never be seen.
     */
    private readonly unobserved: Readonly<Record<string, string>> = {},
  ) {}

  requiredConfirmations(asset: CoinAsset): number {
    return this.credentials.requiredConfirmations[asset] ?? DEFAULT_REQUIRED_CONFIRMATIONS[asset];
  }

  /**
   * Refuses, before any payment exists, a checkout createCheckout would refuse: a rail without an
   * account key or on a network nothing observes, a coin without a rate in the currency, an amount
   * too small to invoice in coin, USDT on an Ethereum test chain without its contract. The same checks, in the same order, without handing out an address.
   */
  async checkCheckout(request: CheckoutQuote, signal?: AbortSignal): Promise<void> {
    await this.quote(request, signal);
  }

  async createCheckout(request: CheckoutRequest, signal?: AbortSignal): Promise<CheckoutPresentation> {
    const { rail, due, expiresAt } = await this.quote(request, signal);
    const address = this.receivingAddress(rail, request.addressIndex);
    return {
      kind: 'crypto_qr',
      providerPaymentId: encodeInvoiceId({ rail, address, due, expiresAt }),
      qrPayload: invoicePayload(rail, address, due, {
        chainId: this.credentials.chainId,
        testnet: this.credentials.testnet,
        ...(this.credentials.usdtContract ? { usdtContract: this.credentials.usdtContract } : {}),
      }),
      asset: rail.asset,
      network: rail.network,
      ...(isTestnetRail(this.credentials, rail) ? { testnet: true as const } : {}),
      address,
      amount: formatCoinAmount(due, rail.asset),
      requiredConfirmations: this.requiredConfirmations(rail.asset),
      expiresAt: expiresAt.toISOString(),
    };
  }

  /** The checkout's rail, what is due in coin and until when; refused as createCheckout refuses. */
  private async quote(
    request: CheckoutQuote,
    signal?: AbortSignal,
  ): Promise<{ rail: CryptoRail; due: BaseUnits; expiresAt: Date }> {
    const rail = CRYPTO_RAILS.find(
      (r) => r.asset === request.rail?.asset && r.network === request.rail.network,
    );
    if (!rail) {
      // The payment service asks for a coin first (coin_not_chosen): the same refusal, worded alike.
      throw new Failure('validation', 'a crypto top-up names its coin and network', 'asset', {
        key: 'coin_not_chosen',
        values: {},
      });
    }
    const unobserved = this.unobserved[`xpubs.${rail.network}`];
    if (unobserved !== undefined) {
      throw new Failure('validation', `${railLabel(rail)} is not offered: ${unobserved}`, 'asset', {
        key: 'coin_network_unwatched',
        values: { asset: rail.asset, network: rail.network },
      });
    }
    const now = this.env.now();
    // The quote ends with the payment, and never later than the quote window.
    const expiresAt = new Date(
      Math.min(request.expiresAt.getTime(), now.getTime() + this.credentials.quoteMinutes * 60_000),
    );
    if (expiresAt <= now) {
      throw new Failure('validation', 'the payment has already expired', 'expiresAt', {
        key: 'payment_already_expired',
        values: {},
      });
    }

    const price = await this.rates(request.currency, rail.asset, now, signal);
    if (price === null) {
      throw new Failure(
        'validation',
        `${rail.asset} is not offered for ${request.currency} top-ups`,
        'asset',
        { key: 'coin_not_offered', values: { asset: rail.asset, currency: request.currency } },
      );
    }
    const due = coinForFiat(request.amount, { fiat: request.currency, asset: rail.asset, price });
    if (due === 0n) {
      throw new Failure('validation', 'the amount is too small to invoice in coin', 'amount', {
        key: 'coin_amount_too_small',
        values: { amount: request.amount, currency: request.currency, asset: rail.asset },
      });
    }
    if (this.credentials.xpubs[rail.network] === undefined) {
      throw new Failure(
        'method_unavailable',
        `${railLabel(rail)} is not offered: this reseller gave no account key for ${rail.network}`,
        'asset',
        { key: 'coin_no_account_key', values: { asset: rail.asset, network: rail.network } },
      );
    }
    if (lacksTestToken(this.credentials, rail)) {
      throw new Failure(
        'method_unavailable',
        `${railLabel(rail)} is not offered on test chain ${this.credentials.chainId}: set usdtContract to that chain's USDT contract (mainnet Tether's does not exist there)`,
        'usdtContract',
        {
          key: 'coin_test_chain_no_usdt',
          values: { asset: rail.asset, network: rail.network, chainId: this.credentials.chainId },
        },
      );
    }
    return { rail, due, expiresAt };
  }

  /**
   * The payment's own address on the reseller's account key. The index comes with the payment (the
   * payment service allocates it, one per payment and network), so a retried checkout, which is the
   * same payment, shows the same address, and no other payment ever shows it.
   */
  private receivingAddress(rail: CryptoRail, index: number | undefined): string {
    const text = this.credentials.xpubs[rail.network];
    if (text === undefined) {
      throw new Failure(
        'method_unavailable',
        `${railLabel(rail)} is not offered: this reseller gave no account key for ${rail.network}`,
        'asset',
        { key: 'coin_no_account_key', values: { asset: rail.asset, network: rail.network } },
      );
    }
    if (index === undefined) throw new Error('a crypto checkout needs the payment’s address index');
    const reading = readAccountKey(rail.network, text);
    // The schema read it when it was stored; reaching this means the stored document is damaged.
    if (!reading.ok) throw new Error(`the stored ${rail.network} account key is unreadable`);
    const address = receivingAddress(reading.key, index);
    // An address that fails its own network's check must never reach a QR code.
    if (!isAddressFor(rail.network, address, { testnet: this.credentials.testnet })) {
      throw new Error(`derived an invalid ${rail.network} address`);
    }
    return address;
  }

  /** What the chain says about a transaction hash the payer gave for this invoice (transfer-check.ts). */
  checkTransfer(providerPaymentId: string, txHash: string, signal?: AbortSignal): Promise<TransferCheck> {
    const invoice = decodeInvoiceId(providerPaymentId);
    if (!invoice) throw new Error(`not a crypto invoice id: ${providerPaymentId}`);
    return checkTransfer(this.chain, invoice, txHash, this.requiredConfirmations(invoice.rail.asset), signal);
  }

  verifyWebhook(): Promise<WebhookDelivery> {
    return Promise.resolve({
      ok: false,
      reason: 'malformed_body',
      detail: 'a chain sends no webhooks; crypto payments are confirmed by reading the chain',
    });
  }

  /**
   * Sums what reached the invoice's address with enough confirmations. `received` counts only
   * confirmed coin, so a payment still being mined is `processing` with nothing credited yet; a
   * partial amount is `processing` too (decideCredit: wait, underpaid), and the payer sends the
   * remainder to the same address. The chain knows nothing of our reference: it is reported null
   * and the invoice id, which names the address, is what identifies the payment. Each check reads
   * the chain afresh: a transfer reorganised away before its confirmations is simply not there any
   * more, so it counts for nothing (and a payment that had only it goes back to `new`).
   */
  async fetchStatus(
    payment: { providerPaymentId: string; reference: string },
    signal?: AbortSignal,
  ): Promise<ProviderPaymentSnapshot> {
    const invoice = decodeInvoiceId(payment.providerPaymentId);
    if (!invoice) throw new Error(`not a crypto invoice id: ${payment.providerPaymentId}`);
    const required = this.requiredConfirmations(invoice.rail.asset);
    const [tip, transfers, misdirected] = await Promise.all([
      this.chain.tipHeight(invoice.rail.network, signal),
      this.chain.transfersTo(invoice.rail, invoice.address, signal),
      misdirectedTransfers(this.chain, invoice, required, signal),
    ]);
    let confirmed = 0n;
    // The transfer furthest from counting: what the payer is told the payment is waiting for.
    let fewest: number | null = null;
    for (const transfer of transfers) {
      const count = confirmations(transfer, tip);
      if (count >= required) confirmed += transfer.amount;
      else fewest = Math.min(fewest ?? count, count);
    }
    const status =
      confirmed >= invoice.due
        ? 'paid'
        : transfers.length > 0
          ? 'processing'
          : this.env.now() >= invoice.expiresAt
            ? 'expired'
            : 'pending';
    return {
      providerPaymentId: payment.providerPaymentId,
      reference: null,
      status,
      received: { kind: 'coin', ...invoice.rail, amount: baseUnits(confirmed) },
      recipient: invoice.address,
      chainTxids: transfers.map((transfer) => transfer.txid),
      ...(fewest !== null ? { confirmations: { count: fewest, required } } : {}),
      ...(misdirected.length > 0 ? { misdirected } : {}),
    };
  }
}

/** What the payment service expects the chain to confirm for an invoice (decideCredit's input). */
export function cryptoCreditExpectation(providerPaymentId: string, reference: string): CreditExpectation {
  const invoice = decodeInvoiceId(providerPaymentId);
  if (!invoice) throw new Error(`not a crypto invoice id: ${providerPaymentId}`);
  return {
    providerPaymentId,
    reference,
    recipient: invoice.address,
    amount: { kind: 'coin', ...invoice.rail, amount: invoice.due },
  };
}

/** What the payer still has to send after a partial payment, in base units (0 once covered). */
export function cryptoRemainder(providerPaymentId: string, snapshot: ProviderPaymentSnapshot): BaseUnits {
  const invoice = decodeInvoiceId(providerPaymentId);
  if (!invoice || snapshot.received.kind !== 'coin') throw new Error('not a crypto invoice snapshot');
  return remainingDue(invoice.due, snapshot.received.amount);
}
