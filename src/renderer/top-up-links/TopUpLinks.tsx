import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { TopUpLink } from '../../shared/api/payments';
import type { WalletView } from '../../shared/ipc-contract';
import { Badge } from '../components/Badge';
import { CopyButton } from '../components/CopyButton';
import { Dialog } from '../components/Dialog';
import { FormMessage, SelectField, TextField } from '../components/Field';
import { ConfirmActions } from '../components/FormActions';
import { QrCode } from '../components/QrCode';
import { EmptyState, ErrorState, LoadingState } from '../components/States';
import { checkAmount } from '../lib/amount-input';
import { asCurrency, formatAmount, formatDateTime } from '../lib/format';
import { errorMessage, fieldError } from '../lib/ipc';
import { paymentQueries } from '../payments/queries';
import { expiryAfter, LINK_EXPIRY_DAYS } from './expiry';
import { useCreateTopUpLink, useRevokeTopUpLink } from './mutations';
import './top-up-links.css';
import '../top-up/top-up.css';
import { useTranslation } from 'react-i18next';

/**
 * A customer's top-up links: a reseller admin creates one (wallet, optional amount, expiry) to
 * share as a URL or a QR code, and revokes an active one; support agents see the list.
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
  const { t } = useTranslation('top-up-links');

  const links = useQuery(paymentQueries.links(customerId));
  const revoke = useRevokeTopUpLink(customerId);
  const [revoking, setRevoking] = useState<TopUpLink | null>(null);
  const usable = wallets.filter((w) => !w.pending && w.status === 'active');
  return (
    <section className="section" aria-labelledby="top-up-links-title">
      <div className="section-header">
        <h2 id="top-up-links-title" className="section-title">
          {t('topUpLinks')}
        </h2>
      </div>
      {canCreate && usable.length > 0 && <CreateLinkForm customerId={customerId} wallets={usable} />}
      {revoke.isError && (
        <FormMessage tone="error">
          {t('couldNotRevokeThe', { value: errorMessage(revoke.error) })}
        </FormMessage>
      )}
      {links.isPending ? (
        <LoadingState label={t('loadingTopUpLinks')} compact />
      ) : links.isError ? (
        <ErrorState
          title={t('couldNotLoadThe')}
          error={links.error}
          onRetry={() => void links.refetch()}
          compact
        />
      ) : links.data.length === 0 ? (
        <EmptyState title={t('noTopUpLinks')} />
      ) : (
        <ul className="link-list" aria-label={t('topUpLinks')}>
          {links.data.map((link) => (
            <li key={link.id} className="card link-item" data-testid="top-up-link">
              <LinkSummary link={link} />
              <span className="button-row">
                <CopyButton value={link.url} label={t('copyTheLink', { url: link.url })} />
                {canCreate && link.status === 'active' && (
                  // Its name is its visible text; the dialog it opens names the link.
                  <button
                    type="button"
                    className="button button-sm button-danger-ghost"
                    onClick={() => {
                      revoke.reset();
                      setRevoking(link);
                    }}
                  >
                    {t('revoke')}
                  </button>
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
      <Dialog
        open={revoking !== null}
        title={t('revokeThisLink')}
        description={t('revokeExplained')}
        onClose={() => setRevoking(null)}
      >
        {revoking && <p className="mono break link-url">{revoking.url}</p>}
        <ConfirmActions
          danger
          backLabel={t('keepTheLink')}
          confirmLabel={revoke.isPending ? t('revoking') : t('revokeLink')}
          pending={revoke.isPending}
          onBack={() => setRevoking(null)}
          onConfirm={() =>
            revoking && revoke.mutate({ linkId: revoking.id }, { onSettled: () => setRevoking(null) })
          }
        />
      </Dialog>
    </section>
  );
}

const LINK_STATUS = {
  active: 'active',
  used: 'used',
  expired: 'expired',
  revoked: 'revoked',
} as const satisfies Record<TopUpLink['status'], string>;

function LinkSummary({ link }: { link: TopUpLink }) {
  const { t } = useTranslation('top-up-links');

  return (
    <div className="link-summary">
      <span>{link.amount === null ? t('anyAmount') : formatAmount(link.amount, link.currency)}</span>
      <Badge tone={link.status === 'active' ? 'success' : 'neutral'}>{t(LINK_STATUS[link.status])}</Badge>
      {link.revokedAt ? (
        <span className="muted">
          {t('revokedAt')} <time dateTime={link.revokedAt}>{formatDateTime(link.revokedAt)}</time>
        </span>
      ) : (
        <span className="muted">
          {t('expires')} <time dateTime={link.expiresAt}>{formatDateTime(link.expiresAt)}</time>
        </span>
      )}
      <span className="mono break link-url">{link.url}</span>
    </div>
  );
}

function CreateLinkForm({ customerId, wallets }: { customerId: string; wallets: readonly WalletView[] }) {
  const { t } = useTranslation('top-up-links');

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
      <form className="inline-form link-form" onSubmit={submit} noValidate aria-label={t('createTopUpLink')}>
        <SelectField
          label={t('wallet2')}
          value={walletId}
          onChange={(event) => setWalletId(event.target.value)}
        >
          {wallets.map((w) => (
            <option key={w.id} value={w.id}>
              {t('wallet', { currency: w.currency })}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('amountOptional')}
          inputMode="decimal"
          autoComplete="off"
          className="input input-amount"
          value={amount}
          onChange={(event) => setAmount(event.target.value)}
          error={check && !check.ok ? check.message : fieldError(create.error, 'amount', { currency })}
          hint={check?.ok ? `= ${formatAmount(check.value, currency)}` : t('emptyThePayerChooses')}
        />
        <SelectField
          label={t('expiresAfter')}
          value={String(days)}
          onChange={(event) => setDays(Number(event.target.value))}
        >
          {LINK_EXPIRY_DAYS.map((d) => (
            <option key={d} value={d}>
              {d === 1 ? t('n1Day') : t('days', { d })}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          {create.isPending ? t('creating') : t('createTopUpLink')}
        </button>
      </form>
      {create.isError && !fieldError(create.error, 'amount') && (
        <FormMessage tone="error">
          {t('couldNotCreateThe', { value: errorMessage(create.error) })}
        </FormMessage>
      )}
      {create.data && (
        <div className="link-created" role="status" aria-label={t('newTopUpLink')}>
          <QrCode payload={create.data.url} alt={t('qrCodeOfThe', { url: create.data.url })} size={160} />
          <div className="link-created-text">
            <p>
              <strong>{t('linkReady')}</strong> {t('shareItOrLet')}
            </p>
            <div className="copy-row">
              <span className="mono break" data-testid="new-top-up-link">
                {create.data.url}
              </span>
              <CopyButton value={create.data.url} label={t('copyLink')} />
            </div>
          </div>
        </div>
      )}
    </div>
  );
}
