import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { WalletView } from '../../shared/ipc-contract';
import type { Currency } from '../../shared/money';
import { FormMessage, TextField } from '../components/Field';
import { checkAmount } from '../lib/amount-input';
import { errorMessage, fieldError, isFieldError } from '../lib/ipc';
import { useFocusFieldError } from '../lib/use-focus-field-error';
import { limitFor, movementLimitQueries } from '../movement-limits/queries';
import { AmountField } from './AmountField';
import { ConfirmMovementDialog } from './ConfirmMovementDialog';
import { movementStep, type MovementStep } from './movement-confirmation';
import { useAdjust, useCredit } from './mutations';
import { FormActions } from '../components/FormActions';
import { useTranslation } from 'react-i18next';
import { i18n } from '../i18n';

/** What differs between the two money forms: the amount's sign, the text field, the words. */
const KINDS = {
  credit: {
    mode: 'positive',
    field: 'description',
    get label() {
      return i18n.t('customers:description');
    },
    get initial() {
      return i18n.t('customers:credit.initial');
    },
    get missing() {
      return i18n.t('customers:credit.missing');
    },
    get hint() {
      return i18n.t('customers:shownInTheCustomer');
    },
    get noun() {
      return i18n.t('customers:credit.noun');
    },
    get submit() {
      return i18n.t('customers:credit.submit');
    },
  },
  adjust: {
    mode: 'signed',
    field: 'reason',
    get label() {
      return i18n.t('customers:reason');
    },
    initial: '',
    get missing() {
      return i18n.t('customers:adjust.missing');
    },
    get hint() {
      return i18n.t('customers:keptInTheLedger');
    },
    get noun() {
      return i18n.t('customers:adjust.noun');
    },
    get submit() {
      return i18n.t('customers:adjust.submit');
    },
  },
} as const;

/**
 * A merchant credit (adds to the wallet once the server confirms it) or a manual correction, positive
 * or negative, with the reason the ledger keeps. Either is queued at once, even offline. Above the
 * reseller's confirmation amount it asks first; above its maximum per movement it says so and
 * queues nothing (the limits come from main, which keeps the last ones fetched for offline use).
 */
export function MovementForm({
  kind,
  wallet,
  currency,
  onDone,
}: {
  kind: keyof typeof KINDS;
  wallet: WalletView;
  currency: Currency;
  onDone: () => void;
}) {
  const { t } = useTranslation('customers');

  const words = KINDS[kind];
  const credit = useCredit();
  const adjust = useAdjust();
  const mutation = kind === 'credit' ? credit : adjust;
  const [amount, setAmount] = useState('');
  const [text, setText] = useState<string>(words.initial);
  const [submitted, setSubmitted] = useState(false);
  const limits = useQuery(movementLimitQueries.current());
  const [step, setStep] = useState<MovementStep>({ kind: 'queue' });
  const [refusals, setRefusals] = useState(0);
  const formRef = useFocusFieldError(mutation.error, refusals);

  const queue = (value: number, confirmed: boolean) => {
    const options = { onSuccess: onDone };
    if (kind === 'credit')
      credit.mutate({ walletId: wallet.id, amount: value, description: text.trim(), confirmed }, options);
    else adjust.mutate({ walletId: wallet.id, amount: value, reason: text.trim(), confirmed }, options);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    const check = checkAmount(amount, currency, words.mode);
    if (!check.ok || text.trim() === '') {
      setRefusals((count) => count + 1);
      return;
    }
    const next = movementStep({
      kind,
      amount: check.value,
      currency,
      customerName: wallet.customerName,
      limit: limitFor(limits.data?.items, currency),
    });
    setStep(next);
    if (next.kind === 'refuse') setRefusals((count) => count + 1);
    if (next.kind === 'queue') queue(check.value, false);
  };
  const confirm = () => {
    const check = checkAmount(amount, currency, words.mode);
    setStep({ kind: 'queue' });
    if (check.ok) queue(check.value, true);
  };

  return (
    <form ref={formRef} className="form" onSubmit={submit} noValidate>
      <AmountField
        label={t('amount')}
        currency={currency}
        mode={words.mode}
        value={amount}
        onChange={(value) => {
          setAmount(value);
          setStep({ kind: 'queue' });
        }}
        submitted={submitted}
        serverError={
          step.kind === 'refuse' ? step.message : fieldError(mutation.error, 'amount', { currency })
        }
      />
      <TextField
        label={words.label}
        value={text}
        maxLength={500}
        onChange={(event) => setText(event.target.value)}
        error={submitted && text.trim() === '' ? words.missing : fieldError(mutation.error, words.field)}
        hint={words.hint}
      />
      {mutation.isError && !isFieldError(mutation.error, ['amount', words.field]) && (
        <FormMessage tone="error">
          {t('couldNotQueue', { noun: words.noun, value: errorMessage(mutation.error) })}
        </FormMessage>
      )}
      <FormActions
        onCancel={onDone}
        pending={mutation.isPending}
        submitLabel={words.submit}
        pendingLabel={t('queuing')}
      />
      <ConfirmMovementDialog step={step} onBack={() => setStep({ kind: 'queue' })} onConfirm={confirm} />
    </form>
  );
}
