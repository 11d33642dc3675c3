import { useState } from 'react';
import type { WalletView } from '../../shared/ipc-contract';
import { Dialog } from '../components/Dialog';
import { Icon } from '../components/Icon';
import { asCurrency } from '../lib/format';
import { CloseWalletDialog } from '../wallet/CloseWalletDialog';
import { MovementForm } from './MovementForm';
import { useTranslation } from 'react-i18next';

/**
 * A reseller admin's money actions on one wallet; the caller shows them only to writers. "Add
 * credit" is the merchant's own credit of a wallet (no payment), named apart from "Top Up", which
 * pays through a gateway.
 */
export function WalletActions({ wallet }: { wallet: WalletView }) {
  const { t } = useTranslation('customers');

  const [open, setOpen] = useState<'credit' | 'adjust' | 'close' | null>(null);
  const currency = asCurrency(wallet.currency);
  if (!currency || wallet.status === 'closed') return null;
  const close = () => setOpen(null);
  const where = t('walletOfCustomer', { customer: wallet.customerName, currency: wallet.currency });
  return (
    <div className="button-row">
      <button type="button" className="button button-primary" onClick={() => setOpen('credit')}>
        <Icon name="plus" size={16} />
        {t('addCredit')}
      </button>
      <button type="button" className="button" onClick={() => setOpen('adjust')}>
        {t('adjust')}
      </button>
      {!wallet.pending && (
        <button type="button" className="button button-danger-ghost" onClick={() => setOpen('close')}>
          {t('closeWallet')}
        </button>
      )}
      {open === 'close' && <CloseWalletDialog wallet={wallet} onClose={close} />}
      <Dialog
        open={open === 'credit'}
        title={t('addCredit')}
        description={t('aMerchantCreditAdds', { where })}
        onClose={close}
      >
        <MovementForm kind="credit" wallet={wallet} currency={currency} onDone={close} />
      </Dialog>
      <Dialog
        open={open === 'adjust'}
        title={t('adjustBalance')}
        description={t('correctsByAPositive', { where })}
        onClose={close}
      >
        <MovementForm kind="adjust" wallet={wallet} currency={currency} onDone={close} />
      </Dialog>
    </div>
  );
}
