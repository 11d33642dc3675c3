import type { z } from 'zod';
import type { createProductBody, updateProductBody } from '../../../shared/api/orders.js';
import type { Trx } from '../../db/database.js';
import type { ProductTable } from '../../db/schema.js';
import { ordersId } from '../../lib/order-ids.js';
import { recordChanges } from '../../sync/record.js';
import { productChange } from '../../wire/order.js';
import { findProduct, type Reader } from '../lookups.js';
import { attempt, type Result } from '../result.js';
import { recordAudit } from '../audit/record.js';
import { requireWrite, type Scope } from '../scope.js';

export type CreateProduct = z.output<typeof createProductBody>;
export type UpdateProduct = z.output<typeof updateProductBody>;

/** A catalog entry of the reseller (staff: the reseller admin). */
export function createProduct(
  trx: Trx,
  scope: Scope,
  input: CreateProduct,
  now: string,
): Promise<Result<ProductTable, 'forbidden'>> {
  return attempt(['forbidden'], async () => {
    requireWrite(scope);
    const row: ProductTable = {
      id: ordersId('product', Date.parse(now)),
      reseller_id: scope.resellerId,
      name: input.name,
      description: input.description,
      prices: JSON.stringify(input.prices),
      period: input.period,
      active: input.active ? 1 : 0,
      provisioning_timeout_minutes: input.provisioningTimeoutMinutes,
      created_at: now,
      updated_at: now,
    };
    await trx.insertInto('products').values(row).execute();
    await recordChanges(trx, now, [productChange(row, 'create')]);
    await recordAudit(
      trx,
      scope,
      { action: 'product.created', entityType: 'product', entityId: row.id, after: productFacts(row) },
      now,
    );
    return row;
  });
}

/**
 * Changes a product. Orders and subscriptions keep the price and period they were placed at (a
 * subscription copies both when it starts): a new price or period applies to new orders only.
 */
export function updateProduct(
  trx: Trx,
  scope: Scope,
  input: { productId: string; changes: UpdateProduct },
  now: string,
): Promise<Result<ProductTable, 'forbidden' | 'not_found'>> {
  return attempt(['forbidden', 'not_found'], async () => {
    requireWrite(scope);
    const current = await findProduct(trx, scope, input.productId);
    const c = input.changes;
    const row: ProductTable = {
      ...current,
      name: c.name ?? current.name,
      description: c.description ?? current.description,
      prices: c.prices ? JSON.stringify(c.prices) : current.prices,
      period: c.period ?? current.period,
      active: c.active === undefined ? current.active : c.active ? 1 : 0,
      provisioning_timeout_minutes: c.provisioningTimeoutMinutes ?? current.provisioning_timeout_minutes,
      updated_at: now,
    };
    await trx
      .updateTable('products')
      .set({
        name: row.name,
        description: row.description,
        prices: row.prices,
        period: row.period,
        active: row.active,
        provisioning_timeout_minutes: row.provisioning_timeout_minutes,
        updated_at: now,
      })
      .where('id', '=', row.id)
      .execute();
    await recordChanges(trx, now, [productChange(row, 'update')]);
    await recordAudit(
      trx,
      scope,
      {
        action: 'product.updated',
        entityType: 'product',
        entityId: row.id,
        before: productFacts(current),
        after: productFacts(row),
      },
      now,
    );
    return row;
  });
}

/** The reseller's catalog, newest first; a customer sees the active products only. */
export function productsQuery(db: Reader, scope: Scope, filters: { active?: 'true' | 'false' | undefined }) {
  let q = db.selectFrom('products').selectAll().where('reseller_id', '=', scope.resellerId);
  if (scope.customerId) q = q.where('active', '=', 1);
  else if (filters.active) q = q.where('active', '=', filters.active === 'true' ? 1 : 0);
  return q;
}

/** What the audit trail keeps of a product: its name, prices, period and whether it is on sale. */
function productFacts(row: ProductTable) {
  return {
    name: row.name,
    prices: JSON.parse(row.prices) as unknown,
    period: row.period,
    active: row.active === 1,
  };
}
