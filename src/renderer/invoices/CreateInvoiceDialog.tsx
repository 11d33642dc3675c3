import { useState, type FormEvent } from 'react';
import { CURRENCIES, type Currency } from '../../shared/money';
import { Dialog } from '../components/Dialog';
import { FormMessage, SelectField, TextField } from '../components/Field';
import { CustomerPicker } from '../customers/CustomerPicker';
import { checkAmount } from '../lib/amount-input';
import { errorMessage } from '../lib/ipc';
import { useUi } from '../shell/ui-store';
import { useCreateDraft } from './mutations';
import { useTranslation } from 'react-i18next';

interface LineDraft {
  description: string;
  quantity: string;
  unitAmount: string;
  taxPercent: string;
}

const emptyLine = (): LineDraft => ({ description: '', quantity: '1', unitAmount: '', taxPercent: '' });

/** Staff write a draft invoice: queued in the outbox, so it works offline too. */
export function CreateInvoiceDialog({
  open,
  onClose,
  customerId,
}: {
  open: boolean;
  onClose: () => void;
  customerId?: string;
}) {
  const { t } = useTranslation('invoices');

  const [customer, setCustomer] = useState(customerId ?? '');
  const [currency, setCurrency] = useState<Currency>('USD');
  const [dueDate, setDueDate] = useState('');
  const [memo, setMemo] = useState('');
  const [lines, setLines] = useState<LineDraft[]>([emptyLine()]);
  const [problem, setProblem] = useState<string | null>(null);
  const create = useCreateDraft();
  const navigated = useUi((state) => state.navigated);

  const setLine = (i: number, patch: Partial<LineDraft>) =>
    setLines((all) => all.map((l, j) => (j === i ? { ...l, ...patch } : l)));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    if (!customer) return setProblem(t('error.customerMissing'));
    const parsed = [];
    for (const [i, l] of lines.entries()) {
      const amount = checkAmount(l.unitAmount, currency, 'positive');
      const quantity = Number(l.quantity);
      const tax = l.taxPercent.trim() === '' ? undefined : Math.round(Number(l.taxPercent) * 100);
      if (!l.description.trim()) return setProblem(t('error.lineDescription', { line: i + 1 }));
      if (!Number.isInteger(quantity) || quantity < 1)
        return setProblem(t('error.lineQuantity', { line: i + 1 }));
      if (!amount.ok) return setProblem(t('error.lineAmount', { line: i + 1, message: amount.message }));
      if (tax !== undefined && (!Number.isInteger(tax) || tax < 0 || tax > 10_000))
        return setProblem(t('error.lineTax', { line: i + 1 }));
      parsed.push({
        description: l.description.trim(),
        quantity,
        unitAmount: amount.value,
        ...(tax !== undefined ? { taxRateBps: tax } : {}),
      });
    }
    create.mutate(
      {
        customerId: customer,
        currency,
        lines: parsed,
        ...(dueDate ? { dueDate } : {}),
        ...(memo.trim() ? { memo: memo.trim() } : {}),
      },
      {
        onSuccess: (item) => {
          onClose();
          navigated({ page: 'invoice', invoiceId: item.payload.localId });
        },
        onError: (error) => setProblem(errorMessage(error)),
      },
    );
  };

  return (
    <Dialog open={open} title={t('newInvoice')} description={t('aDraftFinalizeIt')} onClose={onClose}>
      <form className="form" onSubmit={submit} noValidate>
        <CustomerPicker value={customer} onChange={setCustomer} emptyLabel={t('chooseACustomer')} pending />
        <SelectField
          label={t('currency')}
          value={currency}
          onChange={(e) => setCurrency(e.target.value as Currency)}
        >
          {CURRENCIES.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('dueDate')}
          type="date"
          value={dueDate}
          onChange={(e) => setDueDate(e.target.value)}
        />
        {lines.map((l, i) => (
          <fieldset key={i} className="invoice-line-fields">
            <legend>{t('line', { value: i + 1 })}</legend>
            <TextField
              label={t('description')}
              value={l.description}
              onChange={(e) => setLine(i, { description: e.target.value })}
            />
            <TextField
              label={t('quantity')}
              inputMode="numeric"
              value={l.quantity}
              onChange={(e) => setLine(i, { quantity: e.target.value })}
            />
            <TextField
              label={t('unitPrice')}
              inputMode="decimal"
              value={l.unitAmount}
              onChange={(e) => setLine(i, { unitAmount: e.target.value })}
            />
            <TextField
              label={t('tax')}
              inputMode="decimal"
              value={l.taxPercent}
              onChange={(e) => setLine(i, { taxPercent: e.target.value })}
            />
          </fieldset>
        ))}
        <button type="button" className="button" onClick={() => setLines((all) => [...all, emptyLine()])}>
          {t('addLine')}
        </button>
        <TextField label={t('memo')} value={memo} onChange={(e) => setMemo(e.target.value)} />
        {problem && <FormMessage tone="error">{problem}</FormMessage>}
        <div className="form-actions">
          <button type="button" className="button" onClick={onClose}>
            {t('cancel')}
          </button>
          <button type="submit" className="button button-primary" disabled={create.isPending}>
            {t('createDraft')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
