import { transactionTypes, type TransactionType } from '../../shared/api/wallets';
import { i18n } from '../i18n';
import type { HistoryFilter } from './queries';

export interface HistoryFilterForm {
  type: string;
  from: string;
  to: string;
}

export const EMPTY_FILTER_FORM: HistoryFilterForm = { type: '', from: '', to: '' };

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The history filter the form describes, or why it describes none. Dates are calendar days (what
 * <input type="date"> gives), both ends inclusive.
 */
export function historyFilterOf(
  walletId: string,
  form: HistoryFilterForm,
): { ok: true; filter: HistoryFilter } | { ok: false; field: 'from' | 'to'; message: string } {
  if (form.from !== '' && !DAY.test(form.from))
    return { ok: false, field: 'from', message: i18n.t('wallet:filter.enterDate') };
  if (form.to !== '' && !DAY.test(form.to))
    return { ok: false, field: 'to', message: i18n.t('wallet:filter.enterDate') };
  if (form.from !== '' && form.to !== '' && form.from > form.to) {
    return { ok: false, field: 'to', message: i18n.t('wallet:filter.endBeforeStart') };
  }
  const filter: HistoryFilter = { walletId };
  if ((transactionTypes as readonly string[]).includes(form.type)) filter.type = form.type as TransactionType;
  if (form.from !== '') filter.from = form.from;
  if (form.to !== '') filter.to = form.to;
  return { ok: true, filter };
}

export function isFiltered(form: HistoryFilterForm): boolean {
  return form.type !== '' || form.from !== '' || form.to !== '';
}
