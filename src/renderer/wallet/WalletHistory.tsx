import type { ReactNode } from 'react';
import { useKeptOverLanguageSwitch } from '../shell/kept-over-language-switch';
import { PendingRows } from '../outbox/PendingRows';
import { EMPTY_FILTER_FORM, historyFilterOf, type HistoryFilterForm } from './history-filter';
import { HistoryFilters } from './HistoryFilters';
import { HistoryTable } from './HistoryTable';
import { ExportCsvButton, ExportCsvStatus } from './ExportCsv';
import type { HistoryFilter } from './queries';
import './wallet.css';
import { useTranslation } from 'react-i18next';

/** A wallet's history: filters, CSV export, writes pending sync, then the confirmed rows. */
export function WalletHistory({
  walletId,
  title,
  actions,
  ledgerRow,
}: {
  walletId: string;
  title?: string;
  /** Buttons shown beside Export CSV (a reseller's Add credit and Adjust). */
  actions?: ReactNode;
  /** Opened at one ledger row (a payment's credit): its day filtered in, the row marked. */
  ledgerRow?: { transactionId: string; day: string };
}) {
  const { t } = useTranslation('wallet');

  const opening = ledgerRow
    ? { ...EMPTY_FILTER_FORM, from: ledgerRow.day, to: ledgerRow.day }
    : EMPTY_FILTER_FORM;
  const opened = historyFilterOf(walletId, opening);
  // The filters chosen outlive a language switch (the history is drawn again, not left). The last
  // valid filter stays applied while the form holds an invalid one (an end before a start).
  const [{ form, applied }, setFilters] = useKeptOverLanguageSwitch<{
    form: HistoryFilterForm;
    applied: HistoryFilter;
  }>(`wallet:history:${walletId}`, { form: opening, applied: opened.ok ? opened.filter : { walletId } });
  const checked = historyFilterOf(walletId, form);

  const change = (next: HistoryFilterForm) => {
    const result = historyFilterOf(walletId, next);
    setFilters((was) => ({ form: next, applied: result.ok ? result.filter : was.applied }));
  };

  return (
    <section className="card history-card" aria-labelledby={`history-title-${walletId}`}>
      <div className="card-header">
        <h2 id={`history-title-${walletId}`}>{title ?? t('history')}</h2>
        <div className="button-row">
          {actions}
          <ExportCsvButton filter={applied} />
        </div>
      </div>
      <HistoryFilters form={form} onChange={change} error={checked.ok ? null : checked} />
      <ExportCsvStatus walletId={walletId} />
      <PendingRows walletId={walletId} kinds={['wallet.credit', 'wallet.adjust']} />
      <HistoryTable
        {...(ledgerRow ? { markedId: ledgerRow.transactionId } : {})}
        filter={applied}
        filtered={applied.type !== undefined || applied.from !== undefined || applied.to !== undefined}
      />
    </section>
  );
}
