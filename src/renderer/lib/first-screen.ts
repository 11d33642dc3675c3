import type { QueryCacheNotifyEvent, QueryClient } from '@tanstack/react-query';

/** Runs `then` once the browser has painted what is rendered now (a frame, then a task after it). */
function afterPaint(then: () => void): void {
  requestAnimationFrame(() => setTimeout(then, 0));
}

/** A query got its data or its error. */
function settles(event: QueryCacheNotifyEvent): boolean {
  return event.type === 'updated' && (event.action.type === 'success' || event.action.type === 'error');
}

/**
 * Calls `report` once, when the first screen is shown: the queries it started have all settled
 * (their data, or their error, is on screen) and that frame is painted. Main holds back start-up
 * work the first screen does not need until then (main/session/first-screen.ts). A screen that
 * asks for more as it renders what came (the dashboard once the session is known) is waited for too.
 */
export function reportFirstScreen(client: QueryClient, report: () => void, painted = afterPaint): void {
  const queries = client.getQueryCache();
  let painting = false;
  const unsubscribe = queries.subscribe((event) => {
    if (painting || !settles(event) || client.isFetching() > 0) return;
    painting = true;
    painted(() => {
      painting = false;
      if (client.isFetching() > 0) return; // rendering it asked for more: wait for that to settle
      unsubscribe();
      report();
    });
  });
}
