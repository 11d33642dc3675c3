import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormMessage, TextField } from '../components/Field';
import { ErrorState, LoadingState } from '../components/States';
import { errorMessage } from '../lib/ipc';
import { gapLevel, gapWarnings, parseGapLimit } from './crypto-gaps';
import { useUpdatePaymentSettings } from './mutations';
import { paymentSettingsQueries } from './queries';

/**
 * The reseller's crypto receiving addresses as its wallet sees them: per network, the next index a
 * checkout gets, the highest one paid, and the unused run between them against the gap limit the
 * wallet scans. Past the limit the wallet stops looking, so money sent later does not show in it.
 */
export function CryptoAddressesSection({
  gapLimit,
  editable,
}: {
  /** The stored setting (payment settings' cryptoGapLimit). */
  gapLimit: number;
  editable: boolean;
}) {
  const { t } = useTranslation('crypto-addresses');
  const addresses = useQuery(paymentSettingsQueries.cryptoAddresses());
  const [typed, setTyped] = useState(String(gapLimit));
  const [submitted, setSubmitted] = useState(false);
  const update = useUpdatePaymentSettings();
  const parsed = parseGapLimit(typed);
  const localError = !parsed.ok && (submitted || typed.trim() !== '') ? t('gapLimitRange') : undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (!parsed.ok) return;
    update.mutate(
      { cryptoGapLimit: parsed.value },
      { onSuccess: (saved) => setTyped(String(saved.cryptoGapLimit)) },
    );
  };

  return (
    <section className="section" aria-labelledby="crypto-addresses-title">
      <h2 id="crypto-addresses-title" className="section-title">
        {t('title')}
      </h2>
      <p className="muted">{t('explain')}</p>
      {addresses.isPending ? (
        <LoadingState label={t('loading')} compact />
      ) : addresses.isError ? (
        <ErrorState error={addresses.error} onRetry={() => void addresses.refetch()} compact />
      ) : (
        <>
          {gapWarnings(addresses.data.networks, addresses.data.gapLimit).map((w) => (
            <p key={w.network} className="form-message form-message-error" role="alert">
              {t(w.level === 'reached' ? 'reached' : 'near', {
                network: t(`network.${w.network}`),
                gap: w.gap,
                limit: addresses.data.gapLimit,
              })}{' '}
              {t(addresses.data.gapPolicy === 'refuse' ? 'policyRefuse' : 'policyWarn')}
            </p>
          ))}
          <table className="payments-table" aria-label={t('title')}>
            <thead>
              <tr>
                <th scope="col">{t('column.network')}</th>
                <th scope="col">{t('column.nextIndex')}</th>
                <th scope="col">{t('column.highestPaid')}</th>
                <th scope="col">{t('column.gap')}</th>
              </tr>
            </thead>
            <tbody>
              {addresses.data.networks.map((n) => (
                <tr key={n.network} data-gap-level={gapLevel(n.gap, addresses.data.gapLimit)}>
                  <td>
                    {t('networkWithAssets', {
                      network: t(`network.${n.network}`),
                      assets: n.assets.join(', '),
                    })}
                  </td>
                  <td className="num">{n.nextIndex}</td>
                  <td className="num">{n.highestUsedIndex ?? t('none')}</td>
                  <td className="num">{t('gapOfLimit', { gap: n.gap, limit: addresses.data.gapLimit })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <form className="card settings-card" onSubmit={submit} noValidate aria-label={t('gapLimit')}>
        <TextField
          label={t('gapLimit')}
          inputMode="numeric"
          autoComplete="off"
          className="input"
          value={typed}
          readOnly={!editable}
          onChange={(event) => setTyped(event.target.value)}
          error={localError}
          hint={t('gapLimitHint')}
        />
        {update.isError && <FormMessage tone="error">{errorMessage(update.error)}</FormMessage>}
        {update.isSuccess && <FormMessage tone="success">{t('saved')}</FormMessage>}
        {editable && (
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={update.isPending}>
              {update.isPending ? t('saving') : t('save')}
            </button>
          </div>
        )}
      </form>
    </section>
  );
}
