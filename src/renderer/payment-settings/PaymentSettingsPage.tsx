import { useQuery } from '@tanstack/react-query';
import { defaultTopUpLimits, paymentProviders } from '../../shared/api/payments';
import type { Currency } from '../../shared/money';
import { PageHeader } from '../components/PageHeader';
import { ErrorState, LoadingState } from '../components/States';
import { usePermissions } from '../connection/queries';
import { asCurrency } from '../lib/format';
import { InvoiceMethodSection } from '../invoices/InvoiceMethodSection';
import { MovementLimitsSection } from '../movement-limits/MovementLimitsSection';
import { walletQueries } from '../wallet/queries';
import { CredentialsForm } from './CredentialsForm';
import { CryptoAddressesSection } from './CryptoAddressesSection';
import { LimitsCard } from './LimitsCard';
import { MethodsSection } from './MethodsSection';
import { paymentSettingsQueries } from './queries';
import './payment-settings.css';
import { useTranslation } from 'react-i18next';

/**
 * What the reseller's customers are offered when they top up. Reseller admins change it; support
 * agents read it; customers never reach this page (the route refuses them).
 */
export function PaymentSettingsPage() {
  const { t } = useTranslation('payment-settings');

  const settings = useQuery(paymentSettingsQueries.current());
  const walletCurrencies = useQuery(walletQueries.currencies());
  const editable = usePermissions().writes;

  if (settings.isPending) return <LoadingState label={t('loadingPaymentSettings')} />;
  if (settings.isError)
    return (
      <div className="page">
        <PageHeader title={t('paymentSettings')} />
        <ErrorState
          title={t('couldNotLoadThe')}
          error={settings.error}
          onRetry={() => void settings.refetch()}
        />
      </div>
    );
  const s = settings.data;
  // Stored limits, then every currency the reseller's wallets use (at the defaults until saved).
  const currencies: Currency[] = [...s.limits.map((l) => l.currency)];
  for (const code of walletCurrencies.data ?? []) {
    const c = asCurrency(code);
    if (c && !currencies.includes(c)) currencies.push(c);
  }
  if (currencies.length === 0) currencies.push('USD');

  return (
    <div className="page">
      <PageHeader
        title={t('paymentSettings')}
        subtitle={editable ? t('theMethodsLimitsAnd') : t('theMethodsLimitsAnd2')}
      />
      {/* Forms keep what is typed across refetches; each resets itself from the answer to its own save. */}
      <MethodsSection settings={s} editable={editable} />
      <InvoiceMethodSection editable={editable} />
      <section className="section" aria-labelledby="limits-title">
        <h2 id="limits-title" className="section-title">
          {t('limitsAndPresetAmounts')}
        </h2>
        <div className="settings-grid">
          {currencies.map((currency) => {
            const stored = s.limits.find((l) => l.currency === currency);
            return (
              <LimitsCard
                key={currency}
                limits={stored ?? defaultTopUpLimits(currency)}
                custom={stored !== undefined}
                editable={editable}
              />
            );
          })}
        </div>
      </section>
      <MovementLimitsSection currencies={currencies} editable={editable} />
      {s.credentialsConfigured.includes('crypto') && (
        <CryptoAddressesSection gapLimit={s.cryptoGapLimit} editable={editable} />
      )}
      <section className="section" aria-labelledby="credentials-title">
        <h2 id="credentials-title" className="section-title">
          {t('gatewayCredentials2')}
        </h2>
        <div className="settings-grid">
          {paymentProviders.map((provider) => (
            <CredentialsForm
              key={provider}
              provider={provider}
              configured={s.credentialsConfigured.includes(provider)}
              currencies={currencies}
              editable={editable}
            />
          ))}
        </div>
      </section>
    </div>
  );
}
