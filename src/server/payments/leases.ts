import { sql } from 'kysely';
import type { Store } from '../db/database.js';
import type { GatewayEventTable, PaymentTable } from '../db/schema.js';

/** How long a process may work on a leased row before another may take it over (it crashed). */
export const LEASE_MS = 2 * 60_000;

const leaseUntil = (now: Date) => new Date(now.getTime() + LEASE_MS).toISOString();

/**
 * Leases up to `limit` stored-but-unprocessed gateway events (or the ones named in `ids`). On
 * PostgreSQL the candidate rows are locked with FOR UPDATE SKIP LOCKED, so two API processes never
 * take the same row; SQLite has one writer at a time and needs no lock hint.
 */
export async function leaseEvents(
  store: Store,
  now: Date,
  options: { limit: number; ids?: string[] },
): Promise<GatewayEventTable[]> {
  if (options.ids?.length === 0) return [];
  const iso = now.toISOString();
  return store.write(async (trx) => {
    let candidates = trx
      .selectFrom('gateway_events')
      .select('id')
      .where('processed_at', 'is', null)
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', iso)]))
      .orderBy('received_at')
      .limit(options.limit);
    if (options.ids) candidates = candidates.where('id', 'in', options.ids);
    if (store.dialect === 'postgres') candidates = candidates.forUpdate().skipLocked();
    return trx
      .updateTable('gateway_events')
      .set({ lease_until: leaseUntil(now), attempts: sql`attempts + 1` })
      .where('id', 'in', candidates)
      .returningAll()
      .execute();
  });
}

/**
 * Leases open payments matching `where` (expired ones, ones of providers that never call us, or
 * saved-method charges started before `unansweredChargesFrom` and never answered).
 */
export async function leasePayments(
  store: Store,
  now: Date,
  options: {
    limit: number;
    expiredOnly?: boolean;
    providers?: string[];
    ids?: string[];
    unansweredChargesFrom?: string;
  },
): Promise<PaymentTable[]> {
  const iso = now.toISOString();
  if (options.providers?.length === 0 || options.ids?.length === 0) return [];
  return store.write(async (trx) => {
    let candidates = trx
      .selectFrom('payments')
      .select('id')
      .where('status', 'in', ['new', 'processing'])
      // Held for a review: staff decide it, no job asks the provider again or expires it.
      .where('held_for_review', '=', 0)
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', iso)]))
      .orderBy('expires_at')
      .limit(options.limit);
    if (options.expiredOnly) {
      candidates = candidates
        .where('expires_at', '<=', iso)
        // A saved method's charge started and never answered may have been made at the provider:
        // it is not expired without asking. The charge jobs ask (resumeUnansweredCharges, an auto
        // top-up's own job), whether or not it has expired. Any other payment never opened (no
        // provider id to ask about) is expired without asking, rightly: nothing reached its
        // provider, or what the provider opened (a checkout page, an invoice, an address) never
        // reached the payer, its answer lost with the process, so no money can arrive for it.
        .where((eb) =>
          eb.or([
            eb('status', '!=', 'new'),
            eb('saved_method_id', 'is', null),
            eb('checkout', 'is not', null),
          ]),
        );
    }
    if (options.providers) candidates = candidates.where('provider', 'in', options.providers);
    if (options.ids) candidates = candidates.where('id', 'in', options.ids);
    if (options.unansweredChargesFrom) {
      candidates = candidates
        .where('status', '=', 'new')
        .where('saved_method_id', 'is not', null)
        // Nothing stored from the provider yet: the charge was started but never answered here.
        .where('checkout', 'is', null)
        // A pending auto top-up's charge is its own job's: it asks again under that job's lease,
        // and the answer moves the auto top-up on (auto-top-up-job.ts, resolvePending). Found by
        // the wallet (the auto top-up's key), so this costs one lookup per candidate.
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('wallet_auto_top_ups')
                .select('wallet_auto_top_ups.wallet_id')
                .whereRef('wallet_auto_top_ups.wallet_id', '=', 'payments.wallet_id')
                .whereRef('wallet_auto_top_ups.payment_id', '=', 'payments.id'),
            ),
          ),
        )
        .where('created_at', '<=', options.unansweredChargesFrom);
    }
    if (store.dialect === 'postgres') candidates = candidates.forUpdate().skipLocked();
    return trx
      .updateTable('payments')
      .set({ lease_until: leaseUntil(now) })
      .where('id', 'in', candidates)
      .returningAll()
      .execute();
  });
}

export async function releasePayment(store: Store, id: string): Promise<void> {
  await store.write((trx) =>
    trx.updateTable('payments').set({ lease_until: null }).where('id', '=', id).execute(),
  );
}
