import type { Session } from '../../shared/ipc-contract';
import { Badge } from '../components/Badge';
import { useSignOut } from '../connection/mutations';
import { ROLE_LABELS } from '../lib/format';
import { errorMessage } from '../lib/ipc';
import { useUi } from './ui-store';
import { useTranslation } from 'react-i18next';

/** Who is signed in, to what, and the way out (or in). */
export function AccountArea({ session }: { session: Session }) {
  const { t } = useTranslation('shell');

  const signOut = useSignOut();
  const navigated = useUi((state) => state.navigated);

  if (session.state !== 'signed_in') {
    return (
      <div className="account">
        <span className="muted">{t('notConnected')}</span>
        <button type="button" className="button button-sm" onClick={() => navigated({ page: 'connection' })}>
          {t('connect')}
        </button>
      </div>
    );
  }
  return (
    <div className="account">
      {session.mode === 'demo' && (
        <Badge tone="info" title={t('localDemoServer')} data-testid="demo-badge">
          <span className="header-wide">{t('localDemoServer')}</span>
          <span className="header-narrow" aria-hidden="true">
            {t('demo')}
          </span>
        </Badge>
      )}
      <div className="account-who">
        {/* Shortened beside long balances: its whole text is its own title. */}
        <span className="account-email" title={session.email ?? t('apiKey')}>
          {session.email ?? t('apiKey')}
        </span>
        {session.role && <span className="account-role">{ROLE_LABELS[session.role]}</span>}
      </div>
      <button
        type="button"
        className="button button-sm"
        onClick={() => signOut.mutate()}
        disabled={signOut.isPending}
        title={
          signOut.isError
            ? t('couldNotSignOut', { value: errorMessage(signOut.error) })
            : session.role
              ? t('signedInAsWithRole', {
                  who: session.email ?? t('apiKey'),
                  role: ROLE_LABELS[session.role],
                })
              : t('signedInAs', { who: session.email ?? t('apiKey') })
        }
      >
        {signOut.isPending ? t('signingOut') : t('signOut')}
      </button>
    </div>
  );
}
