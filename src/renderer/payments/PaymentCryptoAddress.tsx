import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { usePermissions } from '../connection/queries';
import { ErrorState, LoadingState } from '../components/States';
import { paymentQueries } from './queries';

/**
 * Staff only: which address of the reseller's wallet a crypto payment was given (its index and
 * BIP-32 path), to find the money in the wallet. The payer's own view of a payment never has it.
 */
export function PaymentCryptoAddress({ paymentId }: { paymentId: string }) {
  const { t } = useTranslation('crypto-addresses');
  const staff = usePermissions().seesCustomers;
  const track = useQuery(paymentQueries.track(paymentId));
  const crypto = track.data?.kind === 'payment' && track.data.payment.provider === 'crypto';
  const derivation = useQuery({ ...paymentQueries.cryptoAddress(paymentId), enabled: staff && crypto });
  if (!staff || !crypto) return null;
  if (derivation.isPending) return <LoadingState label={t('derivation.loading')} compact />;
  if (derivation.isError)
    return <ErrorState error={derivation.error} onRetry={() => void derivation.refetch()} compact />;
  const found = derivation.data.crypto;
  if (!found) return null;
  return (
    <section className="card payment-facts" aria-labelledby="payment-derivation-title">
      <h2 id="payment-derivation-title" className="section-title">
        {t('derivation.title')}
      </h2>
      <dl className="details">
        <div>
          <dt>{t('derivation.index')}</dt>
          <dd className="mono">{found.addressIndex}</dd>
        </div>
        <div>
          <dt>{t('derivation.path')}</dt>
          <dd className="mono">{found.derivationPath}</dd>
        </div>
      </dl>
    </section>
  );
}
