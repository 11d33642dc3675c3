import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { TopUpLink } from '../../shared/api/payments';
import type { WalletView } from '../../shared/ipc-contract';
import { Badge } from '../components/Badge';
import { CopyButton } from '../components/CopyButton';
import { FormMessage, SelectField, TextField } from '../components/Field';
import { QrCode } from '../components/QrCode';
import { EmptyState, ErrorState, LoadingState } from '../components/States';
import { checkAmount } from '../lib/amount-input';
import { asCurrency, formatAmount, formatDateTime } from '../lib/format';
import { errorMessage, fieldError } from '../lib/ipc';
import { paymentQueries } from '../payments/queries';
import { expiryAfter, LINK_EXPIRY_DAYS } from './expiry';
import { useCreateTopUpLink } from './mutations';
import './top-up-links.css';
import '../top-up/top-up.css';

/**
 * A customer's top-up links: a reseller admin creates one (wallet, optional amount, expiry) to
 * share as a URL or a QR code; support agents see the list.
 */
export function TopUpLinks({
  customerId,
  wallets,
  canCreate,
}: {
  customerId: string;
  wallets: readonly WalletView[];
  canCreate: boolean;
}) {
  const links = useQuery(paymentQueries.links(customerId));
  const usable = wallets.filter((w) => !w.pending && w.status === 'active');
  return (
    <section className="section" aria-labelledby="top-up-links-title">
      <div className="section-header">
        <h2 id="top-up-links-title" className="section-title">
          Top-up links
        </h2>
      </div>
      {canCreate && usable.length > 0 && <CreateLinkForm customerId={customerId} wallets={usable} />}
      {links.isPending ? (
        <LoadingState label="Loading top-up links…" compact />
      ) : links.isError ? (
        <ErrorState
          title="Could not load the top-up links"
          error={links.error}
          onRetry={() => void links.refetch()}
          compact
        />
      ) : links.data.length === 0 ? (
        <EmptyState title="No top-up links yet" />
      ) : (
        <ul className="link-list" aria-label="Top-up links">
          {links.data.map((link) => (
            <li key={link.id} className="card link-item" data-testid="top-up-link">
              <LinkSummary link={link} />
              <CopyButton value={link.url} label={`Copy the link ${link.url}`} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function LinkSummary({ link }: { link: TopUpLink }) {
  return (
    <div className="link-summary">
      <span>{link.amount === null ? 'Any amount' : formatAmount(link.amount, link.currency)}</span>
      <Badge tone={link.status === 'active' ? 'success' : 'neutral'}>
        {link.status === 'active' ? 'Active' : link.status === 'used' ? 'Used' : 'Expired'}
      </Badge>
      <span className="muted">
        Expires <time dateTime={link.expiresAt}>{formatDateTime(link.expiresAt)}</time>
      </span>
      <span className="mono break link-url">{link.url}</span>
    </div>
  );
}

function CreateLinkForm({ customerId, wallets }: { customerId: string; wallets: readonly WalletView[] }) {
  const [walletId, setWalletId] = useState(wallets[0]!.id);
  const [amount, setAmount] = useState('');
  const [days, setDays] = useState<number>(7);
  const create = useCreateTopUpLink(customerId);
  const wallet = wallets.find((w) => w.id === walletId) ?? wallets[0]!;
  const currency = asCurrency(wallet.currency) ?? 'USD';
  const check = amount.trim() === '' ? null : checkAmount(amount, currency, 'positive');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (check && !check.ok) return;
    create.mutate({
      customerId,
      walletId: wallet.id,
      ...(check?.ok ? { amount: check.value } : {}),
      expiresAt: expiryAfter(days),
    });
  };

  return (
    <div className="card link-create">
      <form className="inline-form link-form" onSubmit={submit} noValidate aria-label="Create top-up link">
        <SelectField label="Wallet" value={walletId} onChange={(event) => setWalletId(event.target.value)}>
          {wallets.map((w) => (
            <option key={w.id} value={w.id}>
              {w.currency} wallet
            </option>
          ))}
        </SelectField>
        <TextField
          label="Amount (optional)"
          inputMode="decimal"
          autoComplete="off"
          className="input input-amount"
          value={amount}
          onChange={(event) => setAmount(event.target.value)}
          error={check && !check.ok ? check.message : fieldError(create.error, 'amount')}
          hint={check?.ok ? `= ${formatAmount(check.value, currency)}` : 'Empty: the payer chooses.'}
        />
        <SelectField
          label="Expires after"
          value={String(days)}
          onChange={(event) => setDays(Number(event.target.value))}
        >
          {LINK_EXPIRY_DAYS.map((d) => (
            <option key={d} value={d}>
              {d === 1 ? '1 day' : `${d} days`}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create top-up link'}
        </button>
      </form>
      {create.isError && !fieldError(create.error, 'amount') && (
        <FormMessage tone="error">Could not create the link: {errorMessage(create.error)}</FormMessage>
      )}
      {create.data && (
        <div className="link-created" role="status" aria-label="New top-up link">
          <QrCode
            payload={create.data.url}
            alt={`QR code of the top-up link ${create.data.url}`}
            size={160}
          />
          <div className="link-created-text">
            <p>
              <strong>Link ready.</strong> Share it, or let the payer scan the code.
            </p>
            <div className="copy-row">
              <span className="mono break" data-testid="new-top-up-link">
                {create.data.url}
              </span>
              <CopyButton value={create.data.url} label="Copy link" />
            </div>
          </div>
        </div>
      )}
    </div>
  );
}
