import type { QueryClient } from '@tanstack/react-query';
import type { Session } from '../../shared/ipc-contract';
import { useUi } from '../shell/ui-store';
import { sessionQueries } from './queries';

function account(session: Session | undefined): string {
  if (!session) return '';
  return [session.state, session.mode, session.apiUrl, session.email, session.role, session.customerId].join(
    '|',
  );
}

/**
 * A new session from main (an event or a connect/sign-out answer). When it is another account, or
 * none, everything cached for the previous one is dropped, so no screen shows the last user's data.
 */
export function sessionChanged(queryClient: QueryClient, session: Session): void {
  const key = sessionQueries.current().queryKey;
  const before = queryClient.getQueryData(key);
  queryClient.setQueryData(key, session);
  if (account(before) !== account(session)) {
    void queryClient.resetQueries({ predicate: (query) => query.queryKey[0] !== sessionQueries.all[0] });
    useUi.getState().accountChanged();
  }
}
