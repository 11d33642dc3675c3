import { useMutation, useQueryClient } from '@tanstack/react-query';
import { desktop } from '../bridge';
import { FormMessage } from '../components/Field';
import { Money } from '../components/Money';
import { call, errorMessage } from '../lib/ipc';

/**
 * The drift detector: each cached wallet's ledger (Σ rows, last balance after) against the server's
 * balance, the rows whose chain breaks, and a re-sync of one wallet on request.
 */
export function DriftSection() {
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
      <h2 id="drift-title">Ledger drift</h2>
      <p>Compares each wallet's cached history with the balance the server states now.</p>
      <button type="button" className="button" onClick={() => check.mutate()} disabled={check.isPending}>
        Check for drift
      </button>
      {check.isError && <FormMessage tone="error">{errorMessage(check.error)}</FormMessage>}
      {resync.isError && <FormMessage tone="error">{errorMessage(resync.error)}</FormMessage>}
      {check.data && drifted.length === 0 && (
        <FormMessage tone="success">All {wallets.length} wallets agree with the server.</FormMessage>
      )}
      {drifted.map((w) => (
        <div key={w.walletId} className="card" role="group" aria-label={`Drift in wallet ${w.walletId}`}>
          <p>
            Wallet {w.walletId}: server balance <Money amount={w.serverBalance} currency={w.currency} />,
            cached rows add up to <Money amount={w.sum} currency={w.currency} />.
          </p>
          <ul>
            {w.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
            {w.rows.map((r) => (
              <li key={r.id}>
                Row {r.ordinal} ({r.id}): balance after {r.balanceAfter}, expected {r.expectedBalanceAfter}
              </li>
            ))}
          </ul>
          <button
            type="button"
            className="button"
            onClick={() => resync.mutate(w.walletId)}
            disabled={resync.isPending}
          >
            Re-sync this wallet
          </button>
        </div>
      ))}
    </section>
  );
}
