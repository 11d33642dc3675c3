import type { BatchRefundResult } from '../../shared/api/orders';
import { FormMessage, TextField } from '../components/Field';
import { Money } from '../components/Money';
import { errorMessage } from '../lib/ipc';
import { useKeptOverLanguageSwitch } from '../shell/kept-over-language-switch';
import { useBatchRefund } from './mutations';
import { useTranslation } from 'react-i18next';

/**
 * A failed provisioning run: the selected orders are first previewed (a dry run lists every refund
 * and the total, nothing moves), then refunded on confirmation. Each order is refunded at most once.
 */
export function BatchRefund({ orderIds, onDone }: { orderIds: string[]; onDone: () => void }) {
  const { t } = useTranslation('orders');
  const outcomeWords: Record<BatchRefundResult['items'][number]['outcome'], string> = {
    refund: t('batchOutcome.refund'),
    refunded: t('batchOutcome.refunded'),
    already_refunded: t('batchOutcome.already_refunded'),
    skipped: t('batchOutcome.skipped'),
  };

  const run = useBatchRefund();
  // Kept over a language switch. null: the default reason, read in the language shown.
  const [typed, setTyped] = useKeptOverLanguageSwitch<string | null>('orders:batch-refund:reason', null);
  const reason = typed ?? t('batchRefundDefaultReason');
  const [preview, setPreview] = useKeptOverLanguageSwitch<BatchRefundResult | null>(
    'orders:batch-refund:preview',
    null,
  );
  const [done, setDone] = useKeptOverLanguageSwitch<BatchRefundResult | null>(
    'orders:batch-refund:done',
    null,
  );
  const shown = done ?? preview;
  const start = (dryRun: boolean) =>
    run.mutate(
      { orderIds, reason, dryRun },
      {
        onSuccess: (result) => {
          if (dryRun) {
            setPreview(result);
            setDone(null);
          } else {
            setDone(result);
            setPreview(null);
            onDone();
          }
        },
      },
    );

  return (
    <div className="batch-refund">
      <TextField label={t('reason')} value={reason} onChange={(e) => setTyped(e.target.value)} />
      <div className="form-actions">
        <button
          type="button"
          className="button"
          disabled={orderIds.length === 0 || run.isPending || reason.trim() === ''}
          onClick={() => start(true)}
        >
          {t('previewRefundsSelected', { count: orderIds.length })}
        </button>
        {preview && (
          <button
            type="button"
            className="button button-danger"
            disabled={run.isPending}
            onClick={() => start(false)}
          >
            {t('refundTheseOrders')}
          </button>
        )}
      </div>
      {run.isError && <FormMessage tone="error">{errorMessage(run.error)}</FormMessage>}
      {shown && (
        <table className="data-table orders-table" aria-label={done ? t('refundsMade') : t('refundsPreview')}>
          <thead>
            <tr>
              <th scope="col">{t('order')}</th>
              <th scope="col">{t('outcome')}</th>
              <th scope="col" className="cell-amount">
                {t('amount')}
              </th>
              <th scope="col">{t('detail')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.items.map((item) => (
              <tr key={item.orderId}>
                <td className="cell-text">{item.number ?? item.orderId}</td>
                <td>{outcomeWords[item.outcome]}</td>
                <td className="cell-amount">
                  {item.currency ? <Money amount={item.amount} currency={item.currency} /> : '—'}
                </td>
                <td className="cell-text">{item.detail}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={2}>
                {t('total')}
              </th>
              <td className="cell-amount" colSpan={2} data-testid="batch-refund-total">
                {Object.entries(shown.totals).length === 0
                  ? '—'
                  : Object.entries(shown.totals).map(([currency, amount]) => (
                      <Money key={currency} amount={amount} currency={currency} />
                    ))}
              </td>
            </tr>
          </tfoot>
        </table>
      )}
    </div>
  );
}
