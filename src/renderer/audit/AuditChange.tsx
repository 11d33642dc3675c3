import type { ReactNode } from 'react';
import { Money } from '../components/Money';
import { RouteLink } from '../components/RouteLink';
import { CustomerLink } from '../customers/CustomerLink';
import { changedFields, isMoneyField, shownAmount, valueWords } from './audit-change';
import { useTranslation } from 'react-i18next';

/**
 * What an audit record changed, field by field: "Balance $97.50 → $96.68", "Amount −$0.82".
 * Amounts in the record's currency; lists and nested settings behind a Details toggle, whole.
 */
export function AuditChange({
  action,
  before,
  after,
  currency,
  walletId,
  at,
  customerName,
}: {
  /** The record's action: whether its amount moved a wallet, and which way. */
  action: string;
  before: unknown;
  after: unknown;
  currency: string | undefined;
  /** The wallet whose ledger row a `transactionId` names: the id then opens that row. */
  walletId: string | undefined;
  /** When the record (and so its ledger row) was written. */
  at: string;
  /** A customer's name by id, if the cache holds it: a `customerId` reads as that name. */
  customerName: (customerId: string) => string | undefined;
}) {
  const { t } = useTranslation('audit');
  const changes = changedFields(before, after);
  if (changes.length === 0) return <span className="muted">{t('none')}</span>;

  const value = (field: string, v: unknown): ReactNode => {
    if (v === undefined || v === null) return t('none');
    if (typeof v === 'boolean') return v ? t('yes') : t('no');
    if (typeof v === 'number' && currency && isMoneyField(field) && Number.isSafeInteger(v)) {
      const shown = shownAmount(action, field, v);
      return <Money amount={shown.amount} currency={currency} signed={shown.signed} />;
    }
    if (field === 'transactionId' && typeof v === 'string' && walletId)
      return (
        <RouteLink
          to={{ page: 'wallet', walletId, ledgerRow: { transactionId: v, day: at.slice(0, 10) } }}
          className="audit-id"
        >
          {v}
        </RouteLink>
      );
    if (field === 'customerId' && typeof v === 'string')
      return (
        <CustomerLink
          customerId={v}
          name={customerName(v)}
          fallback={<code className="audit-id">{v}</code>}
        />
      );
    if (typeof v === 'string') return valueWords(field, v);
    if (typeof v === 'object')
      return (
        <details className="audit-value">
          <summary>{t('details')}</summary>
          <pre>{JSON.stringify(v, null, 2)}</pre>
        </details>
      );
    return String(v);
  };

  return (
    <ul className="audit-change" aria-label={t('auditChangeOf')}>
      {changes.map(({ field, before: was, after: now }) => (
        <li key={field}>
          <span className="audit-field">{t(`field.${field}`, { defaultValue: field })}</span>{' '}
          {was !== undefined && (
            <>
              {value(field, was)}
              {' → '}
            </>
          )}
          {value(field, now)}
        </li>
      ))}
    </ul>
  );
}
