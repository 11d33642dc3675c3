import { create } from 'zustand';
import type { EventPayload } from '../../shared/ipc-contract';
import { i18n } from '../i18n';
import { formatAmount } from '../lib/format';
import { declineText } from '../top-up/decline-words';

type Notice = EventPayload<'payments:status-changed'>;

/** How long a "paid" toast stays once nobody is pointing at or tabbing through the toasts. */
export const PAID_NOTICE_MS = 15_000;

/**
 * Ends of top-ups, as main reported them, newest first. One that failed, was cancelled or expired
 * stays until dismissed (the payer was probably in the browser, and may need to act). A paid one
 * goes by itself after PAID_NOTICE_MS — it was covering the form's Pay button for good — but not
 * while the pointer or the focus is on the toasts (`held`): someone is reading or about to click.
 */
export const usePaymentNotices = create<{
  notices: Notice[];
  held: boolean;
  noticeArrived(notice: Notice): void;
  noticeDismissed(paymentId: string): void;
  noticesHeld(held: boolean): void;
}>()((set, get) => {
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const stopTimer = (paymentId: string) => {
    clearTimeout(timers.get(paymentId));
    timers.delete(paymentId);
  };
  const startTimers = () => {
    for (const n of get().notices) {
      if (n.status !== 'paid' || timers.has(n.paymentId)) continue;
      timers.set(
        n.paymentId,
        setTimeout(() => get().noticeDismissed(n.paymentId), PAID_NOTICE_MS),
      );
    }
  };
  return {
    notices: [],
    held: false,
    noticeArrived: (notice) => {
      stopTimer(notice.paymentId);
      set((state) => ({
        notices: [notice, ...state.notices.filter((n) => n.paymentId !== notice.paymentId)].slice(0, 3),
      }));
      if (!get().held) startTimers();
    },
    noticeDismissed: (paymentId) => {
      stopTimer(paymentId);
      set((state) => ({ notices: state.notices.filter((n) => n.paymentId !== paymentId) }));
    },
    noticesHeld: (held) => {
      set({ held });
      if (held) for (const paymentId of [...timers.keys()]) stopTimer(paymentId);
      else startTimers();
    },
  };
});

/**
 * The notice in the console's language (main's `message` is English, for an English system
 * notification with the server's reason): what became of the top-up, and the new balance once the
 * cached wallet includes it; one that ended without money says why, as the payment page does.
 */
export function noticeText(notice: Notice): string {
  const said = statusText(notice);
  const why = notice.status === 'paid' ? null : failureText(notice);
  return why ? `${said} ${why}` : said;
}

/**
 * Codes whose reason the notice's own sentence already says ("… was cancelled", "… expired before it
 * was paid"); main's desktop notification leaves out the same (main/notifications/failure-words.ts).
 */
const SAID_BY_STATUS: ReadonlySet<string> = new Set(['cancelled_before_paid', 'expired']);

/**
 * Why a payment ended without money, from its codes, in the payment page's words (the bank's reason
 * for a declined card where the console words its code); null when there is nothing more to say.
 */
function failureText(notice: Notice): string | null {
  const code = notice.failureCode;
  if (!code || SAID_BY_STATUS.has(code)) return null;
  const key = `top-up:ts.failure.${code}`;
  return (
    declineText({ failureCode: code, declineCode: notice.declineCode }) ??
    (i18n.exists(key) ? i18n.t(key) : null)
  );
}

function statusText(notice: Notice): string {
  const amount = formatAmount(notice.amount, notice.currency);
  if (notice.invoice) {
    const invoice = notice.invoice.number ?? notice.invoice.id;
    const known = ['paid', 'failed', 'cancelled', 'expired'].includes(notice.status);
    return i18n.t(`payments:invoiceNotice.${known ? notice.status : 'other'}`, { amount, invoice });
  }
  switch (notice.status) {
    case 'paid':
      return notice.balance === null
        ? i18n.t('top-up:topUpPaid', { amount })
        : i18n.t('top-up:topUpPaidNewBalance', {
            amount,
            balance: formatAmount(notice.balance, notice.currency),
          });
    case 'failed':
      return i18n.t('payments:notice.failed', { amount });
    case 'cancelled':
      return i18n.t('payments:notice.cancelled', { amount });
    case 'expired':
      return i18n.t('payments:notice.expired', { amount });
    default:
      return i18n.t('payments:notice.other', { amount });
  }
}

/**
 * In the browser host, a system notification through the Web Notification API when the user has
 * allowed it (Electron's main process shows its own, so the renderer does not there).
 */
export function notifySystem(notice: Notice, onClick: () => void): void {
  if (window.desktop || typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  try {
    const title = notice.invoice
      ? notice.status === 'paid'
        ? i18n.t('payments:notify.invoicePaid')
        : i18n.t('payments:notify.invoiceNotCompleted')
      : notice.status === 'paid'
        ? i18n.t('payments:notify.paid')
        : i18n.t('payments:notify.notCompleted');
    const notification = new Notification(title, {
      body: noticeText(notice),
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
