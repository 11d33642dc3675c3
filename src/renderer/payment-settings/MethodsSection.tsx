import { useState, type FormEvent } from 'react';
import type { MethodSetting, PaymentSettings } from '../../shared/api/payments';
import { Badge } from '../components/Badge';
import { TestModeNote } from '../components/TestMode';
import { FormMessage, TextField } from '../components/Field';
import { errorMessage } from '../lib/ipc';
import { PROVIDER_LABELS } from '../payments/payment-labels';
import { basisPointsToPercent, percentToBasisPoints } from './fee';
import { errorUnder } from './field-errors';
import { useUpdatePaymentSettings } from './mutations';

interface MethodDraft {
  provider: MethodSetting['provider'];
  enabled: boolean;
  label: string;
  fee: string;
  processingTime: string;
}

/** Where the operator forbids the sandbox, it is off whatever was stored, and is sent back off. */
const draftOf = (m: MethodSetting, testModeAllowed: boolean): MethodDraft => ({
  provider: m.provider,
  enabled: m.enabled && (m.provider !== 'sandbox' || testModeAllowed),
  label: m.label,
  fee: basisPointsToPercent(m.feeBasisPoints),
  processingTime: m.processingTime,
});

/** Which methods customers see, with the label, fee and processing time they read. */
export function MethodsSection({ settings, editable }: { settings: PaymentSettings; editable: boolean }) {
  const toDraft = (m: MethodSetting) => draftOf(m, settings.testModeAllowed);
  const [drafts, setDrafts] = useState(() => settings.methods.map(toDraft));
  const [submitted, setSubmitted] = useState(false);
  const update = useUpdatePaymentSettings();
  const fees = drafts.map((d) => percentToBasisPoints(d.fee));
  const edit = (i: number, patch: Partial<MethodDraft>) =>
    setDrafts((all) => all.map((d, j) => (j === i ? { ...d, ...patch } : d)));
  /** The API names `methods.<i>.<field>`, in the order this form sent them. */
  const apiError = errorUnder(update.error, 'methods.');
  const errorFor = (i: number, field: string): string | undefined => {
    if (field === 'feeBasisPoints' && !fees[i]!.ok && (submitted || drafts[i]!.fee.trim() !== ''))
      return fees[i]!.ok ? undefined : fees[i]!.message;
    if (field !== 'feeBasisPoints' && submitted && drafts[i]![field as 'label'].trim() === '')
      return 'Must not be empty.';
    return apiError?.key === `${i}.${field}` ? apiError.message : undefined;
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    const methods: MethodSetting[] = [];
    for (const [i, d] of drafts.entries()) {
      const fee = fees[i]!;
      if (!fee.ok || d.label.trim() === '' || d.processingTime.trim() === '') return;
      methods.push({
        provider: d.provider,
        enabled: d.enabled,
        label: d.label.trim(),
        feeBasisPoints: fee.value,
        processingTime: d.processingTime.trim(),
      });
    }
    update.mutate(
      { methods },
      { onSuccess: (saved) => setDrafts(saved.methods.map((m) => draftOf(m, saved.testModeAllowed))) },
    );
  };

  return (
    <section className="card settings-card" aria-labelledby="methods-title">
      <div className="card-header">
        <h2 id="methods-title" className="section-title">
          Methods
        </h2>
      </div>
      <p className="muted">
        A method is offered only when it is enabled and its gateway credentials are stored (the sandbox, a
        test gateway, needs none and is off until you turn it on).
      </p>
      <form className="form" onSubmit={submit} noValidate aria-labelledby="methods-title">
        <ul className="settings-methods">
          {drafts.map((d, i) => {
            const name = PROVIDER_LABELS[d.provider];
            const configured =
              d.provider === 'sandbox' || settings.credentialsConfigured.includes(d.provider);
            const sandbox = d.provider === 'sandbox';
            const forbidden = sandbox && !settings.testModeAllowed;
            return (
              <li key={d.provider} className="settings-method" data-testid={`method-${d.provider}`}>
                <div className="settings-method-head">
                  <label className="checkbox">
                    <input
                      type="checkbox"
                      checked={d.enabled}
                      disabled={!editable || forbidden}
                      onChange={(event) => edit(i, { enabled: event.target.checked })}
                      aria-label={`Offer ${name}`}
                    />
                    <strong>{name}</strong>
                  </label>
                  {!configured && <Badge tone="warning">Needs credentials</Badge>}
                  {sandbox && <Badge tone="warning">Test mode</Badge>}
                </div>
                {sandbox && (
                  <TestModeNote testId="sandbox-test-mode-note">
                    {forbidden
                      ? 'The operator of this billing API has forbidden the sandbox test gateway on this server: it cannot be offered.'
                      : 'The sandbox accepts any card number and moves no money: while it is offered, customers can credit their wallets with test money. Offer it only to try the console, never to real customers.'}
                  </TestModeNote>
                )}
                <div className="settings-method-fields">
                  <TextField
                    label={`${name} label`}
                    value={d.label}
                    readOnly={!editable}
                    maxLength={80}
                    onChange={(event) => edit(i, { label: event.target.value })}
                    error={errorFor(i, 'label')}
                  />
                  <TextField
                    label={`${name} fee (%)`}
                    inputMode="decimal"
                    value={d.fee}
                    readOnly={!editable}
                    className="input input-amount"
                    onChange={(event) => edit(i, { fee: event.target.value })}
                    error={errorFor(i, 'feeBasisPoints')}
                  />
                  <TextField
                    label={`${name} processing time`}
                    value={d.processingTime}
                    readOnly={!editable}
                    maxLength={80}
                    onChange={(event) => edit(i, { processingTime: event.target.value })}
                    error={errorFor(i, 'processingTime')}
                  />
                </div>
              </li>
            );
          })}
        </ul>
        {update.isError && !apiError && <FormMessage tone="error">{errorMessage(update.error)}</FormMessage>}
        {update.isSuccess && <FormMessage tone="success">Methods saved.</FormMessage>}
        {editable && (
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={update.isPending}>
              {update.isPending ? 'Saving…' : 'Save methods'}
            </button>
          </div>
        )}
      </form>
    </section>
  );
}
