import { useMutation, useQueryClient } from '@tanstack/react-query';
import { desktop } from '../bridge';
import { FormMessage } from '../components/Field';
import { Money } from '../components/Money';
import { call, errorMessage } from '../lib/ipc';
import { Trans, useTranslation } from 'react-i18next';

/**
 * The drift detector: each cached wallet's ledger (Σ rows, last balance after) against the server's
 * balance, the rows whose chain breaks, and a re-sync of one wallet on request.
 */
export function DriftSection() {
  const { t } = useTranslation('reconciliation');

  const queryClient = useQueryClient();
  const check = useMutation({ mutationFn: () => call(desktop().driftCheck({})) });
  const resync = useMutation({
    mutationFn: (walletId: string) => call(desktop().driftResync({ walletId })),
    onSuccess: () => {
      void queryClient.invalidateQueries();
      check.mutate();
    },
  });
  const wallets = check.data?.wallets ?? [];
  const drifted = wallets.filter((w) => w.drifted);

  return (
    <section aria-labelledby="drift-title">
      <h2 id="drift-title">{t('ledgerDrift')}</h2>
      <p>{t('comparesEachWalletS')}</p>
      <button type="button" className="button" onClick={() => check.mutate()} disabled={check.isPending}>
        {t('checkForDrift')}
      </button>
      {check.isError && <FormMessage tone="error">{errorMessage(check.error)}</FormMessage>}
      {resync.isError && <FormMessage tone="error">{errorMessage(resync.error)}</FormMessage>}
      {check.data && drifted.length === 0 && (
        <FormMessage tone="success">{t('allWalletsAgreeWith', { count: wallets.length })}</FormMessage>
      )}
      {drifted.map((w) => (
        <div
          key={w.walletId}
          className="card"
          role="group"
          aria-label={t('driftInWallet', { walletId: w.walletId })}
        >
          <p>
            <Trans
              t={t}
              i18nKey="walletDrift"
              values={{ walletId: w.walletId }}
              components={{
                server: <Money amount={w.serverBalance} currency={w.currency} />,
                sum: <Money amount={w.sum} currency={w.currency} />,
              }}
            />
          </p>
          <ul>
            {w.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
            {w.rows.map((r) => (
              <li key={r.id}>
                {t('rowBalanceAfterExpected', {
                  ordinal: r.ordinal,
                  id: r.id,
                  balanceAfter: r.balanceAfter,
                  expectedBalanceAfter: r.expectedBalanceAfter,
                })}
              </li>
            ))}
          </ul>
          <button
            type="button"
            className="button"
            onClick={() => resync.mutate(w.walletId)}
            disabled={resync.isPending}
          >
            {t('reSyncThisWallet')}
          </button>
        </div>
      ))}
    </section>
  );
}
