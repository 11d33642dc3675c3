import type { AuditRecord } from '../../shared/api/audit';
import type { WalletView } from '../../shared/ipc-contract';
import { RouteLink } from '../components/RouteLink';
import { CustomerLink } from '../customers/CustomerLink';
import { walletName } from '../payments/payment-facts';
import { useTranslation } from 'react-i18next';

/**
 * What an audit record is about, as a person knows it: a wallet by its customer and currency, a
 * customer by name, each linked to its page (a payment or invoice too); anything else by its kind
 * and id, which the Entity id filter takes.
 */
export function AuditEntity({
  record,
  wallet,
  customerName,
  invoiceNumber,
}: {
  record: AuditRecord;
  wallet: WalletView | undefined;
  /** For a record about a customer: its name, if the cache holds it. */
  customerName: string | undefined;
  /** For a record about an invoice: its number, as the record states it or the cache knows it. */
  invoiceNumber: string | undefined;
}) {
  const { t } = useTranslation('audit');
  const kind = t(`entity.${record.entityType}`, { defaultValue: record.entityType });
  const id = <code className="audit-id">{record.entityId}</code>;
  switch (record.entityType) {
    case 'wallet':
      return wallet ? (
        <RouteLink to={{ page: 'wallet', walletId: record.entityId }}>{walletName(wallet)}</RouteLink>
      ) : (
        <>
          {kind} {id}
        </>
      );
    case 'customer':
      return (
        <CustomerLink
          customerId={record.entityId}
          name={customerName}
          fallback={
            <>
              {kind} {id}
            </>
          }
        />
      );
    case 'payment':
      return (
        <RouteLink to={{ page: 'payment', paymentId: record.entityId }}>
          {kind} {id}
        </RouteLink>
      );
    case 'invoice':
      return (
        <RouteLink to={{ page: 'invoice', invoiceId: record.entityId }}>
          {invoiceNumber ? (
            t('invoiceNumber', { number: invoiceNumber })
          ) : (
            <>
              {kind} {id}
            </>
          )}
        </RouteLink>
      );
    default:
      return (
        <>
          {kind} {id}
        </>
      );
  }
}
