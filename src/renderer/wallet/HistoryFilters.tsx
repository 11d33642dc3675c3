import { transactionTypes } from '../../shared/api/wallets';
import { SelectField, TextField } from '../components/Field';
import { TRANSACTION_TYPE_LABELS } from '../lib/format';
import { EMPTY_FILTER_FORM, isFiltered, type HistoryFilterForm } from './history-filter';

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
  return (
    <div className="filters" role="group" aria-label="Filter the history">
      <SelectField
        label="Type"
        value={form.type}
        onChange={(event) => onChange({ ...form, type: event.target.value })}
      >
        <option value="">All types</option>
        {transactionTypes.map((type) => (
          <option key={type} value={type}>
            {TRANSACTION_TYPE_LABELS[type]}
          </option>
        ))}
      </SelectField>
      <TextField
        label="From"
        type="date"
        value={form.from}
        max={form.to || undefined}
        onChange={(event) => onChange({ ...form, from: event.target.value })}
        error={error?.field === 'from' ? error.message : undefined}
      />
      <TextField
        label="To"
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
          Clear filters
        </button>
      )}
    </div>
  );
}
