import type { Checkout, Payment } from '../../shared/api/payments';
import { CopyButton } from '../components/CopyButton';
import { QrCode } from '../components/QrCode';
import { Spinner } from '../components/States';
import { formatAmount } from '../lib/format';
import { useNow } from '../lib/use-now';
import { countdown, networkWarning } from './workflow';

type CryptoCheckout = Extract<Checkout, { kind: 'crypto_qr' }>;
type BankCheckout = Extract<Checkout, { kind: 'bank_qr' }>;

const NETWORK_LABELS: Record<CryptoCheckout['network'], string> = {
  bitcoin: 'Bitcoin',
  ethereum: 'Ethereum (ERC-20)',
  tron: 'Tron (TRC-20)',
};

/** A crypto invoice: the QR of its payment URI, the exact amount and address to copy, the network. */
export function CryptoQr({ payment, checkout }: { payment: Payment; checkout: CryptoCheckout }) {
  const partly = payment.underpaid && checkout.received !== undefined;
  return (
    <div className="checkout-qr">
      <QrCode
        payload={checkout.qrPayload}
        alt={`QR code: send ${checkout.amount} ${checkout.asset} on ${NETWORK_LABELS[checkout.network]} to ${checkout.address}`}
      />
      <div className="checkout-details">
        <p className="form-message form-message-warning" role="note">
          {networkWarning(checkout)}
        </p>
        <dl className="details">
          <div>
            <dt>{partly ? 'Still to send' : 'Amount'}</dt>
            <dd className="copy-row">
              <span className="mono" data-testid="crypto-amount">
                {checkout.amount} {checkout.asset}
              </span>
              <CopyButton value={checkout.amount} label="Copy amount" />
            </dd>
          </div>
          {checkout.received !== undefined && (
            <div>
              <dt>Received</dt>
              <dd className="mono">
                {checkout.received} {checkout.asset}
              </dd>
            </div>
          )}
          <div>
            <dt>Address</dt>
            <dd className="copy-row">
              <span className="mono break">{checkout.address}</span>
              <CopyButton value={checkout.address} label="Copy address" />
            </dd>
          </div>
          <div>
            <dt>Network</dt>
            <dd>{NETWORK_LABELS[checkout.network]}</dd>
          </div>
          <div>
            <dt>Confirmations</dt>
            <dd>{checkout.requiredConfirmations} required</dd>
          </div>
          <Countdown expiresAt={checkout.expiresAt} />
        </dl>
        <p role="status" className="waiting">
          <Spinner size="sm" />{' '}
          {partly
            ? `Partly paid: send the remaining ${checkout.amount} ${checkout.asset} to the same address.`
            : payment.status === 'processing'
              ? 'Payment seen: waiting for confirmations…'
              : 'Waiting for payment…'}
        </p>
      </div>
    </div>
  );
}

/** A VietQR bank transfer: the QR, and the account, amount and memo to type by hand if need be. */
export function BankQr({ checkout }: { checkout: BankCheckout }) {
  const amount = formatAmount(checkout.amount, checkout.currency);
  return (
    <div className="checkout-qr">
      <QrCode
        payload={checkout.qrPayload}
        alt={`VietQR code: transfer ${amount} to account ${checkout.accountNumber} (${checkout.accountName}) with the memo ${checkout.memo}`}
      />
      <div className="checkout-details">
        <p className="form-message form-message-warning" role="note">
          Transfer exactly this amount with this memo: the memo is how the payment is matched to you.
        </p>
        <dl className="details">
          <div>
            <dt>Amount</dt>
            <dd className="copy-row">
              <span>{amount}</span>
              <CopyButton value={String(checkout.amount)} label="Copy amount" />
            </dd>
          </div>
          <div>
            <dt>Account</dt>
            <dd className="copy-row">
              <span className="mono">{checkout.accountNumber}</span>
              <CopyButton value={checkout.accountNumber} label="Copy account number" />
            </dd>
          </div>
          <div>
            <dt>Account name</dt>
            <dd>{checkout.accountName}</dd>
          </div>
          <div>
            <dt>Bank (BIN)</dt>
            <dd className="mono">{checkout.bankBin}</dd>
          </div>
          <div>
            <dt>Memo</dt>
            <dd className="copy-row">
              <span className="mono" data-testid="bank-memo">
                {checkout.memo}
              </span>
              <CopyButton value={checkout.memo} label="Copy memo" />
            </dd>
          </div>
          <Countdown expiresAt={checkout.expiresAt} />
        </dl>
        <p role="status" className="waiting">
          <Spinner size="sm" /> Waiting for the bank transfer…
        </p>
      </div>
    </div>
  );
}

function Countdown({ expiresAt }: { expiresAt: string }) {
  const now = useNow(1000);
  const left = countdown(expiresAt, now);
  return (
    <div>
      <dt>Expires in</dt>
      {/* Not a live region: a ticking clock would talk over everything. */}
      <dd className="mono">{left ?? 'Expired — waiting for the server to confirm'}</dd>
    </div>
  );
}
