import { Icon } from '../components/Icon';
import { RouteLink } from '../components/RouteLink';
import { usePaymentNotices } from './payment-notices';

/** Toasts for top-ups that ended: read out politely, kept until dismissed or opened. */
export function PaymentNotices() {
  const notices = usePaymentNotices((state) => state.notices);
  const dismissed = usePaymentNotices((state) => state.noticeDismissed);
  return (
    <div className="payment-notices" role="status" aria-live="polite">
      {notices.map((notice) => (
        <div
          key={notice.paymentId}
          className={`toast payment-notice payment-notice-${notice.status === 'paid' ? 'paid' : 'ended'}`}
          data-testid="payment-notice"
        >
          <span>{notice.message}</span>
          <RouteLink
            to={{ page: 'payment', paymentId: notice.paymentId }}
            className="payment-notice-link"
            onClick={() => dismissed(notice.paymentId)}
          >
            View
          </RouteLink>
          <button
            type="button"
            className="icon-button"
            aria-label="Dismiss payment notice"
            onClick={() => dismissed(notice.paymentId)}
          >
            <Icon name="close" size={16} />
          </button>
        </div>
      ))}
    </div>
  );
}
