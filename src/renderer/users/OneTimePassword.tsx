import { CopyButton } from '../components/CopyButton';
import { Trans, useTranslation } from 'react-i18next';

/**
 * A password the billing API made up, shown this once: it is kept nowhere (not in the cache, not in
 * the query cache after this screen closes), so the admin copies it now and passes it on.
 */
export function OneTimePassword({ email, password }: { email: string; password: string }) {
  const { t } = useTranslation('users');

  return (
    <div className="one-time-password" role="status">
      <p>
        <Trans
          t={t}
          i18nKey="passwordForShownOnlyNow"
          values={{ email }}
          components={{ strong: <strong /> }}
        />
      </p>
      <div className="one-time-password-value">
        <code data-testid="one-time-password">{password}</code>
        <CopyButton value={password} label={t('copyThePasswordFor', { email })} />
      </div>
    </div>
  );
}
