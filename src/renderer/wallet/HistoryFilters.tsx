import { transactionTypes } from '../../shared/api/wallets';
import { SelectField, TextField } from '../components/Field';
import { TRANSACTION_TYPE_LABELS } from '../lib/format';
import { EMPTY_FILTER_FORM, isFiltered, type HistoryFilterForm } from './history-filter';
import { useTranslation } from 'react-i18next';

/** Type and date range; applied as they change (dates are calendar days, both ends included). */
export function HistoryFilters({
  form,
  onChange,
  error,
}: {
  form: HistoryFilterForm;
  onChange: (form: HistoryFilterForm) => void;
  error: { field: 'from' | 'to'; message: string } | null;
}) {
  const { t } = useTranslation('wallet');

  return (
    <div className="filters" role="group" aria-label={t('filterTheHistory')}>
      <SelectField
        label={t('type')}
        value={form.type}
        onChange={(event) => onChange({ ...form, type: event.target.value })}
      >
        <option value="">{t('allTypes')}</option>
        {transactionTypes.map((type) => (
          <option key={type} value={type}>
            {TRANSACTION_TYPE_LABELS[type]}
          </option>
        ))}
      </SelectField>
      <TextField
        label={t('from')}
        type="date"
        value={form.from}
        max={form.to || undefined}
        onChange={(event) => onChange({ ...form, from: event.target.value })}
        error={error?.field === 'from' ? error.message : undefined}
      />
      <TextField
        label={t('to2')}
        type="date"
        value={form.to}
        min={form.from || undefined}
        onChange={(event) => onChange({ ...form, to: event.target.value })}
        error={error?.field === 'to' ? error.message : undefined}
      />
      {isFiltered(form) && (
        <button
          type="button"
          className="button button-ghost filters-clear"
          onClick={() => onChange(EMPTY_FILTER_FORM)}
        >
          {t('clearFilters')}
        </button>
      )}
    </div>
  );
}
