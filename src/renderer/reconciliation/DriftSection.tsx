import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { desktop } from '../bridge';
import { FormMessage } from '../components/Field';
import { Money } from '../components/Money';
import { call, errorMessage } from '../lib/ipc';
import { walletName } from '../payments/payment-facts';
import { walletQueries } from '../wallet/queries';
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
  // Each drifted wallet by its customer and currency, as people know it (its id until the names come).
  const named = useQuery(walletQueries.named(drifted.map((w) => w.walletId)));
  const nameOf = (walletId: string) => {
    const wallet = named.data?.get(walletId);
    return wallet ? walletName(wallet) : walletId;
  };

  return (
    <section className="card" aria-labelledby="drift-title">
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
          aria-label={t('driftInWallet', { wallet: nameOf(w.walletId) })}
        >
          <p>
            <Trans
              t={t}
              i18nKey="walletDrift"
              values={{ wallet: nameOf(w.walletId) }}
              components={{
                server: <Money amount={w.serverBalance} currency={w.currency} />,
                sum: <Money amount={w.sum} currency={w.currency} />,
              }}
            />
          </p>
          <ul>
            {w.lastBalanceAfter === null ? (
              <li>{t('noCachedRows')}</li>
            ) : (
              w.lastBalanceAfter !== w.serverBalance && (
                <li>
                  <Trans
                    t={t}
                    i18nKey="lastRowSays"
                    components={{ amount: <Money amount={w.lastBalanceAfter} currency={w.currency} /> }}
                  />
                </li>
              )
            )}
            {w.cachedBalance !== null && w.cachedBalance !== w.serverBalance && (
              <li>
                <Trans
                  t={t}
                  i18nKey="cachedWalletSays"
                  components={{ amount: <Money amount={w.cachedBalance} currency={w.currency} /> }}
                />
              </li>
            )}
            {w.rows.length > 0 && <li>{t('rowsBreakTheChain', { count: w.rows.length })}</li>}
            {w.rows.map((r) => (
              <li key={r.id}>
                <Trans
                  t={t}
                  i18nKey="rowBalanceAfterExpected"
                  values={{ ordinal: r.ordinal, id: r.id }}
                  components={{
                    after: <Money amount={r.balanceAfter} currency={w.currency} />,
                    expected: <Money amount={r.expectedBalanceAfter} currency={w.currency} />,
                  }}
                />
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
