import { useState, type FormEvent } from 'react';
import type { MethodSetting, PaymentSettings } from '../../shared/api/payments';
import { Badge } from '../components/Badge';
import { TestModeNote } from '../components/TestMode';
import { FormMessage, TextField } from '../components/Field';
import { errorMessage } from '../lib/ipc';
import { PROVIDER_LABELS } from '../payments/payment-labels';
import { useFocusFieldError } from '../lib/use-focus-field-error';
import { basisPointsToPercent, percentToBasisPoints } from './fee';
import { errorUnder } from './field-errors';
import { useUpdatePaymentSettings } from './mutations';
import { useTranslation } from 'react-i18next';

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
  const { t } = useTranslation('payment-settings');

  const toDraft = (m: MethodSetting) => draftOf(m, settings.testModeAllowed);
  const [drafts, setDrafts] = useState(() => settings.methods.map(toDraft));
  const [submitted, setSubmitted] = useState(false);
  const update = useUpdatePaymentSettings();
  // A refused save brings its field into view, with focus on it.
  const [refusals, setRefusals] = useState(0);
  const formRef = useFocusFieldError(update.error, refusals);
  const fees = drafts.map((d) => percentToBasisPoints(d.fee));
  const edit = (i: number, patch: Partial<MethodDraft>) =>
    setDrafts((all) => all.map((d, j) => (j === i ? { ...d, ...patch } : d)));
  /** The API names `methods.<i>.<field>`, in the order this form sent them. */
  const apiError = errorUnder(update.error, 'methods.');
  const errorFor = (i: number, field: string): string | undefined => {
    if (field === 'feeBasisPoints' && !fees[i]!.ok && (submitted || drafts[i]!.fee.trim() !== ''))
      return fees[i]!.ok ? undefined : fees[i]!.message;
    if (field !== 'feeBasisPoints' && submitted && drafts[i]![field as 'label'].trim() === '')
      return t('error.empty');
    return apiError?.key === `${i}.${field}` ? apiError.message : undefined;
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    const methods: MethodSetting[] = [];
    for (const [i, d] of drafts.entries()) {
      const fee = fees[i]!;
      if (!fee.ok || d.label.trim() === '' || d.processingTime.trim() === '') {
        setRefusals((count) => count + 1);
        return;
      }
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
          {t('methods')}
        </h2>
      </div>
      <p className="muted">{t('aMethodIsOffered')}</p>
      <form ref={formRef} className="form" onSubmit={submit} noValidate aria-labelledby="methods-title">
        <ul className="settings-methods">
          {drafts.map((d, i) => {
            const name = PROVIDER_LABELS[d.provider];
            const configured =
              d.provider === 'sandbox' || settings.credentialsConfigured.includes(d.provider);
            const sandbox = d.provider === 'sandbox';
            const forbidden = sandbox && !settings.testModeAllowed;
            // Stored credentials the server can no longer use: the method stays "configured" but
            // every new checkout is refused until they are stored again.
            const problem = settings.credentialProblems?.find((p) => p.provider === d.provider);
            return (
              <li key={d.provider} className="settings-method" data-testid={`method-${d.provider}`}>
                <div className="settings-method-head">
                  <label className="checkbox">
                    <input
                      type="checkbox"
                      checked={d.enabled}
                      disabled={!editable || forbidden}
                      onChange={(event) => edit(i, { enabled: event.target.checked })}
                      aria-label={t('offer', { name })}
                    />
                    <strong>{name}</strong>
                  </label>
                  {!configured && <Badge tone="warning">{t('needsCredentials')}</Badge>}
                  {sandbox && <Badge tone="warning">{t('testMode')}</Badge>}
                  {problem && <Badge tone="danger">{t('credentialsUnusable')}</Badge>}
                </div>
                {problem?.problem === 'legacy_address_secret' && (
                  <p
                    className="form-message form-message-error"
                    role="alert"
                    data-testid={`credential-problem-${d.provider}`}
                  >
                    {t('legacyAddressSecret')}
                  </p>
                )}
                {sandbox && (
                  <TestModeNote testId="sandbox-test-mode-note">
                    {forbidden ? t('theOperatorOfThis') : t('theSandboxAcceptsAny')}
                  </TestModeNote>
                )}
                <div className="settings-method-fields">
                  <TextField
                    label={t('label', { name })}
                    value={d.label}
                    readOnly={!editable}
                    maxLength={80}
                    onChange={(event) => edit(i, { label: event.target.value })}
                    error={errorFor(i, 'label')}
                  />
                  <TextField
                    label={t('fee', { name })}
                    inputMode="decimal"
                    value={d.fee}
                    readOnly={!editable}
                    className="input input-amount"
                    onChange={(event) => edit(i, { fee: event.target.value })}
                    error={errorFor(i, 'feeBasisPoints')}
                  />
                  <TextField
                    label={t('processingTime', { name })}
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
        {update.isSuccess && <FormMessage tone="success">{t('methodsSaved')}</FormMessage>}
        {editable && (
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={update.isPending}>
              {update.isPending ? t('saving') : t('saveMethods')}
            </button>
          </div>
        )}
      </form>
    </section>
  );
}
