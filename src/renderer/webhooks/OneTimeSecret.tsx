import { CopyButton } from '../components/CopyButton';
import { Trans, useTranslation } from 'react-i18next';

/**
 * A signing secret, shown this once: the server keeps it sealed and never shows it again, and the
 * console keeps it nowhere. The admin copies it into the receiving system now.
 */
export function OneTimeSecret({ url, secret }: { url: string; secret: string }) {
  const { t } = useTranslation('webhooks');

  return (
    <div className="one-time-password" role="status">
      <p>
        <Trans
          t={t}
          i18nKey="signingSecretForShownOnlyNow"
          values={{ url }}
          components={{ strong: <strong />, code: <code /> }}
        />
      </p>
      <div className="one-time-password-value">
        <code data-testid="webhook-secret">{secret}</code>
        <CopyButton value={secret} label={t('copyTheSigningSecret', { url })} />
      </div>
    </div>
  );
}
