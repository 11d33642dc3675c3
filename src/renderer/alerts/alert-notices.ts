import { translatedLabels } from '../i18n';
import { create } from 'zustand';
import type { WalletAlert } from '../../shared/api/alerts';
import { alertText } from './alert-words';

export const ALERT_TITLES = translatedLabels<WalletAlert['type']>('alerts', 'alertTitle', [
  'wallet.balance_low',
  'wallet.balance_recovered',
  'wallet.auto_top_up_failed',
]);

/** Alerts that arrived while the console was open: each shows as a banner until dismissed. */
export const useAlertNotices = create<{
  alerts: WalletAlert[];
  alertArrived(alert: WalletAlert): void;
  alertDismissed(id: string): void;
}>()((set) => ({
  alerts: [],
  alertArrived: (alert) =>
    set((state) => ({ alerts: [alert, ...state.alerts.filter((a) => a.id !== alert.id)].slice(0, 3) })),
  alertDismissed: (id) => set((state) => ({ alerts: state.alerts.filter((a) => a.id !== id) })),
}));

/**
 * In the browser host, a system notification through the Web Notification API when allowed
 * (Electron's main process shows its own `Notification`); the in-app banner shows either way.
 */
export function notifyAlert(alert: WalletAlert): void {
  if (window.desktop || typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  try {
    new Notification(ALERT_TITLES[alert.type], { body: alertText(alert), tag: alert.id });
  } catch {
    // Some browsers allow notifications only from a service worker: the banner still shows.
  }
}
