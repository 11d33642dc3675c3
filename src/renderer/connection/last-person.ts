import type { Session } from '../../shared/ipc-contract';
import { useUi } from '../shell/ui-store';

/** Who was last signed in on this window: it survives a reload, not a restart (sessionStorage). */
const LAST_SIGNED_IN_KEY = 'reseller-console:last-signed-in';

let lastInThisLoad: string | null = null;

function signedInAs(session: Session): string | null {
  if (session.state !== 'signed_in') return null;
  return [session.mode, session.apiUrl, session.email, session.role, session.customerId, session.userId].join(
    '|',
  );
}

/**
 * Someone else signed in after the last person signed out: the page on screen (kept while the
 * Connection form showed) was the last person's — their customer, their wallet, an admin screen —
 * so the new person starts on the dashboard. The same person signing in again keeps their page.
 */
export function leaveLastPersonsPage(session: Session): void {
  const who = signedInAs(session);
  if (who === null) return;
  let last = lastInThisLoad;
  try {
    last = sessionStorage.getItem(LAST_SIGNED_IN_KEY) ?? last;
    sessionStorage.setItem(LAST_SIGNED_IN_KEY, who);
  } catch {
    // Storage may be unavailable: then only switches within this page load are seen.
  }
  lastInThisLoad = who;
  // The Connection screen, where people sign in, is nobody's page: whoever signs in there stays.
  const page = useUi.getState().route.page;
  if (last !== null && last !== who && page !== 'dashboard' && page !== 'connection') {
    useUi.getState().redirected({ page: 'dashboard' });
  }
}
