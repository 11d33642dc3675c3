import { create } from 'zustand';
import type { EventPayload } from '../../shared/ipc-contract';
import { i18n } from '../i18n';

type Notice = EventPayload<'payments:status-changed'>;

/**
 * Ends of top-ups, as main reported them: each shows as an in-app toast until dismissed (the payer
 * was probably in the browser when it happened), newest first.
 */
export const usePaymentNotices = create<{
  notices: Notice[];
  noticeArrived(notice: Notice): void;
  noticeDismissed(paymentId: string): void;
}>()((set) => ({
  notices: [],
  noticeArrived: (notice) =>
    set((state) => ({
      notices: [notice, ...state.notices.filter((n) => n.paymentId !== notice.paymentId)].slice(0, 3),
    })),
  noticeDismissed: (paymentId) =>
    set((state) => ({ notices: state.notices.filter((n) => n.paymentId !== paymentId) })),
}));

/**
 * In the browser host, a system notification through the Web Notification API when the user has
 * allowed it (Electron's main process shows its own, so the renderer does not there).
 */
export function notifySystem(notice: Notice, onClick: () => void): void {
  if (window.desktop || typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  try {
    const title =
      notice.status === 'paid' ? i18n.t('payments:notify.paid') : i18n.t('payments:notify.notCompleted');
    const notification = new Notification(title, {
      body: notice.message,
      tag: notice.paymentId,
    });
    notification.onclick = onClick;
  } catch {
    // Some browsers allow notifications only from a service worker: the in-app toast still shows.
  }
}

/** Asks for notification permission once, when someone starts a top-up (a moment they expect it). */
export function askForNotifications(): void {
  if (window.desktop || typeof Notification === 'undefined' || Notification.permission !== 'default') return;
  void Notification.requestPermission().catch(() => undefined);
}
