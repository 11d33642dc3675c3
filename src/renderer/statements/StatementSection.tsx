import { useState } from 'react';
import { FileField, TextField } from '../components/Field';
import { ErrorState } from '../components/States';
import { useDownloadStatement, useVerifyStatement } from './mutations';
import { lastMonth } from './period';
import { statementProblemText } from './statement-problems';
import { useTranslation } from 'react-i18next';

/**
 * A wallet's signed statement for a period (PDF or CSV, from the billing API), and a check of any
 * statement file: intact (nothing changed, removed or moved) and genuine (signed by this API).
 */
export function StatementSection({ walletId }: { walletId: string }) {
  const { t } = useTranslation('statements');

  const [period, setPeriod] = useState(() => lastMonth(new Date()));
  const download = useDownloadStatement();
  const verify = useVerifyStatement();
  const backwards = period.to < period.from;

  return (
    <section className="section card statement-card" aria-labelledby="statement-title">
      <div className="section-header">
        <h2 id="statement-title" className="section-title">
          {t('statement')}
        </h2>
      </div>
      <p className="muted">{t('everyRowCarriesA')}</p>
      <div className="inline-form">
        <TextField
          label={t('from')}
          type="date"
          value={period.from}
          onChange={(event) => setPeriod({ ...period, from: event.target.value })}
        />
        <TextField
          label={t('to')}
          type="date"
          value={period.to}
          error={backwards ? t('toBeforeFrom') : undefined}
          onChange={(event) => setPeriod({ ...period, to: event.target.value })}
        />
        {(['pdf', 'csv'] as const).map((format) => (
          <button
            key={format}
            type="button"
            className="button"
            disabled={backwards || download.isPending}
            onClick={() => download.mutate({ walletId, ...period, format })}
          >
            {download.isPending && download.variables?.format === format
              ? t('preparing')
              : t('download', { value: format.toUpperCase() })}
          </button>
        ))}
      </div>
      {download.isError && <ErrorState title={t('couldNotGetThe')} error={download.error} compact />}

      <FileField
        label={t('checkAStatementFile')}
        accept=".pdf,.csv,.json,application/pdf,text/csv,application/json"
        onFile={(file) => file && verify.mutate(file)}
      />
      {verify.isPending && <p role="status">{t('checking')}</p>}
      {verify.isError && <ErrorState title={t('couldNotCheckThis')} error={verify.error} compact />}
      {verify.data && (
        <div
          role="status"
          className={verify.data.intact && verify.data.genuine ? 'state state-success' : 'state state-error'}
        >
          <div>
            <p className="state-title">
              {verify.data.intact && verify.data.genuine
                ? t('intactAndGenuineSigned')
                : t('verdict', {
                    intact: verify.data.intact ? t('intact') : t('notIntact'),
                    genuine: verify.data.genuine ? t('genuine') : t('notGenuine'),
                  })}
            </p>
            {verify.data.walletId && (
              <p className="state-detail">
                {verify.data.period
                  ? t('walletPeriod', {
                      walletId: verify.data.walletId,
                      from: verify.data.period.from,
                      to: verify.data.period.to,
                      kind: verify.data.kind.toUpperCase(),
                    })
                  : t('walletOnly', { walletId: verify.data.walletId, kind: verify.data.kind.toUpperCase() })}
              </p>
            )}
            {verify.data.problems.length > 0 && (
              <ul className="statement-problems">
                {verify.data.problems.map((problem, i) => (
                  <li key={i}>{statementProblemText(problem)}</li>
                ))}
              </ul>
            )}
          </div>
        </div>
      )}
    </section>
  );
}
