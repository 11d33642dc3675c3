import type { QueryClient } from '@tanstack/react-query';
import type { Session } from '../../shared/ipc-contract';
import { useAlertNotices } from '../alerts/alert-notices';
import { usePaymentNotices } from '../payments/payment-notices';
import { useUi } from '../shell/ui-store';
import { useStartedTopUp } from '../top-up/started-top-up';
import { leaveLastPersonsPage } from './last-person';
import { sessionQueries } from './queries';

function account(session: Session | undefined): string {
  if (!session) return '';
  return [session.state, session.mode, session.apiUrl, session.email, session.role, session.customerId].join(
    '|',
  );
}

/**
 * A new session from main (an event or a connect/sign-out answer). When it is another account, or
 * none, everything cached for the previous one is dropped, so no screen shows the last user's data:
 * its queries, and what arrived for it while it was signed in (payment toasts, alert banners, the
 * top-up being followed). Another customer must never read "New balance: …" of someone else.
 */
export function sessionChanged(queryClient: QueryClient, session: Session): void {
  const key = sessionQueries.current().queryKey;
  const before = queryClient.getQueryData(key);
  queryClient.setQueryData(key, session);
  if (account(before) !== account(session)) {
    void queryClient.resetQueries({ predicate: (query) => query.queryKey[0] !== sessionQueries.all[0] });
    useUi.getState().accountChanged();
    usePaymentNotices.setState({ notices: [] });
    useAlertNotices.setState({ alerts: [] });
    useStartedTopUp.getState().topUpLeft();
  }
  leaveLastPersonsPage(session);
}
