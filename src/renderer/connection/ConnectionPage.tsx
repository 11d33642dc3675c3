import { CopyButton } from '../components/CopyButton';
import { Badge } from '../components/Badge';
import { FormMessage } from '../components/Field';
import { PageHeader } from '../components/PageHeader';
import { ErrorState, LoadingState, Spinner } from '../components/States';
import { ROLE_LABELS } from '../lib/format';
import { errorMessage } from '../lib/ipc';
import { ConnectForm } from './ConnectForm';
import { useSignOut, useStartDemo } from './mutations';
import { useSession } from './queries';
import './connection.css';
import { useTranslation } from 'react-i18next';

export function ConnectionPage() {
  const { t } = useTranslation('connection');

  const session = useSession();
  const demo = useStartDemo();
  const signOut = useSignOut();

  if (session.isPending) return <LoadingState label={t('loadingTheConnection')} />;
  if (session.isError) return <ErrorState error={session.error} onRetry={() => void session.refetch()} />;
  const current = session.data;
  const signedIn = current.state === 'signed_in';

  return (
    <div className="page">
      <PageHeader title={t('connection')} subtitle={t('whereThisConsoleGets')} />
      <div className="connection-grid">
        {signedIn && (
          <section className="card connection-current" aria-labelledby="connection-current-title">
            <h2 id="connection-current-title">{t('connected')}</h2>
            <dl className="details">
              <div>
                <dt>{t('server')}</dt>
                <dd>
                  {current.mode === 'demo' ? (
                    <>
                      <Badge tone="info">{t('localDemoServer')}</Badge>
                      {current.apiUrl && (
                        // Where another console on this computer connects, to try the demo as a
                        // customer or a support agent (with a login made on the Users screen).
                        <p className="demo-api-url">
                          <span className="mono" data-testid="demo-api-url">
                            {current.apiUrl}
                          </span>{' '}
                          <CopyButton value={current.apiUrl} label={t('copyTheDemoUrl')} />
                          <span className="field-hint">{t('otherConsolesCanConnect')}</span>
                        </p>
                      )}
                    </>
                  ) : (
                    current.apiUrl
                  )}
                </dd>
              </div>
              {current.resellerName && (
                <div>
                  <dt>{t('reseller')}</dt>
                  <dd>{current.resellerName}</dd>
                </div>
              )}
              <div>
                <dt>{t('signedInAs')}</dt>
                <dd>
                  {current.email ?? t('apiKey')}
                  {current.role && <span className="muted"> · {ROLE_LABELS[current.role]}</span>}
                </dd>
              </div>
              <div>
                <dt>{t('credentials')}</dt>
                <dd>{current.remembered ? t('keptSecurelyAcrossRestarts') : t('keptForThisSession')}</dd>
              </div>
            </dl>
            {signOut.isError && (
              <FormMessage tone="error">
                {t('couldNotSignOut', { value: errorMessage(signOut.error) })}
              </FormMessage>
            )}
            <div className="form-actions">
              <button
                type="button"
                className="button button-danger"
                onClick={() => signOut.mutate()}
                disabled={signOut.isPending}
              >
                {signOut.isPending ? t('signingOut') : t('signOut')}
              </button>
            </div>
          </section>
        )}
        <section className="card" aria-labelledby="connection-hosted-title">
          <h2 id="connection-hosted-title">{signedIn ? t('switchToAHosted') : t('connectToAHosted')}</h2>
          <p className="muted">{t('signInToYour')}</p>
          <ConnectForm initialUrl={current.mode === 'hosted' ? (current.apiUrl ?? '') : ''} />
        </section>
        <section className="card" aria-labelledby="connection-demo-title">
          <h2 id="connection-demo-title">{t('tryTheLocalDemo')}</h2>
          <p className="muted">{t('runsTheBillingApi')}</p>
          {demo.isError && (
            <FormMessage tone="error">
              {t('couldNotStartThe', { value: errorMessage(demo.error) })}
            </FormMessage>
          )}
          <div className="form-actions">
            <button
              type="button"
              className="button"
              onClick={() => demo.mutate()}
              disabled={demo.isPending || (signedIn && current.mode === 'demo')}
            >
              {demo.isPending && <Spinner size="sm" />}
              {signedIn && current.mode === 'demo' ? t('usingTheLocalDemo') : t('useLocalDemo')}
            </button>
          </div>
        </section>
      </div>
    </div>
  );
}
