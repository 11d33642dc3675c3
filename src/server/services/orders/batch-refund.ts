import type { BatchRefundResult } from '../../../shared/api/orders.js';
import type { Trx } from '../../db/database.js';
import { Failure } from '../failure.js';
import { findOrder } from '../lookups.js';
import { attempt, type Result } from '../result.js';
import { recordAudit } from '../audit/record.js';
import { refundedSoFar } from '../refunds/refund-payment.js';
import { requireWrite, type Scope } from '../scope.js';
import { settle } from './settle.js';

type Item = BatchRefundResult['items'][number];

/**
 * Refunds of a failed provisioning run: every named order still `provisioning` fails and is refunded
 * in full. A dry run answers every refund it would make and the totals per currency and writes
 * nothing; the real run makes them. Idempotent per order: an order already failed and refunded is
 * reported `already_refunded` and refunded no further; completed or partial orders are skipped
 * (their outcome was reported: refund what is left of them one by one).
 */
export function batchRefund(
  trx: Trx,
  scope: Scope,
  input: { orderIds: string[]; reason: string; dryRun: boolean },
  now: string,
): Promise<Result<BatchRefundResult, 'forbidden' | 'wallet_closed'>> {
  return attempt(['forbidden', 'wallet_closed'], async () => {
    requireWrite(scope);
    const items: Item[] = [];
    const totals: Record<string, number> = {};
    for (const orderId of [...new Set(input.orderIds)]) {
      let order;
      try {
        order = await findOrder(trx, scope, orderId);
      } catch (error) {
        if (!(error instanceof Failure) || error.code !== 'not_found') throw error;
        items.push({
          orderId,
          number: null,
          outcome: 'skipped',
          amount: 0,
          currency: null,
          detail: 'no such order',
        });
        continue;
      }
      const base = { orderId, number: order.number, currency: order.currency };
      if (order.status === 'failed') {
        items.push({
          ...base,
          outcome: 'already_refunded',
          amount: 0,
          detail: `refunded ${order.refunded} before`,
        });
        continue;
      }
      if (order.status !== 'provisioning') {
        items.push({
          ...base,
          outcome: 'skipped',
          amount: 0,
          detail: `already ${order.status} (${order.provisioned ?? 0} of ${order.quantity} provisioned)`,
        });
        continue;
      }
      // What is left of the payment: staff may have refunded part of it by hand (settle.ts).
      const amount = input.dryRun
        ? order.total - (await refundedSoFar(trx, order.payment_transaction_id))
        : ((await settle(trx, scope, order, { provisioned: 0, reason: input.reason }, now)).refund?.amount ??
          0);
      items.push({
        ...base,
        outcome: input.dryRun ? 'refund' : 'refunded',
        amount,
        detail: `${order.quantity} × ${order.product_name}`,
      });
      totals[order.currency] = (totals[order.currency] ?? 0) + amount;
    }
    const refunded = items.filter((i) => i.outcome === 'refunded');
    // Each refund row is audited as transaction.refunded; this record says they were one decision.
    if (refunded.length > 0) {
      await recordAudit(
        trx,
        scope,
        {
          action: 'orders.batch_refunded',
          entityType: 'reseller',
          entityId: scope.resellerId,
          after: { orderIds: refunded.map((i) => i.orderId), totals },
          reason: input.reason,
        },
        now,
      );
    }
    return { dryRun: input.dryRun, items, totals };
  });
}
