import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { CloseWalletBody } from '../../shared/api/refunds';
import type { WalletView } from '../../shared/ipc-contract';
import { desktop } from '../bridge';
import { announce } from '../components/announcer';
import { Dialog } from '../components/Dialog';
import { FormMessage, SelectField, TextField } from '../components/Field';
import { formatAmount } from '../lib/format';
import { call, errorMessage, IpcError } from '../lib/ipc';
import { useFocusFieldError } from '../lib/use-focus-field-error';
import { stillOpenText } from './refund-words';
import { useTranslation } from 'react-i18next';
import { i18n } from '../i18n';

/** Pays a wallet's balance out and closes it (online, admins only). */
export function useCloseWallet() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CloseWalletBody & { walletId: string }) => call(desktop().walletsClose(input)),
    onSuccess: ({ wallet }) => {
      announce(() =>
        wallet.status === 'closed'
          ? i18n.t('wallet:announce.walletClosed')
          : i18n.t('wallet:announce.walletStaysOpen'),
      );
      void queryClient.invalidateQueries();
    },
  });
}

/**
 * Staff close a wallet: what is left on it goes back to the newest top-ups' sources first (the rest
 * paid out by hand), or all by hand; then a confirmation with the amount, then the API's answer.
 */
export function CloseWalletDialog({ wallet, onClose }: { wallet: WalletView; onClose: () => void }) {
  const { t } = useTranslation('wallet');

  const close = useCloseWallet();
  const [to, setTo] = useState<'original' | 'manual'>('original');
  const [destination, setDestination] = useState('');
  const [reference, setReference] = useState('');
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const [refusals, setRefusals] = useState(0);
  const formRef = useFocusFieldError(close.error, refusals);
  const balance = formatAmount(wallet.balance, wallet.currency);
  const needsPayout = to === 'manual';
  const missing = needsPayout && (destination.trim() === '' || reference.trim() === '');
  const field = close.error instanceof IpcError ? close.error.field : undefined;
  const result = close.data;

  const review = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (missing) {
      setRefusals((count) => count + 1);
      return;
    }
    setConfirming(true);
  };
  const send = () => {
    const payout = {
      ...(destination.trim() ? { destination: destination.trim() } : {}),
      ...(reference.trim() ? { reference: reference.trim() } : {}),
      ...(reason.trim() ? { reason: reason.trim() } : {}),
    };
    const refund: CloseWalletBody['refund'] =
      to === 'manual'
        ? {
            to,
            destination: destination.trim(),
            reference: reference.trim(),
            ...(payout.reason ? { reason: payout.reason } : {}),
          }
        : { to, ...payout };
    close.mutate(
      { walletId: wallet.id, refund },
      {
        onSuccess: ({ wallet: after }) => {
          if (after.status === 'closed') onClose();
          else setConfirming(false);
        },
        onError: () => setConfirming(false),
      },
    );
  };

  return (
    <Dialog open title={t('closeWallet')} description={t('paysWhatIsLeft')} onClose={onClose}>
      {confirming ? (
        <div>
          <p role="status">
            {to === 'original'
              ? t('confirmCloseToSources', { currency: wallet.currency, balance })
              : t('confirmCloseTo', { currency: wallet.currency, balance, destination: destination.trim() })}
          </p>
          <div className="button-row">
            <button type="button" className="button" onClick={() => setConfirming(false)}>
              {t('goBack')}
            </button>
            <button type="button" className="button button-danger" onClick={send} disabled={close.isPending}>
              {close.isPending ? t('closing') : t('closeAndPayOut', { balance })}
            </button>
          </div>
        </div>
      ) : (
        <form ref={formRef} onSubmit={review} noValidate>
          <p>{t('balanceToPayOut', { balance })}</p>
          <SelectField
            label={t('payTheBalanceOut')}
            value={to}
            onChange={(e) => setTo(e.target.value as 'original' | 'manual')}
          >
            <option value="original">{t('toTheOriginalPayment')}</option>
            <option value="manual">{t('byHandToAn')}</option>
          </SelectField>
          <TextField
            label={needsPayout ? t('paidOutTo') : t('restPaidOutTo')}
            value={destination}
            onChange={(e) => setDestination(e.target.value)}
            error={
              submitted && needsPayout && destination.trim() === ''
                ? t('error.destinationMissing')
                : field === 'refund.destination'
                  ? errorMessage(close.error)
                  : undefined
            }
          />
          <TextField
            label={t('payoutReference')}
            value={reference}
            onChange={(e) => setReference(e.target.value)}
            error={
              submitted && needsPayout && reference.trim() === ''
                ? t('error.referenceMissing')
                : field === 'refund.reference'
                  ? errorMessage(close.error)
                  : undefined
            }
          />
          <TextField label={t('reasonOptional')} value={reason} onChange={(e) => setReason(e.target.value)} />
          {close.isError && !field?.startsWith('refund.') && (
            <FormMessage tone="error">{errorMessage(close.error)}</FormMessage>
          )}
          {result && result.wallet.status !== 'closed' && (
            <FormMessage tone="error">{stillOpenText(result.refunds)}</FormMessage>
          )}
          <div className="button-row">
            <button type="button" className="button" onClick={onClose}>
              {t('cancel')}
            </button>
            <button type="submit" className="button button-danger">
              {t('reviewClosing')}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
