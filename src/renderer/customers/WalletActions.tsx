import { useState } from 'react';
import type { WalletView } from '../../shared/ipc-contract';
import { Dialog } from '../components/Dialog';
import { Icon } from '../components/Icon';
import { asCurrency } from '../lib/format';
import { CloseWalletDialog } from '../wallet/CloseWalletDialog';
import { MovementForm } from './MovementForm';

/**
 * A reseller admin's money actions on one wallet; the caller shows them only to writers. "Add
 * credit" is the merchant's own credit of a wallet (no payment), named apart from "Top Up", which
 * pays through a gateway.
 */
export function WalletActions({ wallet }: { wallet: WalletView }) {
  const [open, setOpen] = useState<'credit' | 'adjust' | 'close' | null>(null);
  const currency = asCurrency(wallet.currency);
  if (!currency || wallet.status === 'closed') return null;
  const close = () => setOpen(null);
  const where = `${wallet.customerName}'s ${wallet.currency} wallet`;
  return (
    <div className="button-row">
      <button type="button" className="button button-primary" onClick={() => setOpen('credit')}>
        <Icon name="plus" size={16} />
        Add credit
      </button>
      <button type="button" className="button" onClick={() => setOpen('adjust')}>
        Adjust
      </button>
      {!wallet.pending && (
        <button type="button" className="button button-danger-ghost" onClick={() => setOpen('close')}>
          Close wallet
        </button>
      )}
      {open === 'close' && <CloseWalletDialog wallet={wallet} onClose={close} />}
      <Dialog
        open={open === 'credit'}
        title="Add credit"
        description={`A merchant credit: adds to ${where} without a payment. It is queued now and applied when the server confirms it.`}
        onClose={close}
      >
        <MovementForm kind="credit" wallet={wallet} currency={currency} onDone={close} />
      </Dialog>
      <Dialog
        open={open === 'adjust'}
        title="Adjust balance"
        description={`Corrects ${where} by a positive or negative amount. It is queued now and applied when the server confirms it.`}
        onClose={close}
      >
        <MovementForm kind="adjust" wallet={wallet} currency={currency} onDone={close} />
      </Dialog>
    </div>
  );
}
