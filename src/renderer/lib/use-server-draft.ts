import { useState } from 'react';

/**
 * A settings form's fields, filled from what the server holds. Until the user changes one, they
 * follow newer server values: settings synced after the form opened (the wallet's cache catching
 * up) fill it rather than leaving it blank. Once the user has changed a field, the fields are theirs
 * until `follow()` (after a save) hands them back to the server.
 *
 * Compared by content, not by reference, so a refetch returning the same settings changes nothing.
 */
export function useServerDraft<S, D>(
  server: S,
  toDraft: (server: S) => D,
): {
  draft: D;
  /** The user changed fields: they stop following the server. */
  edit: (patch: Partial<D>) => void;
  /** Fields changed for the user, not by them (the server switched something off): still following. */
  adjust: (patch: Partial<D>) => void;
  /** Follow the server again (after a save the server holds what the fields say). */
  follow: () => void;
} {
  const serverKey = JSON.stringify(server);
  const [seenKey, setSeenKey] = useState(serverKey);
  const [draft, setDraft] = useState(() => toDraft(server));
  const [touched, setTouched] = useState(false);
  const changed = serverKey !== seenKey;
  // Adjusting state while rendering (React's documented pattern for following a prop) re-renders at
  // once, before the browser paints the stale fields.
  if (changed) {
    setSeenKey(serverKey);
    if (!touched) setDraft(toDraft(server));
  }
  return {
    draft: changed && !touched ? toDraft(server) : draft,
    edit: (patch) => {
      setTouched(true);
      setDraft((current) => ({ ...current, ...patch }));
    },
    adjust: (patch) => setDraft((current) => ({ ...current, ...patch })),
    follow: () => setTouched(false),
  };
}
