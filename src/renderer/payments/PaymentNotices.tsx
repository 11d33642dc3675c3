import { Icon } from '../components/Icon';
import { RouteLink } from '../components/RouteLink';
import { noticeText, usePaymentNotices } from './payment-notices';
import { useTranslation } from 'react-i18next';

/** Toasts for top-ups that ended, read out politely (payment-notices.ts says how long each stays). */
export function PaymentNotices() {
  const { t } = useTranslation('payments');

  const notices = usePaymentNotices((state) => state.notices);
  const dismissed = usePaymentNotices((state) => state.noticeDismissed);
  const held = usePaymentNotices((state) => state.noticesHeld);
  return (
    <div
      className="payment-notices"
      role="status"
      aria-live="polite"
      onPointerEnter={() => held(true)}
      onPointerLeave={() => held(false)}
      onFocus={() => held(true)}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget)) held(false);
      }}
    >
      {notices.map((notice) => (
        <div
          key={notice.paymentId}
          className={`toast payment-notice payment-notice-${notice.status === 'paid' ? 'paid' : 'ended'}`}
          data-testid="payment-notice"
        >
          <span>{noticeText(notice)}</span>
          <RouteLink
            to={{ page: 'payment', paymentId: notice.paymentId }}
            className="payment-notice-link"
            onClick={() => dismissed(notice.paymentId)}
          >
            {t('view')}
          </RouteLink>
          <button
            type="button"
            className="icon-button"
            aria-label={t('dismissPaymentNotice')}
            onClick={() => dismissed(notice.paymentId)}
          >
            <Icon name="close" size={16} />
          </button>
        </div>
      ))}
    </div>
  );
}
