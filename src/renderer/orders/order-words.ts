import { i18n, translatedLabels } from '../i18n';
import type { Order, OrderStatus, Subscription } from '../../shared/api/orders';
import type { BadgeTone } from '../components/Badge';

export const ORDER_STATUS_LABELS = translatedLabels<OrderStatus>('orders', 'orderStatus', [
  'provisioning',
  'completed',
  'partial',
  'failed',
]);

export const ORDER_STATUS_TONES: Record<OrderStatus, BadgeTone> = {
  provisioning: 'pending',
  completed: 'success',
  partial: 'warning',
  failed: 'danger',
};

/** "per month", for a renewal's amount. */
export const PERIOD_WORDS = translatedLabels<Subscription['period']>('orders', 'per', [
  'month',
  'quarter',
  'year',
]);

/** "7 of 10 provisioned", or nothing while provisioning. */
export function provisionedWords(order: Pick<Order, 'provisioned' | 'quantity'>): string | null {
  return order.provisioned === null
    ? null
    : i18n.t('orders:provisionedCount', { provisioned: order.provisioned, quantity: order.quantity });
}
