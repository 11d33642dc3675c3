import { translatedLabels } from '../i18n';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import {
  AUTO_TOP_UP_DAILY_CAP,
  type AlertChannel,
  type AlertSettings,
  type AutoTopUp,
} from '../../shared/api/alerts';
import type { WalletView } from '../../shared/ipc-contract';
import type { Currency } from '../../shared/money';
import { runwayWords } from './runway-words';
import { FormMessage, SelectField, TextField } from '../components/Field';
import { Money } from '../components/Money';
import { RouteLink } from '../components/RouteLink';
import { EmptyState, ErrorState, LoadingState } from '../components/States';
import { amountText, checkAmount } from '../lib/amount-input';
import { formatAmount, formatDateTime } from '../lib/format';
import { errorMessage, fieldError } from '../lib/ipc';
import { useSession } from '../connection/queries';
import { useNow } from '../lib/use-now';
import { useServerDraft } from '../lib/use-server-draft';
import { savedMethodLabel } from '../payers/method-labels';
import { payerQueries } from '../payers/queries';
import { ALERT_TITLES } from './alert-notices';
import { alertText, chargeUnconfirmedText, lastErrorText, switchedOffText } from './alert-words';
import { chosenMethodId, offeredCards } from './auto-top-up-method';
import { AutoTopUpAttempts } from './AutoTopUpAttempts';
import { chargeOnSave } from './charge-on-save';
import { useUpdateAlertSettings, useUpdateAutoTopUp } from './mutations';
import { alertQueries } from './queries';
import { Trans, useTranslation } from 'react-i18next';

/**
 * A wallet's low-balance alerts and auto top-up: the runway forecast (and its formula), the alert
 * settings, the auto top-up settings and the alert history. Staff admins for any wallet, a customer
 * for its own; support agents read. Saving needs the billing API (it is not queued).
 */
export function WalletAlertsSection({ wallet, editable }: { wallet: WalletView; editable: boolean }) {
  const { t } = useTranslation('alerts');

  const view = useQuery(alertQueries.wallet(wallet.id));
  if (view.isPending) return <LoadingState label={t('loadingAlerts')} compact />;
  if (view.isError) return <ErrorState error={view.error} onRetry={() => void view.refetch()} />;
  const { settings, autoTopUp, runwayDays, spentLast30Days, alerts } = view.data;
  return (
    <section className="card wallet-alerts" aria-labelledby="wallet-alerts-title">
      <h2 id="wallet-alerts-title" className="section-title">
        {t('lowBalanceAlerts')}
      </h2>
      <p data-testid="wallet-runway">
        <Trans
          t={t}
          i18nKey="runwayLine"
          values={{ runway: runwayWords(runwayDays) ?? t('noSpendingInThe') }}
          components={{
            strong: <strong />,
            muted: <span className="muted" />,
            spent: <Money amount={spentLast30Days} currency={wallet.currency} />,
          }}
        />
      </p>
      {settings?.state === 'low' && (
        <p className="alert-state-low" role="status">
          {t('belowItsAlertLine', { date: formatDateTime(settings.stateSince) })}
        </p>
      )}
      {!wallet.pending && (
        <AlertSettingsForm
          key={wallet.id}
          walletId={wallet.id}
          currency={wallet.currency}
          settings={settings}
          editable={editable}
        />
      )}
      {!wallet.pending && (
        <AutoTopUpForm
          key={`auto-${wallet.id}`}
          walletId={wallet.id}
          customerId={wallet.customerId}
          currency={wallet.currency}
          available={wallet.availableBalance}
          autoTopUp={autoTopUp}
          editable={editable}
        />
      )}
      {!wallet.pending && autoTopUp !== null && <AutoTopUpAttempts walletId={wallet.id} />}
      <h3 className="section-subtitle">{t('alertHistory')}</h3>
      {alerts.length === 0 ? (
        <EmptyState title={t('noAlertsYet')}>{t('anAlertShowsHere')}</EmptyState>
      ) : (
        <ul className="alert-history" aria-label={t('alertHistory')}>
          {alerts.map((a) => (
            <li key={a.id}>
              <strong>{ALERT_TITLES[a.type]}</strong> · {formatDateTime(a.createdAt)} — {alertText(a)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

const CHANNEL_LABELS = translatedLabels<AlertChannel>('alerts', 'channel', ['desktop', 'email', 'webhook']);

function AlertSettingsForm({
  walletId,
  currency,
  settings,
  editable,
}: {
  walletId: string;
  currency: Currency;
  settings: AlertSettings | null;
  editable: boolean;
}) {
  const { t } = useTranslation('alerts');

  const { draft, edit, follow } = useServerDraft(settings, (saved) => alertSettingsDraft(saved, currency));
  const { threshold, runwayDays, channels, emails } = draft;
  const [submitted, setSubmitted] = useState(false);
  const update = useUpdateAlertSettings();
  const thresholdCheck = threshold.trim() === '' ? null : checkAmount(threshold, currency, 'positive');
  const days = runwayDays.trim() === '' ? null : Number(runwayDays);
  const daysError =
    days !== null && (!Number.isInteger(days) || days < 1 || days > 365) ? t('error.runwayDays') : undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if ((thresholdCheck && !thresholdCheck.ok) || daysError) return;
    const list = emails
      .split(/[,\s]+/)
      .map((e) => e.trim())
      .filter(Boolean);
    update.mutate(
      {
        walletId,
        settings: {
          threshold: thresholdCheck?.ok ? thresholdCheck.value : null,
          runwayDays: days,
          channels,
          ...(list.length > 0 ? { emails: list } : {}),
        },
      },
      { onSuccess: follow },
    );
  };
  const toggle = (channel: AlertChannel, on: boolean) =>
    edit({ channels: on ? [...channels, channel] : channels.filter((c) => c !== channel) });

  return (
    <form className="alert-settings" onSubmit={submit} noValidate aria-label={t('alertSettings')}>
      <TextField
        label={t('alertBelow', { currency })}
        inputMode="decimal"
        autoComplete="off"
        className="input input-amount"
        value={threshold}
        readOnly={!editable}
        onChange={(e) => edit({ threshold: e.target.value })}
        error={
          (thresholdCheck && !thresholdCheck.ok && (submitted || threshold !== '')
            ? thresholdCheck.message
            : undefined) ?? fieldError(update.error, 'threshold', { currency })
        }
        hint={t('anAlertFiresOnce')}
      />
      <TextField
        label={t('alertWhenTheRunway')}
        inputMode="numeric"
        autoComplete="off"
        className="input"
        value={runwayDays}
        readOnly={!editable}
        onChange={(e) => edit({ runwayDays: e.target.value })}
        error={(submitted ? daysError : undefined) ?? fieldError(update.error, 'runwayDays')}
        hint={t('daysOfSpendingLeft')}
      />
      <fieldset className="alert-channels" disabled={!editable}>
        <legend>{t('channels')}</legend>
        {(Object.keys(CHANNEL_LABELS) as AlertChannel[]).map((channel) => (
          <label key={channel}>
            <input
              type="checkbox"
              checked={channels.includes(channel)}
              onChange={(e) => toggle(channel, e.target.checked)}
            />{' '}
            {CHANNEL_LABELS[channel]}
          </label>
        ))}
      </fieldset>
      {channels.includes('email') && (
        <TextField
          label={t('alertEmailsTo')}
          autoComplete="off"
          className="input"
          value={emails}
          readOnly={!editable}
          onChange={(e) => edit({ emails: e.target.value })}
          error={fieldError(update.error, 'emails')}
          hint={t('oneOrMoreAddresses')}
        />
      )}
      {update.isError && !fieldError(update.error, 'threshold') && !fieldError(update.error, 'emails') && (
        <FormMessage tone="error">{errorMessage(update.error)}</FormMessage>
      )}
      {update.isSuccess && <FormMessage tone="success">{t('alertSettingsSaved')}</FormMessage>}
      {editable && (
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={update.isPending}>
            {t('saveAlertSettings')}
          </button>
        </div>
      )}
    </form>
  );
}

function AutoTopUpForm({
  walletId,
  customerId,
  currency,
  available,
  autoTopUp,
  editable,
}: {
  walletId: string;
  customerId: string;
  currency: Currency;
  /** The wallet's available balance now: below the threshold, saving charges the card at once. */
  available: number;
  autoTopUp: AutoTopUp | null;
  editable: boolean;
}) {
  const { t } = useTranslation('alerts');
  // A customer reads about its own payers; staff about the customer's.
  const ownWallet = useSession().data?.role === 'customer';

  const methods = useQuery({ ...payerQueries.methods(customerId), enabled: editable });
  const confirmed = offeredCards(methods.data ?? [], autoTopUp);
  const { draft, edit, adjust, follow } = useServerDraft(autoTopUp, (saved) =>
    autoTopUpDraft(saved, currency),
  );
  const { enabled, threshold, mode, amount, methodId } = draft;
  // The server switched it off while this form was open (failed charges, its card removed): the
  // box unticks with the reason shown, so a later Save does not switch it on again unasked.
  const serverReason = autoTopUp?.disabledReason ?? null;
  const [seenReason, setSeenReason] = useState(serverReason);
  if (serverReason !== seenReason) {
    setSeenReason(serverReason);
    if (serverReason !== null) adjust({ enabled: false });
  }
  const [submitted, setSubmitted] = useState(false);
  const update = useUpdateAutoTopUp();
  const thresholdCheck = checkAmount(threshold, currency, 'positive');
  const amountCheck = checkAmount(amount, currency, 'positive');
  // Saved while the balance is already below the line, it tops up straight away (or once the day's
  // cap lifts): said before Save.
  const now = useNow();
  const onSave = editable
    ? chargeOnSave({
        saved: autoTopUp,
        enabled,
        threshold: thresholdCheck.ok ? thresholdCheck.value : null,
        amount: amountCheck.ok ? amountCheck.value : null,
        mode,
        available,
        now,
      })
    : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    const method = chosenMethodId(methodId, confirmed);
    if (!thresholdCheck.ok || !amountCheck.ok || !method) return;
    update.mutate(
      {
        walletId,
        settings: {
          enabled,
          threshold: thresholdCheck.value,
          ...(mode === 'amount' ? { amount: amountCheck.value } : { targetBalance: amountCheck.value }),
          paymentMethodId: method,
        },
      },
      { onSuccess: follow },
    );
  };

  return (
    <form className="auto-top-up" onSubmit={submit} noValidate aria-label={t('autoTopUp')}>
      <h3 className="section-subtitle">{t('autoTopUp')}</h3>
      {autoTopUp?.disabledReason && (
        <p className="form-message form-message-error" role="alert">
          {switchedOffText(autoTopUp)}
        </p>
      )}
      {autoTopUp?.enabled && autoTopUp.lastError && (
        <p className="muted">
          {autoTopUp.nextAttemptAt
            ? t('lastChargeFailedNextTry', {
                error: lastErrorText(autoTopUp),
                date: formatDateTime(autoTopUp.nextAttemptAt),
              })
            : t('lastChargeFailed', { error: lastErrorText(autoTopUp) })}
        </p>
      )}
      {autoTopUp?.state === 'pending' && (
        <p role="status">{chargeUnconfirmedText(autoTopUp) ?? t('aTopUpIs')}</p>
      )}
      <label>
        <input
          type="checkbox"
          checked={enabled}
          disabled={!editable}
          onChange={(e) => edit({ enabled: e.target.checked })}
        />{' '}
        {t('topUpAutomaticallyWith')}
      </label>
      <TextField
        label={t('whenAvailableFallsBelow', { currency })}
        inputMode="decimal"
        autoComplete="off"
        className="input input-amount"
        value={threshold}
        readOnly={!editable}
        onChange={(e) => edit({ threshold: e.target.value })}
        error={
          (!thresholdCheck.ok && (submitted || threshold !== '') ? thresholdCheck.message : undefined) ??
          fieldError(update.error, 'threshold', { currency })
        }
      />
      <SelectField
        label={t('topUp')}
        value={mode}
        disabled={!editable}
        onChange={(e) => edit({ mode: e.target.value as 'amount' | 'target' })}
      >
        <option value="amount">{t('byAFixedAmount')}</option>
        <option value="target">{t('upToATarget')}</option>
      </SelectField>
      <TextField
        label={mode === 'amount' ? t('amount', { currency }) : t('targetBalance', { currency })}
        inputMode="decimal"
        autoComplete="off"
        className="input input-amount"
        value={amount}
        readOnly={!editable}
        onChange={(e) => edit({ amount: e.target.value })}
        error={
          (!amountCheck.ok && (submitted || amount !== '') ? amountCheck.message : undefined) ??
          fieldError(update.error, mode === 'amount' ? 'amount' : 'targetBalance', { currency })
        }
        hint={t('limitsAndFeesApply')}
      />
      {onSave && (
        <p className="form-message form-message-warning" role="note" data-testid="auto-top-up-charges-now">
          {onSave.at
            ? t('chargesAfterCap', {
                count: AUTO_TOP_UP_DAILY_CAP,
                available: formatAmount(available, currency),
                amount: formatAmount(onSave.amount, currency),
                at: formatDateTime(onSave.at),
              })
            : t('chargesNow', {
                available: formatAmount(available, currency),
                amount: formatAmount(onSave.amount, currency),
              })}
        </p>
      )}
      {editable && confirmed.length === 0 && (
        // Said before Save is pressed: an empty "Saved card" list explained nothing.
        <p className="field-hint" data-testid="auto-top-up-needs-card">
          {ownWallet ? t('noSavedCardYetYours') : t('noSavedCardYet')}{' '}
          <RouteLink to={{ page: 'top-up', walletId }}>{t('topUpThisWallet')}</RouteLink>
        </p>
      )}
      {editable && submitted && confirmed.length === 0 && (
        <FormMessage tone="error">{t('error.noSavedCard')}</FormMessage>
      )}
      {editable && confirmed.length > 0 && (
        <SelectField
          label={t('savedCard')}
          value={chosenMethodId(methodId, confirmed) ?? ''}
          onChange={(e) => edit({ methodId: e.target.value })}
          error={fieldError(update.error, 'paymentMethodId')}
        >
          {confirmed.map((m) => (
            <option key={m.id} value={m.id}>
              {savedMethodLabel(m.label)}
            </option>
          ))}
        </SelectField>
      )}
      {update.isError &&
        !['threshold', 'amount', 'targetBalance', 'paymentMethodId'].some((f) =>
          fieldError(update.error, f),
        ) && <FormMessage tone="error">{errorMessage(update.error)}</FormMessage>}
      {update.isSuccess && <FormMessage tone="success">{t('autoTopUpSaved')}</FormMessage>}
      {editable && (
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={update.isPending}>
            {t('saveAutoTopUp')}
          </button>
        </div>
      )}
    </form>
  );
}

/** The auto top-up form's fields for saved settings (blank when there are none yet). */
function autoTopUpDraft(saved: AutoTopUp | null, currency: Currency) {
  const amount = saved?.targetBalance ?? saved?.amount;
  return {
    enabled: saved?.enabled ?? false,
    threshold: saved ? amountText(saved.threshold, currency) : '',
    mode: (saved?.targetBalance != null ? 'target' : 'amount') as 'amount' | 'target',
    amount: amount != null ? amountText(amount, currency) : '',
    methodId: saved?.paymentMethodId ?? '',
  };
}

/** The alert settings form's fields for saved settings (alerts on the desktop when there are none). */
function alertSettingsDraft(saved: AlertSettings | null, currency: Currency) {
  return {
    threshold: saved?.threshold != null ? amountText(saved.threshold, currency) : '',
    runwayDays: saved?.runwayDays ? String(saved.runwayDays) : '',
    channels: saved?.channels ?? (['desktop'] as AlertChannel[]),
    emails: (saved?.emails ?? []).join(', '),
  };
}
