import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { WalletView } from '../../shared/ipc-contract';
import { SelectField, TextField } from '../components/Field';
import { useDebouncedValue } from '../lib/use-debounced-value';
import { walletQueries, type WalletFilter } from './queries';
import { useTranslation } from 'react-i18next';

/**
 * Chooses a wallet among those `filter` allows, by customer name: all of them when they fit in one
 * list; beyond that (a reseller may have a hundred thousand) a search box finds the rest by
 * customer name, e-mail, reference or currency, and says how many more a narrower search reaches.
 * The chosen wallet is always offered. Without `emptyLabel` it renders nothing when there is only
 * one wallet to choose (a switcher); with it there is a "none chosen" option and it always shows.
 */
export function WalletPicker({
  value,
  onChange,
  label,
  filter,
  emptyLabel,
  error,
}: {
  value: string | undefined;
  onChange: (walletId: string) => void;
  label?: string;
  filter?: Omit<WalletFilter, 'query'>;
  emptyLabel?: string;
  error?: string | undefined;
}) {
  const { t } = useTranslation('wallet');

  const [query, setQuery] = useState('');
  const debounced = useDebouncedValue(query, 200);
  const everyone = useQuery(walletQueries.search({ ...filter, query: '' }));
  const found = useQuery(walletQueries.search({ ...filter, query: debounced }));
  const chosen = useQuery({
    ...walletQueries.detail(value ?? ''),
    enabled: value !== undefined && value !== '',
  });

  const total = everyone.data?.total ?? 0;
  if (emptyLabel === undefined && total < 2) return null;
  const wallets = found.data?.items ?? [];
  const more = Math.max(0, (found.data?.total ?? 0) - wallets.length);
  const searchable = total > (everyone.data?.items.length ?? 0);
  const missing = chosen.data && !wallets.some((w) => w.id === chosen.data?.id) ? chosen.data : null;
  return (
    <div className="wallet-picker">
      {searchable && (
        <TextField
          label={t('findWallet')}
          type="search"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          hint={more > 0 ? t('moreWallets', { count: more }) : t('customerOrCurrency')}
        />
      )}
      <SelectField
        label={label ?? t('wallet')}
        value={value ?? ''}
        onChange={(event) => onChange(event.target.value)}
        error={error}
      >
        {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
        {missing && <WalletOption wallet={missing} />}
        {wallets.map((wallet) => (
          <WalletOption key={wallet.id} wallet={wallet} />
        ))}
      </SelectField>
    </div>
  );
}

function WalletOption({ wallet }: { wallet: WalletView }) {
  const { t } = useTranslation('wallet');
  return (
    <option value={wallet.id}>
      {wallet.customerName} — {wallet.currency}
      {wallet.status === 'closed' ? t('closed2') : ''}
      {wallet.pending ? t('pendingSync') : ''}
    </option>
  );
}
