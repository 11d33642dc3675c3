import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { paymentProviders, type Payment, type PaymentProviderId } from '../../shared/api/payments';
import type { InvoiceView } from '../../shared/ipc-contract';
import type { Currency } from '../../shared/money';
import { announce } from '../components/announcer';
import { Dialog } from '../components/Dialog';
import { FormMessage, SelectField } from '../components/Field';
import { ConfirmActions } from '../components/FormActions';
import { usePermissions } from '../connection/queries';
import { i18n } from '../i18n';
import { formatAmount } from '../lib/format';
import { errorMessage } from '../lib/ipc';
import { walletName } from '../payments/payment-facts';
import { PROVIDER_LABELS } from '../payments/payment-labels';
import { topUpFee } from '../../shared/top-up-fee';
import { chosenRail, offeredRails, railOf } from '../top-up/crypto-rails';
import { feeLabel, gatewayWords } from '../top-up/method-choices';
import { topUpQueries } from '../top-up/queries';
import { walletQueries } from '../wallet/queries';
import { usePayByMethod, usePayFromWallet } from './mutations';
import { useTranslation } from 'react-i18next';

/**
 * Paying an open invoice: from the customer's wallet in its currency, once the payer has seen which
 * wallet and how much of the amount due it covers; or through a method the reseller offers in that
 * currency (the ones Top Up offers for the same wallet).
 */
export function InvoicePay({
  invoice,
  onCheckout,
}: {
  invoice: InvoiceView;
  onCheckout: (payment: Payment) => void;
}) {
  const { t } = useTranslation('invoices');
  const currency = invoice.currency as Currency;
  const money = (amount: number) => formatAmount(amount, currency);
  const wallets = useQuery(walletQueries.list(invoice.customerId));
  // A customer reads about its own wallets; staff about the customer's.
  const permissions = usePermissions();
  const wallet = wallets.data?.find((w) => w.currency === currency && w.status === 'active' && !w.pending);
  const options = useQuery({ ...topUpQueries.options(wallet?.id ?? ''), enabled: wallet !== undefined });
  // The reseller's methods for this wallet; every provider while they are not known (the API refuses
  // one it does not offer, and says so).
  const offered: Array<{ provider: PaymentProviderId; label: string }> =
    options.data?.methods.map((m) => ({ provider: m.provider, label: gatewayWords(m).label })) ??
    paymentProviders.map((provider) => ({ provider, label: PROVIDER_LABELS[provider] }));
  const [chosen, setChosen] = useState<PaymentProviderId | null>(null);
  const provider = offered.some((m) => m.provider === chosen) ? chosen : (offered[0]?.provider ?? null);
  // The coins the reseller takes in this currency (every coin while they are not known, like the
  // methods above); the first of them until one is chosen.
  const rails = offeredRails(options.data);
  const [railKey, setRailKey] = useState<string | null>(null);
  const rail = chosenRail(rails, railKey);
  const [confirming, setConfirming] = useState(false);
  const payWallet = usePayFromWallet();
  const payMethod = usePayByMethod();

  const due = invoice.amountDue;
  const covered = wallet ? Math.min(wallet.availableBalance, due) : 0;
  // What the payer pays by the chosen method, before pressing Pay: the fee is on top of the amount
  // due, by the rule the server applies (same function), as Top Up shows it.
  const method = options.data?.methods.find((m) => m.provider === provider);
  const fee = method ? topUpFee(due, method.feeBasisPoints) : 0;
  const totalId = useId();

  return (
    <section className="card stack" aria-labelledby="invoice-pay-title">
      <h2 id="invoice-pay-title">{t('pay')}</h2>
      {/* The wallet first, then any method: each on a row of its own, controls aligned on their base. */}
      <div className="inline-form invoice-pay-wallet">
        <button
          type="button"
          className="button button-primary"
          onClick={() => setConfirming(true)}
          disabled={payWallet.isPending || covered === 0}
        >
          {t('payFromWallet')}
        </button>
        {wallets.isSuccess && covered === 0 && (
          <p className="field-hint">
            {wallet
              ? t('walletHasNothing', { wallet: walletName(wallet) })
              : permissions.seesCustomers
                ? t('noWalletInCurrency', { currency })
                : t('youHaveNoWalletInCurrency', { currency })}
          </p>
        )}
      </div>
      {(payWallet.error ?? payMethod.error) && (
        <FormMessage tone="error">{errorMessage(payWallet.error ?? payMethod.error)}</FormMessage>
      )}
      <form
        className="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (!provider) return;
          payMethod.mutate(
            {
              invoiceId: invoice.id,
              provider,
              ...(provider === 'crypto' && rail ? { asset: railOf(rail) } : {}),
            },
            { onSuccess: onCheckout },
          );
        }}
      >
        <SelectField
          label={t('paymentMethod')}
          value={provider ?? ''}
          onChange={(e) => setChosen(e.target.value as PaymentProviderId)}
          disabled={offered.length === 0}
        >
          {offered.map((m) => (
            <option key={m.provider} value={m.provider}>
              {m.label}
            </option>
          ))}
        </SelectField>
        {provider === 'crypto' && (
          <SelectField label={t('coin')} value={rail?.key ?? ''} onChange={(e) => setRailKey(e.target.value)}>
            {rails.map((r) => (
              <option key={r.key} value={r.key}>
                {r.label}
              </option>
            ))}
          </SelectField>
        )}
        <button
          type="submit"
          className="button"
          disabled={payMethod.isPending || !provider}
          aria-describedby={method ? totalId : undefined}
        >
          {t('payByThisMethod')}
        </button>
        {offered.length === 0 && <p className="field-hint">{t('noMethodsOffered', { currency })}</p>}
      </form>
      {method && (
        <p id={totalId} className="field-hint" data-testid="invoice-method-total">
          {fee > 0
            ? t('methodTotal', {
                fee: feeLabel(method.feeBasisPoints),
                feeAmount: money(fee),
                total: money(due + fee),
                processingTime: gatewayWords(method).processingTime,
              })
            : t('methodTotalNoFee', {
                total: money(due),
                processingTime: gatewayWords(method).processingTime,
              })}
        </p>
      )}
      {wallet && (
        <Dialog
          open={confirming}
          title={t('payFromWalletQuestion')}
          description={
            covered === due
              ? t('walletPaysAll', {
                  amount: money(due),
                  wallet: walletName(wallet),
                  available: money(wallet.availableBalance),
                })
              : t('walletPaysPart', {
                  amount: money(covered),
                  wallet: walletName(wallet),
                  left: money(due - covered),
                })
          }
          onClose={() => setConfirming(false)}
        >
          <ConfirmActions
            backLabel={t('goBack')}
            confirmLabel={t('payAmount', { amount: money(covered) })}
            pending={payWallet.isPending}
            onBack={() => setConfirming(false)}
            onConfirm={() => {
              // Said as a toast: a wallet that pays the whole amount ends this section.
              const said = () =>
                i18n.t('invoices:paidFromWallet', {
                  amount: formatAmount(covered, currency),
                  wallet: walletName(wallet),
                });
              payWallet.mutate(invoice.id, {
                onSuccess: () => announce(said),
                onSettled: () => setConfirming(false),
              });
            }}
          />
        </Dialog>
      )}
    </section>
  );
}
