import type { Checkout, Payment } from '../../shared/api/payments';
import { CopyButton } from '../components/CopyButton';
import { QrCode } from '../components/QrCode';
import { Spinner } from '../components/States';
import { formatAmount } from '../lib/format';
import { useNow } from '../lib/use-now';
import { networkName } from './crypto-rails';
import { countdown, networkWarning } from './workflow';
import { useTranslation } from 'react-i18next';

type CryptoCheckout = Extract<Checkout, { kind: 'crypto_qr' }>;
type BankCheckout = Extract<Checkout, { kind: 'bank_qr' }>;

/** A crypto invoice: the QR of its payment URI, the exact amount and address to copy, the network. */
export function CryptoQr({ payment, checkout }: { payment: Payment; checkout: CryptoCheckout }) {
  const { t } = useTranslation('top-up');

  const partly = payment.underpaid && checkout.received !== undefined;
  // A transfer at the address still short of its confirmations (the server's last reading of the chain).
  const confirming = { seen: checkout.confirmations, required: checkout.requiredConfirmations };
  return (
    <div className="checkout-qr">
      <QrCode
        payload={checkout.qrPayload}
        alt={t('qrCodeSendOn', {
          amount: checkout.amount,
          asset: checkout.asset,
          value: networkName(checkout),
          address: checkout.address,
        })}
      />
      <div className="checkout-details">
        <p className="form-message form-message-warning" role="note">
          {networkWarning(checkout)}
        </p>
        <dl className="details">
          <div>
            <dt>{partly ? t('stillToSend') : t('amount')}</dt>
            <dd className="copy-row">
              <span className="mono" data-testid="crypto-amount">
                {checkout.amount} {checkout.asset}
              </span>
              <CopyButton value={checkout.amount} label={t('copyAmount')} />
            </dd>
          </div>
          {checkout.received !== undefined && (
            <div>
              <dt>{t('received')}</dt>
              <dd className="mono">
                {checkout.received} {checkout.asset}
              </dd>
            </div>
          )}
          <div>
            <dt>{t('address')}</dt>
            <dd className="copy-row">
              <span className="mono break">{checkout.address}</span>
              <CopyButton value={checkout.address} label={t('copyAddress')} />
            </dd>
          </div>
          <div>
            <dt>{t('network')}</dt>
            <dd data-testid="crypto-network">{networkName(checkout)}</dd>
          </div>
          <div>
            <dt>{t('confirmations')}</dt>
            <dd data-testid="crypto-confirmations">
              {confirming.seen === undefined
                ? t('required', { requiredConfirmations: checkout.requiredConfirmations })
                : t('confirmationsOf', confirming)}
            </dd>
          </div>
          <Countdown expiresAt={checkout.expiresAt} />
        </dl>
        <p role="status" className="waiting">
          <Spinner size="sm" />{' '}
          {partly
            ? t('partlyPaidSendThe', { amount: checkout.amount, asset: checkout.asset })
            : payment.status === 'processing'
              ? confirming.seen === undefined
                ? t('paymentSeenWaitingFor')
                : t('paymentSeenConfirmationsOf', confirming)
              : t('waitingForPayment')}
        </p>
      </div>
    </div>
  );
}

/**
 * A VietQR bank transfer: the QR, and the account, amount and memo to type by hand if need be. Once
 * part of it arrived, the amount and the QR are the remainder's (the server rewrote them after the
 * bank feed confirmed what arrived), beside what arrived.
 */
export function BankQr({ payment, checkout }: { payment: Payment; checkout: BankCheckout }) {
  const { t } = useTranslation('top-up');

  const amount = formatAmount(checkout.amount, checkout.currency);
  const partly = payment.underpaid && checkout.received !== undefined;
  return (
    <div className="checkout-qr">
      <QrCode
        payload={checkout.qrPayload}
        alt={t('vietqrCodeTransferTo', {
          amount,
          accountNumber: checkout.accountNumber,
          accountName: checkout.accountName,
          memo: checkout.memo,
        })}
      />
      <div className="checkout-details">
        <p className="form-message form-message-warning" role="note">
          {t('transferExactlyThisAmount')}
        </p>
        <dl className="details">
          <div>
            <dt>{partly ? t('stillToTransfer') : t('amount')}</dt>
            <dd className="copy-row">
              <span data-testid="bank-amount">{amount}</span>
              <CopyButton value={String(checkout.amount)} label={t('copyAmount')} />
            </dd>
          </div>
          {checkout.received !== undefined && (
            <div>
              <dt>{t('received')}</dt>
              <dd data-testid="bank-received">{formatAmount(checkout.received, checkout.currency)}</dd>
            </div>
          )}
          <div>
            <dt>{t('account')}</dt>
            <dd className="copy-row">
              <span className="mono">{checkout.accountNumber}</span>
              <CopyButton value={checkout.accountNumber} label={t('copyAccountNumber')} />
            </dd>
          </div>
          <div>
            <dt>{t('accountName')}</dt>
            <dd>{checkout.accountName}</dd>
          </div>
          <div>
            <dt>{t('bankBin')}</dt>
            <dd className="mono">{checkout.bankBin}</dd>
          </div>
          <div>
            <dt>{t('memo')}</dt>
            <dd className="copy-row">
              <span className="mono" data-testid="bank-memo">
                {checkout.memo}
              </span>
              <CopyButton value={checkout.memo} label={t('copyMemo')} />
            </dd>
          </div>
          <Countdown expiresAt={checkout.expiresAt} />
        </dl>
        <p role="status" className="waiting">
          <Spinner size="sm" />{' '}
          {partly ? t('partlyPaidTransferThe', { amount, memo: checkout.memo }) : t('waitingForTheBank')}
        </p>
      </div>
    </div>
  );
}

function Countdown({ expiresAt }: { expiresAt: string }) {
  const { t } = useTranslation('top-up');

  const now = useNow(1000);
  const left = countdown(expiresAt, now);
  return (
    <div>
      <dt>{t('expiresIn')}</dt>
      {/* Not a live region: a ticking clock would talk over everything. */}
      <dd className="mono">{left ?? t('expiredWaitingForThe')}</dd>
    </div>
  );
}
