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

export function ConnectionPage() {
  const session = useSession();
  const demo = useStartDemo();
  const signOut = useSignOut();

  if (session.isPending) return <LoadingState label="Loading the connection…" />;
  if (session.isError) return <ErrorState error={session.error} onRetry={() => void session.refetch()} />;
  const current = session.data;
  const signedIn = current.state === 'signed_in';

  return (
    <div className="page">
      <PageHeader
        title="Connection"
        subtitle="Where this console gets its data: a hosted billing API, or the demo server built into the app."
      />
      <div className="connection-grid">
        {signedIn && (
          <section className="card connection-current" aria-labelledby="connection-current-title">
            <h2 id="connection-current-title">Connected</h2>
            <dl className="details">
              <div>
                <dt>Server</dt>
                <dd>
                  {current.mode === 'demo' ? <Badge tone="info">Local demo server</Badge> : current.apiUrl}
                </dd>
              </div>
              {current.resellerName && (
                <div>
                  <dt>Reseller</dt>
                  <dd>{current.resellerName}</dd>
                </div>
              )}
              <div>
                <dt>Signed in as</dt>
                <dd>
                  {current.email ?? 'API key'}
                  {current.role && <span className="muted"> · {ROLE_LABELS[current.role]}</span>}
                </dd>
              </div>
              <div>
                <dt>Credentials</dt>
                <dd>{current.remembered ? 'Kept securely across restarts' : 'Kept for this session only'}</dd>
              </div>
            </dl>
            {signOut.isError && (
              <FormMessage tone="error">Could not sign out: {errorMessage(signOut.error)}</FormMessage>
            )}
            <div className="form-actions">
              <button
                type="button"
                className="button button-danger"
                onClick={() => signOut.mutate()}
                disabled={signOut.isPending}
              >
                {signOut.isPending ? 'Signing out…' : 'Sign out'}
              </button>
            </div>
          </section>
        )}
        <section className="card" aria-labelledby="connection-hosted-title">
          <h2 id="connection-hosted-title">
            {signedIn ? 'Switch to a hosted API' : 'Connect to a hosted API'}
          </h2>
          <p className="muted">
            Sign in to your reseller&rsquo;s billing API. Changes you make offline are kept and sent when it
            answers.
          </p>
          <ConnectForm initialUrl={current.mode === 'hosted' ? (current.apiUrl ?? '') : ''} />
        </section>
        <section className="card" aria-labelledby="connection-demo-title">
          <h2 id="connection-demo-title">Try the local demo</h2>
          <p className="muted">
            Runs the billing API inside this app on 127.0.0.1, with a demo reseller, customers and wallets.
            Nothing leaves this computer.
          </p>
          {demo.isError && (
            <FormMessage tone="error">Could not start the demo: {errorMessage(demo.error)}</FormMessage>
          )}
          <div className="form-actions">
            <button
              type="button"
              className="button"
              onClick={() => demo.mutate()}
              disabled={demo.isPending || (signedIn && current.mode === 'demo')}
            >
              {demo.isPending && <Spinner size="sm" />}
              {signedIn && current.mode === 'demo' ? 'Using the local demo' : 'Use local demo'}
            </button>
          </div>
        </section>
      </div>
    </div>
  );
}
