import { useQuery } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import type { TopUpOptions } from '../../shared/api/payments';
import type { QueuedItem } from '../../shared/ipc-contract';
import { CURRENCY_DIGITS, type Currency } from '../../shared/money';
import { topUpFee } from '../../shared/top-up-fee';
import { FormMessage, SelectField, TextField } from '../components/Field';
import { RouteLink } from '../components/RouteLink';
import { usePermissions } from '../connection/queries';
import { TestModeNote } from '../components/TestMode';
import { formatAmount } from '../lib/format';
import { errorMessage, fieldError, isFieldError } from '../lib/ipc';
import { checkTopUpAmount, presetText } from './amount-limits';
import { MethodList } from './MethodList';
import { CRYPTO_ASSETS, initialChoice, initialPayer, methodChoices, saveMethodOffer } from './method-choices';
import { useStartTopUp } from './mutations';
import { useTopUpByInvoice } from '../invoices/mutations';
import { useUi } from '../shell/ui-store';
import { askForNotifications } from '../payments/payment-notices';
import { walletQueries } from '../wallet/queries';

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
  const currency = options.limits.currency as Currency;
  const [amount, setAmount] = useState('');
  const [payerId, setPayerId] = useState<string | null>(() => initialPayer(options));
  const choices = methodChoices(options, payerId);
  const [choiceKey, setChoiceKey] = useState<string | null>(() => initialChoice(choices));
  const [assetKey, setAssetKey] = useState<string>(CRYPTO_ASSETS[0].key);
  const [saveMethod, setSaveMethod] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const start = useStartTopUp();
  const byInvoice = useTopUpByInvoice();
  const navigated = useUi((state) => state.navigated);
  // Where a payer is added: the customer's own Wallet page, or staff's page of that customer.
  const wallet = useQuery(walletQueries.detail(walletId));
  const permissions = usePermissions();
  const presetsId = useId();

  const check = checkTopUpAmount(amount, options.limits);
  const choice = choices.find((c) => c.key === choiceKey) ?? null;
  const asset = CRYPTO_ASSETS.find((a) => a.key === assetKey) ?? CRYPTO_ASSETS[0];
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
    if (!check.ok || !choice) return;
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
        ...(choice.provider === 'crypto' ? { asset: { asset: asset.asset, network: asset.network } } : {}),
      },
      { onSuccess: onStarted },
    );
  };

  const limitsHint = `From ${formatAmount(options.limits.minAmount, currency)} to ${formatAmount(options.limits.maxAmount, currency)}.`;

  return (
    <form className="form top-up-form" onSubmit={submit} noValidate aria-label="Top up">
      {options.offline && (
        <p className="form-message form-message-warning" role="note">
          The console is offline. A top-up made now waits in the outbox and starts when it is back online.
        </p>
      )}
      <TextField
        label="Amount"
        inputMode="decimal"
        autoComplete="off"
        spellCheck={false}
        className="input input-amount"
        value={amount}
        onChange={(event) => setAmount(event.target.value)}
        error={showAmountError && !check.ok ? check.message : fieldError(start.error, 'amount')}
        hint={
          check.ok
            ? `= ${formatAmount(check.value, currency)}. ${limitsHint}`
            : `In ${currency}. ${limitsHint}`
        }
      />
      {options.limits.presets.length > 0 && (
        <div className="presets" role="group" aria-labelledby={presetsId}>
          <span id={presetsId} className="presets-label">
            Preset amounts
          </span>
          {options.limits.presets.map((preset) => {
            const text = presetText(preset, CURRENCY_DIGITS[currency]);
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
          label="Payer"
          value={payerId ?? ''}
          onChange={(event) => changePayer(event.target.value)}
          hint="Saved methods belong to a payer: choosing one shows only theirs."
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
        error={submitted && !choice ? 'Choose how to pay.' : fieldError(start.error, 'provider')}
      />
      {choice?.provider === 'sandbox' && (
        <TestModeNote testId="test-mode-banner">
          This method is the sandbox test gateway: any card number is accepted, no card is charged, and the
          wallet is credited with test money.
        </TestModeNote>
      )}
      {choice?.provider === 'crypto' && (
        <SelectField
          label="Coin and network"
          value={assetKey}
          onChange={(event) => setAssetKey(event.target.value)}
          hint="Pay from a wallet on this network only."
        >
          {CRYPTO_ASSETS.map((a) => (
            <option key={a.key} value={a.key}>
              {a.label}
            </option>
          ))}
        </SelectField>
      )}
      {saveMethodOffer(choice, payerId) === 'needs_payer' && (
        <p className="muted" data-testid="save-method-needs-payer">
          To save this method for later top-ups, add a payer first: saved methods belong to a payer.{' '}
          {wallet.data && (
            <RouteLink
              to={
                permissions.seesCustomers
                  ? { page: 'customer', customerId: wallet.data.customerId, walletId }
                  : { page: 'wallet', walletId }
              }
            >
              Add a payer
            </RouteLink>
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
          Save this method
          <span className="muted"> — for later top-ups without entering it again</span>
        </label>
      )}
      {start.isError && !isFieldError(start.error, ['amount', 'provider']) && (
        <FormMessage tone="error">Could not start the top-up: {errorMessage(start.error)}</FormMessage>
      )}
      {choice?.kind === 'invoice' && (
        <p className="muted" data-testid="invoice-method-note">
          You get an invoice with the reseller’s bank details and a reference. The wallet is credited once the
          reseller receives the transfer.
          {choice.bankDetails ? ` Bank details: ${choice.bankDetails}` : ''}
        </p>
      )}
      {byInvoice.isError && (
        <FormMessage tone="error">Could not create the invoice: {errorMessage(byInvoice.error)}</FormMessage>
      )}
      {check.ok && choice && (
        <dl className="top-up-total" aria-label="What you pay" data-testid="top-up-total">
          <dt>Amount to the wallet</dt>
          <dd>{formatAmount(check.value, currency)}</dd>
          <dt>Fee</dt>
          <dd>{fee > 0 ? formatAmount(fee, currency) : 'No fee'}</dd>
          <dt>Total to pay</dt>
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
            ? 'Starting…'
            : check.ok && choice?.kind === 'invoice'
              ? `Get an invoice for ${formatAmount(check.value, currency)}`
              : check.ok
                ? `Pay ${formatAmount(choice ? total : check.value, currency)}`
                : 'Continue to payment'}
        </button>
      </div>
    </form>
  );
}
