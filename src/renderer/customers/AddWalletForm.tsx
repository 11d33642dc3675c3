import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { WalletView } from '../../shared/ipc-contract';
import { CURRENCIES, type Currency } from '../../shared/money';
import { FormMessage, SelectField } from '../components/Field';
import { checkAmount } from '../lib/amount-input';
import { errorMessage, fieldError, isFieldError } from '../lib/ipc';
import { useFocusFieldError } from '../lib/use-focus-field-error';
import { useKeptAmount, useKeptOverLanguageSwitch } from '../shell/kept-over-language-switch';
import { limitFor, movementLimitQueries } from '../movement-limits/queries';
import { AmountField } from './AmountField';
import { ConfirmMovementDialog } from './ConfirmMovementDialog';
import { movementStep, type MovementStep } from './movement-confirmation';
import { useCreateWallet } from './mutations';
import { useTranslation } from 'react-i18next';

/**
 * Opens a wallet for the customer in a currency they have no wallet in yet, optionally with an
 * initial balance (read for the chosen currency as "Add credit" reads its amount, and held to the
 * same limits: asked above the confirmation amount, refused above the maximum). It shows among the
 * customer's wallets at once, marked "Pending sync" and reading 0, until the server confirms it.
 */
export function AddWalletForm({
  customerId,
  customerName,
  wallets,
}: {
  customerId: string;
  customerName: string;
  wallets: readonly WalletView[];
}) {
  const { t } = useTranslation('customers');

  const create = useCreateWallet();
  const limits = useQuery(movementLimitQueries.current());
  const taken = new Set(wallets.map((w) => w.currency));
  const available = CURRENCIES.filter((c) => !taken.has(c));
  // What was chosen and typed outlives a language switch, the amount in the new language's marks.
  const [currency, setCurrency] = useKeptOverLanguageSwitch<Currency | ''>(
    `customers:add-wallet:${customerId}:currency`,
    '',
  );
  const [step, setStep] = useState<MovementStep>({ kind: 'queue' });
  const [refusals, setRefusals] = useState(0);
  const formRef = useFocusFieldError(create.error, refusals);
  const chosen = currency !== '' && available.includes(currency) ? currency : (available[0] ?? '');
  const [balance, setBalance] = useKeptAmount(`customers:add-wallet:${customerId}:balance`, chosen);

  if (available.length === 0) return <p className="muted">{t('thisCustomerHasA')}</p>;

  /** `initialBalance` in minor units of `chosen`, or none. */
  const queue = (initialBalance: number | undefined, confirmed: boolean) => {
    if (chosen === '') return;
    create.mutate(
      {
        customerId,
        currency: chosen,
        ...(initialBalance === undefined ? {} : { initialBalance, confirmed }),
      },
      {
        onSuccess: () => {
          setCurrency('');
          setBalance('');
        },
      },
    );
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (chosen === '') return;
    if (balance.trim() === '') {
      queue(undefined, false);
      return;
    }
    const check = checkAmount(balance, chosen, 'positive');
    if (!check.ok) {
      setRefusals((count) => count + 1);
      return;
    }
    const next = movementStep({
      kind: 'credit',
      amount: check.value,
      currency: chosen,
      customerName,
      limit: limitFor(limits.data?.items, chosen),
    });
    setStep(next);
    if (next.kind === 'refuse') setRefusals((count) => count + 1);
    if (next.kind === 'queue') queue(check.value, false);
  };
  const confirm = () => {
    setStep({ kind: 'queue' });
    if (chosen === '') return;
    const check = checkAmount(balance, chosen, 'positive');
    if (check.ok) queue(check.value, true);
  };

  return (
    <form ref={formRef} className="inline-form" onSubmit={submit} aria-label={t('addAWallet')} noValidate>
      <SelectField
        label={t('newWalletIn')}
        inline
        value={chosen}
        onChange={(event) => {
          setCurrency(event.target.value as Currency);
          setStep({ kind: 'queue' });
        }}
        error={fieldError(create.error, 'currency')}
      >
        {available.map((code) => (
          <option key={code} value={code}>
            {code}
          </option>
        ))}
      </SelectField>
      {chosen !== '' && (
        <AmountField
          label={t('initialBalance')}
          inline
          currency={chosen}
          mode="positive"
          value={balance}
          onChange={(value) => {
            setBalance(value);
            setStep({ kind: 'queue' });
          }}
          submitted={false}
          serverError={
            step.kind === 'refuse'
              ? step.message
              : fieldError(create.error, 'initialBalance', { currency: chosen })
          }
        />
      )}
      <button type="submit" className="button" disabled={create.isPending}>
        {create.isPending ? t('queuing') : t('addWallet')}
      </button>
      {create.isError && !isFieldError(create.error, ['currency', 'initialBalance']) && (
        <FormMessage tone="error">{t('couldNotQueueThe', { value: errorMessage(create.error) })}</FormMessage>
      )}
      <ConfirmMovementDialog step={step} onBack={() => setStep({ kind: 'queue' })} onConfirm={confirm} />
    </form>
  );
}
