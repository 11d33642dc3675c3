import { useQuery } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import type { TopUpOptions } from '../../shared/api/payments';
import type { QueuedItem } from '../../shared/ipc-contract';
import type { Currency } from '../../shared/money';
import { topUpFee } from '../../shared/top-up-fee';
import { FormMessage, SelectField, TextField } from '../components/Field';
import { Dialog } from '../components/Dialog';
import { AddPayerForm } from '../payers/AddPayerForm';
import { TestModeNote } from '../components/TestMode';
import { amountText } from '../lib/amount-input';
import { formatAmount } from '../lib/format';
import { errorMessage, fieldError, isFieldError } from '../lib/ipc';
import { checkTopUpAmount } from './amount-limits';
import { MethodList } from './MethodList';
import { chosenRail, offeredRails, railOf } from './crypto-rails';
import { initialChoice, initialPayer, methodChoices, saveMethodOffer } from './method-choices';
import { useStartTopUp } from './mutations';
import { useTopUpByInvoice } from '../invoices/mutations';
import { useKeptAmount, useKeptOverLanguageSwitch } from '../shell/kept-over-language-switch';
import { useUi } from '../shell/ui-store';
import { askForNotifications } from '../payments/payment-notices';
import { walletQueries } from '../wallet/queries';
import { Trans, useTranslation } from 'react-i18next';

/**
 * Amount (typed or a preset, checked against the reseller's limits as it is typed), payer,
 * method and its options. Submitting queues the top-up; `onStarted` gets the queued item.
 */
export function TopUpForm({
  walletId,
  options,
  onStarted,
}: {
  walletId: string;
  options: TopUpOptions & { offline: boolean };
  onStarted: (item: QueuedItem<'payment.create'>) => void;
}) {
  const { t } = useTranslation('top-up');

  const currency = options.limits.currency as Currency;
  // Drawn again after a language switch: what was typed and chosen, carried over; gone once the
  // form leaves the screen any other way (the top-up started, another page or wallet).
  const kept = `top-up:${walletId}`;
  const [amount, setAmount] = useKeptAmount(`${kept}:amount`, currency);
  const [chosenPayer, setPayerId] = useKeptOverLanguageSwitch<string | null>(
    `${kept}:payer`,
    initialPayer(options),
  );
  // The form may open on options read before a payer was added (a cached answer, refetched once
  // shown): a choice that is not among the payers now falls back to the default one.
  const payerId = options.payers.some((p) => p.id === chosenPayer) ? chosenPayer : initialPayer(options);
  const choices = methodChoices(options, payerId);
  const [choiceKey, setChoiceKey] = useKeptOverLanguageSwitch<string | null>(
    `${kept}:method`,
    initialChoice(choices),
  );
  const [railKey, setRailKey] = useKeptOverLanguageSwitch<string | null>(`${kept}:rail`, null);
  const [saveMethod, setSaveMethod] = useKeptOverLanguageSwitch(`${kept}:save-method`, false);
  const [submitted, setSubmitted] = useState(false);
  const start = useStartTopUp();
  const byInvoice = useTopUpByInvoice();
  const navigated = useUi((state) => state.navigated);
  // A payer is added right here, in a dialog: the amount and method typed so far stay as they are.
  const wallet = useQuery(walletQueries.detail(walletId));
  const [addingPayer, setAddingPayer] = useState(false);
  const presetsId = useId();

  const check = checkTopUpAmount(amount, options.limits);
  const choice = choices.find((c) => c.key === choiceKey) ?? null;
  // Only the coins the reseller takes in this currency; the first of them until one is chosen.
  const rails = offeredRails(options);
  const rail = chosenRail(rails, railKey);
  const showAmountError = !check.ok && (submitted || amount.trim() !== '');
  // The fee is paid on top of the amount, by the rule the server applies (same function): shown
  // before paying; the payment then carries the server's own fee and total.
  const feeBasisPoints = choice
    ? (options.methods.find((m) => m.provider === choice.provider)?.feeBasisPoints ?? 0)
    : 0;
  const fee = check.ok ? topUpFee(check.value, feeBasisPoints) : 0;
  const total = check.ok ? check.value + fee : 0;

  const changePayer = (id: string) => {
    setPayerId(id);
    // The methods are the payer's own: start again from that payer's default.
    setChoiceKey(initialChoice(methodChoices(options, id)));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (!check.ok) {
      // The message is under the amount: take the person there, not leave them on the button.
      (event.currentTarget as HTMLFormElement).querySelector<HTMLInputElement>('.input-amount')?.focus();
      return;
    }
    if (!choice) return;
    if (choice.kind === 'invoice') {
      // The invoice page shows the bank details and the reference to pay it with.
      byInvoice.mutate(
        { walletId, amount: check.value },
        { onSuccess: (invoice) => navigated({ page: 'invoice', invoiceId: invoice.id }) },
      );
      return;
    }
    askForNotifications();
    start.mutate(
      {
        walletId,
        amount: check.value,
        provider: choice.provider,
        ...(payerId ? { payerId } : {}),
        ...(choice.kind === 'saved' ? { savedMethodId: choice.savedMethodId } : {}),
        ...(saveMethod && saveMethodOffer(choice, payerId) === 'offer' ? { saveMethod: true } : {}),
        ...(choice.provider === 'crypto' && rail ? { asset: railOf(rail) } : {}),
      },
      { onSuccess: onStarted },
    );
  };

  const limitsHint = t('limitsHint', {
    min: formatAmount(options.limits.minAmount, currency),
    max: formatAmount(options.limits.maxAmount, currency),
  });

  return (
    <>
      <form className="form top-up-form" onSubmit={submit} noValidate aria-label={t('topUp')}>
        {options.offline && (
          <p className="form-message form-message-warning" role="note">
            {t('theConsoleIsOffline')}
          </p>
        )}
        <TextField
          label={t('amount')}
          inputMode="decimal"
          autoComplete="off"
          spellCheck={false}
          className="input input-amount"
          value={amount}
          onChange={(event) => setAmount(event.target.value)}
          error={
            showAmountError && !check.ok ? check.message : fieldError(start.error, 'amount', { currency })
          }
          hint={
            check.ok
              ? `= ${formatAmount(check.value, currency)}. ${limitsHint}`
              : t('in', { currency, limitsHint })
          }
        />
        {options.limits.presets.length > 0 && (
          <div className="presets" role="group" aria-labelledby={presetsId}>
            <span id={presetsId} className="presets-label">
              {t('presetAmounts')}
            </span>
            {options.limits.presets.map((preset) => {
              const text = amountText(preset, currency);
              return (
                <button
                  key={preset}
                  type="button"
                  className="button button-sm preset"
                  aria-pressed={check.ok && check.value === preset}
                  onClick={() => setAmount(text)}
                >
                  {formatAmount(preset, currency)}
                </button>
              );
            })}
          </div>
        )}
        {options.payers.length > 0 && (
          <SelectField
            label={t('payer')}
            value={payerId ?? ''}
            onChange={(event) => changePayer(event.target.value)}
            hint={t('savedMethodsBelongTo')}
          >
            {options.payers.map((payer) => (
              <option key={payer.id} value={payer.id}>
                {payer.name}
                {payer.email ? ` (${payer.email})` : ''}
              </option>
            ))}
          </SelectField>
        )}
        <MethodList
          choices={choices}
          value={choiceKey}
          onChange={setChoiceKey}
          error={submitted && !choice ? t('error.methodMissing') : fieldError(start.error, 'provider')}
        />
        {choice?.provider === 'sandbox' && (
          <TestModeNote testId="test-mode-banner">{t('thisMethodIsThe')}</TestModeNote>
        )}
        {choice?.provider === 'crypto' && (
          <SelectField
            label={t('coinAndNetwork')}
            value={rail?.key ?? ''}
            onChange={(event) => setRailKey(event.target.value)}
            hint={t('payFromAWallet')}
          >
            {rails.map((r) => (
              <option key={r.key} value={r.key}>
                {r.label}
              </option>
            ))}
          </SelectField>
        )}
        {saveMethodOffer(choice, payerId) === 'needs_payer' && (
          <p className="muted" data-testid="save-method-needs-payer">
            {t('toSaveThisMethod')}{' '}
            {wallet.data && (
              <button type="button" className="button-link" onClick={() => setAddingPayer(true)}>
                {t('addAPayer')}
              </button>
            )}
          </p>
        )}
        {saveMethodOffer(choice, payerId) === 'offer' && (
          <label className="checkbox">
            <input
              type="checkbox"
              checked={saveMethod}
              onChange={(event) => setSaveMethod(event.target.checked)}
            />
            <Trans
              t={t}
              i18nKey="saveThisMethodForLater"
              components={{ muted: <span className="muted" /> }}
            />
          </label>
        )}
        {start.isError && !isFieldError(start.error, ['amount', 'provider']) && (
          <FormMessage tone="error">
            {t('couldNotStartThe', { value: errorMessage(start.error) })}
          </FormMessage>
        )}
        {choice?.kind === 'invoice' && (
          <p className="muted" data-testid="invoice-method-note">
            {t('youGetAnInvoice')}
            {choice.bankDetails ? t('bankDetails', { bankDetails: choice.bankDetails }) : ''}
          </p>
        )}
        {byInvoice.isError && (
          <FormMessage tone="error">
            {t('couldNotCreateThe', { value: errorMessage(byInvoice.error) })}
          </FormMessage>
        )}
        {check.ok && choice && (
          <dl className="top-up-total" aria-label={t('whatYouPay')} data-testid="top-up-total">
            <dt>{t('amountToTheWallet')}</dt>
            <dd>{formatAmount(check.value, currency)}</dd>
            <dt>{t('fee')}</dt>
            <dd>{fee > 0 ? formatAmount(fee, currency) : t('noFee')}</dd>
            <dt>{t('totalToPay')}</dt>
            <dd>{formatAmount(total, currency)}</dd>
          </dl>
        )}
        <div className="form-actions">
          <button
            type="submit"
            className="button button-primary"
            disabled={start.isPending || byInvoice.isPending}
          >
            {start.isPending || byInvoice.isPending
              ? t('starting')
              : check.ok && choice?.kind === 'invoice'
                ? t('getAnInvoiceFor', { amount: formatAmount(check.value, currency) })
                : check.ok
                  ? t('pay', { amount: formatAmount(choice ? total : check.value, currency) })
                  : t('continueToPayment')}
          </button>
        </div>
      </form>
      {/* Outside the top-up form: a form may not hold another. */}
      <Dialog open={addingPayer} title={t('addAPayer')} onClose={() => setAddingPayer(false)}>
        {addingPayer && wallet.data && (
          <AddPayerForm customerId={wallet.data.customerId} onDone={() => setAddingPayer(false)} />
        )}
      </Dialog>
    </>
  );
}
