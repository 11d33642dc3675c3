import type { QueryClient } from '@tanstack/react-query';
import { desktop } from '../bridge';
import { useAnnouncer } from '../components/announcer';
import { sessionChanged } from '../connection/session-cache';
import { createTableInvalidator } from '../lib/tables';
import { notifySystem, usePaymentNotices } from '../payments/payment-notices';
import { syncQueries } from './queries';
import { useUi } from './ui-store';
import { notifyAlert, useAlertNotices } from '../alerts/alert-notices';
import { useHistoryExports } from '../wallet/export-store';

/**
 * Main's events drive the cache: a change to some tables refreshes the queries over them, and the
 * sync status and session arrive as they are, with no refetch.
 */
export function subscribeToDesktop(queryClient: QueryClient): () => void {
  const api = desktop();
  const invalidator = createTableInvalidator(queryClient);
  const unsubscribes = [
    invalidator.dispose,
    api.on('cache:tables-changed', ({ tables }) => invalidator.changed(tables)),
    api.on('sync:status-changed', (status) =>
      queryClient.setQueryData(syncQueries.status().queryKey, status),
    ),
    api.on('session:changed', (session) => sessionChanged(queryClient, session)),
    api.on('payments:status-changed', (notice) => {
      usePaymentNotices.getState().noticeArrived(notice);
      notifySystem(notice, () => {
        window.focus();
        useUi.getState().navigated({ page: 'payment', paymentId: notice.paymentId });
      });
    }),
    api.on('alerts:fired', (alert) => {
      useAlertNotices.getState().alertArrived(alert);
      notifyAlert(alert);
    }),
    api.on('exports:progress', (progress) => useHistoryExports.getState().progressArrived(progress)),
    api.on('outbox:confirmed', ({ itemIds }) => useAnnouncer.getState().confirmed(itemIds)),
    api.on('deep-link:opened', ({ paymentId }) => useUi.getState().navigated({ page: 'payment', paymentId })),
  ];
  return () => unsubscribes.forEach((unsubscribe) => unsubscribe());
}
