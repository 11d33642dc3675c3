import type { Trx } from '../../db/database.js';
import { findCustomer, type Reader } from '../lookups.js';
import { attempt, type Result } from '../result.js';
import { recordAudit } from '../audit/record.js';
import { requireWrite, type Scope } from '../scope.js';
import { DEFAULT_PREFIX } from './finalize.js';

/** Whether finalizing this customer's invoices pays them at once (off unless set). */
export async function readCustomerInvoiceSettings(db: Reader, scope: Scope, customerId: string) {
  const customer = await findCustomer(db, scope, customerId);
  const row = await db
    .selectFrom('invoice_customer_settings')
    .select('auto_pay')
    .where('customer_id', '=', customer.id)
    .executeTakeFirst();
  return { customerId: customer.id, autoPay: row?.auto_pay === 1 };
}

export function setCustomerInvoiceSettings(
  trx: Trx,
  scope: Scope,
  input: { customerId: string; autoPay: boolean },
  now: string,
): Promise<Result<{ customerId: string; autoPay: boolean }, 'not_found' | 'forbidden'>> {
  return attempt(['not_found', 'forbidden'], async () => {
    requireWrite(scope);
    const customer = await findCustomer(trx, scope, input.customerId);
    const autoPay = input.autoPay ? 1 : 0;
    const before = await trx
      .selectFrom('invoice_customer_settings')
      .select('auto_pay')
      .where('customer_id', '=', customer.id)
      .executeTakeFirst();
    await trx
      .insertInto('invoice_customer_settings')
      .values({ customer_id: customer.id, reseller_id: scope.resellerId, auto_pay: autoPay, updated_at: now })
      .onConflict((oc) => oc.column('customer_id').doUpdateSet({ auto_pay: autoPay, updated_at: now }))
      .execute();
    await recordAudit(
      trx,
      scope,
      {
        action: 'customer_invoice_settings.updated',
        entityType: 'customer',
        entityId: customer.id,
        before: { autoPay: before?.auto_pay === 1 },
        after: { autoPay: input.autoPay },
      },
      now,
    );
    return { customerId: customer.id, autoPay: input.autoPay };
  });
}

export async function readInvoiceSeries(db: Reader, scope: Scope) {
  const row = await db
    .selectFrom('invoice_series')
    .select(['prefix', 'last_number', 'bank_details', 'offer_top_up'])
    .where('reseller_id', '=', scope.resellerId)
    .executeTakeFirst();
  return {
    prefix: row?.prefix ?? DEFAULT_PREFIX,
    lastNumber: Number(row?.last_number ?? 0),
    bankDetails: row?.bank_details ?? null,
    offerTopUp: row?.offer_top_up === 1,
  };
}

/** The reseller's prefix for numbers issued from now on; numbers already issued keep theirs. */
export function setInvoicePrefix(
  trx: Trx,
  scope: Scope,
  input: { prefix: string; bankDetails?: string | null | undefined; offerTopUp?: boolean | undefined },
  now: string,
): Promise<
  Result<{ prefix: string; lastNumber: number; bankDetails: string | null; offerTopUp: boolean }, 'forbidden'>
> {
  return attempt(['forbidden'], async () => {
    requireWrite(scope);
    const row = await trx
      .insertInto('invoice_series')
      .values({
        reseller_id: scope.resellerId,
        prefix: input.prefix,
        last_number: 0,
        bank_details: input.bankDetails ?? null,
        offer_top_up: input.offerTopUp ? 1 : 0,
        updated_at: now,
      })
      .onConflict((oc) =>
        oc.column('reseller_id').doUpdateSet({
          prefix: input.prefix,
          ...(input.bankDetails !== undefined ? { bank_details: input.bankDetails } : {}),
          ...(input.offerTopUp !== undefined ? { offer_top_up: input.offerTopUp ? 1 : 0 } : {}),
          updated_at: now,
        }),
      )
      .returning(['prefix', 'last_number', 'bank_details', 'offer_top_up'])
      .executeTakeFirstOrThrow();
    await recordAudit(
      trx,
      scope,
      {
        action: 'invoice_settings.updated',
        entityType: 'invoice_series',
        entityId: scope.resellerId,
        after: {
          prefix: row.prefix,
          bankDetails: row.bank_details ?? null,
          offerTopUp: row.offer_top_up === 1,
        },
      },
      now,
    );
    return {
      prefix: row.prefix,
      lastNumber: Number(row.last_number),
      bankDetails: row.bank_details ?? null,
      offerTopUp: row.offer_top_up === 1,
    };
  });
}
