import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { InvoiceView } from '../../shared/ipc-contract';
import { Dialog } from '../components/Dialog';
import { ConfirmActions } from '../components/FormActions';
import { formatAmount } from '../lib/format';
import { walletName } from '../payments/payment-facts';
import { walletQueries } from '../wallet/queries';

/**
 * "Void this invoice?": what was paid on it (net of refunds) goes back first, as one refund to the
 * customer's wallet in the invoice's currency (the API's void.ts). The dialog says how much, in that
 * currency, and to which wallet, before staff confirm.
 */
export function VoidInvoiceDialog({
  invoice,
  open,
  pending,
  onConfirm,
  onClose,
}: {
  invoice: InvoiceView;
  open: boolean;
  pending: boolean;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation('invoices');
  const wallets = useQuery({ ...walletQueries.list(invoice.customerId), enabled: open });
  // Minor units, as the server computes the refund: amount paid less what was already given back.
  const refund = invoice.amountPaid - invoice.amountRefunded;
  const inCurrency = wallets.data?.filter((w) => w.currency === invoice.currency) ?? [];
  // The server refunds to the customer's wallet in the invoice's currency (it refuses a closed one).
  const wallet = inCurrency.find((w) => w.status === 'active') ?? inCurrency[0];
  const description =
    refund > 0
      ? t('voidRefundsTo', {
          amount: formatAmount(refund, invoice.currency),
          wallet: wallet ? walletName(wallet) : t('common:currencyWallet', { currency: invoice.currency }),
        })
      : t('nothingWasPaidIt');
  return (
    <Dialog open={open} title={t('voidThisInvoice')} description={description} onClose={onClose}>
      <ConfirmActions
        danger
        backLabel={t('goBack')}
        confirmLabel={t('void')}
        pending={pending}
        onBack={onClose}
        onConfirm={onConfirm}
      />
    </Dialog>
  );
}
