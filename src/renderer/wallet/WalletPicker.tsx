import type { WalletView } from '../../shared/ipc-contract';
import { SelectField } from '../components/Field';
import { useTranslation } from 'react-i18next';

/** Chooses among several wallets; renders nothing when there is only one. */
export function WalletPicker({
  wallets,
  value,
  onChange,
  label,
}: {
  wallets: readonly WalletView[];
  value: string | undefined;
  onChange: (walletId: string) => void;
  label?: string;
}) {
  const { t } = useTranslation('wallet');

  if (wallets.length < 2) return null;
  return (
    <div className="wallet-picker">
      <SelectField
        label={label ?? t('wallet')}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      >
        {wallets.map((wallet) => (
          <option key={wallet.id} value={wallet.id}>
            {wallet.customerName} — {wallet.currency}
            {wallet.status === 'closed' ? t('closed2') : ''}
            {wallet.pending ? t('pendingSync') : ''}
          </option>
        ))}
      </SelectField>
    </div>
  );
}
