import type { Session } from '../../shared/ipc-contract';
import { Badge } from '../components/Badge';
import { useSignOut } from '../connection/mutations';
import { ROLE_LABELS } from '../lib/format';
import { errorMessage } from '../lib/ipc';
import { useUi } from './ui-store';

/** Who is signed in, to what, and the way out (or in). */
export function AccountArea({ session }: { session: Session }) {
  const signOut = useSignOut();
  const navigated = useUi((state) => state.navigated);

  if (session.state !== 'signed_in') {
    return (
      <div className="account">
        <span className="muted">Not connected</span>
        <button type="button" className="button button-sm" onClick={() => navigated({ page: 'connection' })}>
          Connect
        </button>
      </div>
    );
  }
  return (
    <div className="account">
      {session.mode === 'demo' && <Badge tone="info">Local demo server</Badge>}
      <div className="account-who">
        <span className="account-email">{session.email ?? 'API key'}</span>
        {session.role && <span className="account-role">{ROLE_LABELS[session.role]}</span>}
      </div>
      <button
        type="button"
        className="button button-sm"
        onClick={() => signOut.mutate()}
        disabled={signOut.isPending}
        title={
          signOut.isError
            ? `Could not sign out: ${errorMessage(signOut.error)}`
            : `Signed in as ${session.email ?? 'an API key'}${session.role ? ` (${ROLE_LABELS[session.role]})` : ''}`
        }
      >
        {signOut.isPending ? 'Signing out…' : 'Sign out'}
      </button>
    </div>
  );
}
