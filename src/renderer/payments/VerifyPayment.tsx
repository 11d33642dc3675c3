import { useState, type FormEvent } from 'react';
import type { PaymentProviderId } from '../../shared/api/payments';
import type { VerifyPaymentResponse } from '../../shared/api/payment-verify';
import { TextField, FormMessage } from '../components/Field';
import { errorMessage, fieldError } from '../lib/ipc';
import { useVerifyPayment } from '../tickets/queries';
import { useTranslation } from 'react-i18next';
import { verifyAnswerText } from './verify-words';

/**
 * "Verify my payment": the payer (or an agent inside a ticket) gives the transaction hash of a
 * crypto payment or the bank reference of a VietQR transfer; the server answers (worded here in the
 * console's language) and credits a real match through the normal, exactly-once path. Other methods
 * have nothing to look up.
 */
export function VerifyPayment({ paymentId, provider }: { paymentId: string; provider: PaymentProviderId }) {
  const { t } = useTranslation('payments');

  const verify = useVerifyPayment();
  const [value, setValue] = useState('');
  const [answer, setAnswer] = useState<VerifyPaymentResponse | null>(null);
  if (provider !== 'crypto' && provider !== 'vietqr') return null;
  const crypto = provider === 'crypto';
  const field = crypto ? 'txHash' : 'bankReference';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAnswer(null);
    verify.mutate({ paymentId, [field]: value.trim() }, { onSuccess: (result) => setAnswer(result) });
  };
  return (
    <section className="card" aria-label={t('verifyMyPayment')}>
      <h2>{t('verifyMyPayment')}</h2>
      <form onSubmit={submit} className="stack">
        <TextField
          label={crypto ? t('transactionHash') : t('bankReference')}
          hint={crypto ? t('theHashYourWallet') : t('theTransactionNumberOn')}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          error={verify.isError ? fieldError(verify.error, field) : undefined}
          autoComplete="off"
          spellCheck={false}
          required
        />
        <button
          type="submit"
          className="button button-primary"
          disabled={verify.isPending || value.trim() === ''}
        >
          {verify.isPending ? t('checking') : t('check')}
        </button>
        {verify.isError && !fieldError(verify.error, field) && (
          <FormMessage tone="error">{errorMessage(verify.error)}</FormMessage>
        )}
        {answer && (
          <FormMessage tone={answer.outcome === 'credited' ? 'success' : 'error'}>
            {verifyAnswerText(answer)}
          </FormMessage>
        )}
      </form>
    </section>
  );
}
