import type { WalletView } from '../../shared/ipc-contract';
import { SelectField } from '../components/Field';

/** Chooses among several wallets; renders nothing when there is only one. */
export function WalletPicker({
  wallets,
  value,
  onChange,
  label = 'Wallet',
}: {
  wallets: readonly WalletView[];
  value: string | undefined;
  onChange: (walletId: string) => void;
  label?: string;
}) {
  if (wallets.length < 2) return null;
  return (
    <div className="wallet-picker">
      <SelectField label={label} value={value} onChange={(event) => onChange(event.target.value)}>
        {wallets.map((wallet) => (
          <option key={wallet.id} value={wallet.id}>
            {wallet.customerName} — {wallet.currency}
            {wallet.status === 'closed' ? ' (closed)' : ''}
            {wallet.pending ? ' (pending sync)' : ''}
          </option>
        ))}
      </SelectField>
    </div>
  );
}
