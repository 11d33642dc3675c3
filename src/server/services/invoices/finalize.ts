import { sql } from 'kysely';
import type { Invoice } from '../../../shared/api/invoices.js';
import type { Trx } from '../../db/database.js';
import type { InvoiceTable } from '../../db/schema.js';
import type { OfferedGateways } from '../../payments/providers.js';
import { toInvoice } from '../../wire/invoice.js';
import { createTopUp } from '../payments/create-top-up.js';
import { attempt, type Result } from '../result.js';
import { requireWrite, type Scope } from '../scope.js';
import { applyFromWallet, lockInvoice, refuseUnlessStatus, saveInvoice, walletInCurrency } from './common.js';

export const DEFAULT_PREFIX = 'INV-{YYYY}-';
/** Days from issue to due when the draft named no due date. */
export const DEFAULT_TERMS_DAYS = 14;

export interface FinalizeInput {
  id: string;
  /** The request's key: the backup charge's payment is keyed from it, so a replay is one charge. */
  idempotencyKey: string;
  /** The gateways this server offers; without them (the demo seed) no saved method is charged. */
  gateways?: OfferedGateways;
}

export interface Finalized {
  invoice: Invoice;
  /** A `new` payment charging the default saved method for what the wallet did not cover: the caller opens it after commit. */
  chargePaymentId: string | null;
}

/**
 * Numbers a draft and opens it (POST /v1/invoices/:id/finalize). The number comes from the
 * reseller's counter row, incremented in this transaction: concurrent finalizes queue on that row
 * and each gets the next number; a finalize that rolls back takes its increment with it (no gap).
 *
 * With auto-pay (the invoice's override, else the customer's setting) the payment priority follows:
 * the wallet in the invoice's currency first, then the rest charged to the customer's default saved
 * method off-session through the top-up service (settling that payment pays the invoice); with
 * neither, the invoice stays partially paid with its amount due.
 */
export function finalizeInvoice(
  trx: Trx,
  scope: Scope,
  input: FinalizeInput,
  now: string,
): Promise<Result<Finalized, 'not_found' | 'conflict' | 'forbidden'>> {
  return attempt(['not_found', 'conflict', 'forbidden'], async () => {
    requireWrite(scope);
    const draft = await lockInvoice(trx, scope, input.id);
    refuseUnlessStatus(draft, ['draft'], 'finalized');
    const { sequence, number } = await nextNumber(trx, scope.resellerId, now);
    let row = await saveInvoice(
      trx,
      draft.id,
      {
        number,
        sequence,
        status: draft.total === 0 ? 'paid' : 'open',
        issued_at: now,
        paid_at: draft.total === 0 ? now : null,
        due_date: draft.due_date ?? addDays(now, DEFAULT_TERMS_DAYS),
      },
      now,
    );
    let chargePaymentId: string | null = null;
    if (row.status === 'open' && (await autoPayOf(trx, row))) {
      const wallet = await walletInCurrency(trx, row);
      if (wallet) {
        row = (await applyFromWallet(trx, row, wallet, now)).row;
        if (row.amount_due > 0) chargePaymentId = await chargeBackup(trx, row, wallet.id, input, now);
        if (chargePaymentId)
          row = await saveInvoice(trx, row.id, { pending_payment_id: chargePaymentId }, now);
      }
    }
    return { invoice: toInvoice(row), chargePaymentId };
  });
}

export async function nextNumber(trx: Trx, resellerId: string, now: string) {
  await trx
    .insertInto('invoice_series')
    .values({ reseller_id: resellerId, prefix: DEFAULT_PREFIX, last_number: 0, updated_at: now })
    .onConflict((oc) => oc.column('reseller_id').doNothing())
    .execute();
  const series = await trx
    .updateTable('invoice_series')
    .set({ last_number: sql`last_number + 1`, updated_at: now })
    .where('reseller_id', '=', resellerId)
    .returning(['last_number', 'prefix'])
    .executeTakeFirstOrThrow();
  const sequence = Number(series.last_number);
  return { sequence, number: formatNumber(series.prefix, sequence, now) };
}

/** The prefix of a test-mode receipt's number: real prefixes may not start with it (settings.ts). */
export const TEST_PREFIX = 'TEST-{YYYY}-';

/**
 * A test-mode receipt's number (`TEST-2026-000003`), from the reseller's own test counter on the
 * series row (0400) and under the same lock, so the real series (`last_number`) is untouched and
 * stays gapless. No `sequence`: that is the position in the real series.
 */
export async function nextTestNumber(trx: Trx, resellerId: string, now: string) {
  await trx
    .insertInto('invoice_series')
    .values({ reseller_id: resellerId, prefix: DEFAULT_PREFIX, last_number: 0, updated_at: now })
    .onConflict((oc) => oc.column('reseller_id').doNothing())
    .execute();
  const series = await trx
    .updateTable('invoice_series')
    .set({ test_last_number: sql`test_last_number + 1`, updated_at: now })
    .where('reseller_id', '=', resellerId)
    .returning(['test_last_number'])
    .executeTakeFirstOrThrow();
  return { sequence: null, number: formatNumber(TEST_PREFIX, Number(series.test_last_number), now) };
}

/** `INV-{YYYY}-` and 42 → `INV-2026-000042`. */
export function formatNumber(prefix: string, sequence: number, now: string): string {
  return `${prefix.replaceAll('{YYYY}', now.slice(0, 4))}${String(sequence).padStart(6, '0')}`;
}

function addDays(now: string, days: number): string {
  return new Date(Date.parse(now) + days * 86_400_000).toISOString().slice(0, 10);
}

async function autoPayOf(trx: Trx, row: InvoiceTable): Promise<boolean> {
  if (row.auto_pay !== null) return row.auto_pay === 1;
  const setting = await trx
    .selectFrom('invoice_customer_settings')
    .select('auto_pay')
    .where('customer_id', '=', row.customer_id)
    .executeTakeFirst();
  return setting?.auto_pay === 1;
}

/** The rest, charged to the default (else the newest) confirmed saved method; null when there is none or it is refused. */
async function chargeBackup(
  trx: Trx,
  row: InvoiceTable,
  walletId: string,
  input: FinalizeInput,
  now: string,
): Promise<string | null> {
  const saved = await trx
    .selectFrom('saved_methods')
    .selectAll()
    .where('reseller_id', '=', row.reseller_id)
    .where('customer_id', '=', row.customer_id)
    .where('status', '=', 'confirmed')
    .where('deleted_at', 'is', null)
    .where('token', 'is not', null)
    .orderBy('is_default', 'desc')
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  if (!saved || !input.gateways) return null;
  const created = await createTopUp(
    trx,
    { resellerId: row.reseller_id, canWrite: true },
    {
      walletId,
      body: {
        amount: row.amount_due,
        provider: saved.provider as never,
        payerId: saved.payer_id,
        savedMethodId: saved.id,
      },
      idempotencyKey: `${input.idempotencyKey}:invoice-autopay`,
      gateways: input.gateways,
    },
    now,
  );
  // Not chargeable now (method switched off, outside the top-up limits): the invoice stays partly paid.
  if (!created.ok) return null;
  await trx.updateTable('payments').set({ invoice_id: row.id }).where('id', '=', created.value.id).execute();
  return created.value.id;
}
