import type { Order } from '../../../shared/api/orders.js';
import type { WalletTransaction, Wallet } from '../../../shared/api/wallets.js';
import { MAX_AMOUNT, type Currency } from '../../../shared/money.js';
import { announceOrderPlaced } from '../../events/order-events.js';
import type { Trx } from '../../db/database.js';
import type { OrderTable } from '../../db/schema.js';
import { postEntry } from '../../ledger/movements.js';
import { orderNumber, ordersId } from '../../lib/order-ids.js';
import { recordChanges } from '../../sync/record.js';
import { orderChange, toOrder } from '../../wire/order.js';
import { Failure } from '../failure.js';
import { findCustomer, findProduct } from '../lookups.js';
import { attempt, type Result } from '../result.js';
import type { Scope } from '../scope.js';
import { startSubscription } from '../subscriptions/start.js';

export interface PlaceOrder {
  customerId: string;
  productId: string;
  quantity: number;
  currency: Currency;
}

export interface PlacedOrder {
  order: Order;
  wallet: Wallet;
  transaction: WalletTransaction;
}

/**
 * A customer's order from the catalog: the whole order is charged to the customer's wallet in its
 * currency as ONE `payment` row quoting the order number, and the order waits in `provisioning` for
 * the reseller's provisioning system (or its timeout). A product with a billing period starts a
 * subscription too. Not enough available balance refuses `insufficient_funds` and writes nothing
 * (the wallet move is the lock and the check: concurrent orders never overdraw).
 */
export function placeOrder(
  trx: Trx,
  scope: Scope,
  input: PlaceOrder,
  now: string,
): Promise<Result<PlacedOrder, 'not_found' | 'validation' | 'insufficient_funds' | 'wallet_closed'>> {
  return attempt(['not_found', 'validation', 'insufficient_funds', 'wallet_closed'], async () => {
    const customer = await findCustomer(trx, scope, input.customerId);
    const product = await findProduct(trx, scope, input.productId, { field: 'productId' });
    if (product.active !== 1) {
      throw new Failure('validation', 'this product is not on sale', 'productId', {
        key: 'product_not_on_sale',
        values: {},
      });
    }
    const prices = JSON.parse(product.prices) as Partial<Record<Currency, number>>;
    const unitPrice = prices[input.currency];
    if (unitPrice === undefined) {
      const offered = Object.keys(prices).join(', ');
      throw new Failure(
        'validation',
        `this product is sold in ${offered}, not ${input.currency}`,
        'currency',
        { key: 'not_sold_in_currency', values: { currency: input.currency } },
      );
    }
    const total = unitPrice * input.quantity;
    if (total > MAX_AMOUNT) {
      throw new Failure('validation', `an order may come to at most ${MAX_AMOUNT} minor units`, 'quantity', {
        key: 'order_too_large',
        values: { max: MAX_AMOUNT, currency: input.currency },
      });
    }
    const wallet = await trx
      .selectFrom('wallets')
      .select(['id', 'status'])
      .where('reseller_id', '=', scope.resellerId)
      .where('customer_id', '=', customer.id)
      .where('currency', '=', input.currency)
      .executeTakeFirst();
    if (!wallet) {
      throw new Failure(
        'validation',
        `this customer has no ${input.currency} wallet to pay from`,
        'currency',
        { key: 'no_wallet_in_currency', values: { currency: input.currency } },
      );
    }
    // Said here rather than by the ledger's guard: the person placing the order chose the currency,
    // so the refusal names that field and the wallet it means.
    if (wallet.status !== 'active') {
      throw new Failure('wallet_closed', `this customer's ${input.currency} wallet is closed`, 'currency', {
        key: 'wallet_closed',
        values: { currency: input.currency },
      });
    }
    const id = ordersId('order', Date.parse(now));
    const number = orderNumber(now);
    const movement = await postEntry(
      trx,
      scope,
      wallet.id,
      {
        type: 'payment',
        amount: -total,
        description: `Order ${number}: ${input.quantity} × ${product.name}`,
        wording: { kind: 'order', order: number, quantity: input.quantity, product: product.name },
        reference: number,
        relatedId: id,
      },
      now,
    );
    const provisionBy = new Date(
      Date.parse(now) + product.provisioning_timeout_minutes * 60_000,
    ).toISOString();
    const row: OrderTable = {
      id,
      reseller_id: scope.resellerId,
      customer_id: customer.id,
      wallet_id: wallet.id,
      product_id: product.id,
      number,
      product_name: product.name,
      quantity: input.quantity,
      unit_price: unitPrice,
      total,
      refunded: 0,
      currency: input.currency,
      status: 'provisioning',
      provisioned: null,
      failure_reason: null,
      payment_transaction_id: movement.transaction.id,
      refund_transaction_id: null,
      subscription_id: null,
      provision_by: provisionBy,
      created_at: now,
      updated_at: now,
      timeout_refusals: 0,
      timeout_refusal: null,
      timeout_retry_at: null,
    };
    if (product.period !== 'none') {
      const subscription = await startSubscription(trx, row, product.period, now);
      row.subscription_id = subscription.id;
    }
    await trx.insertInto('orders').values(row).execute();
    await recordChanges(trx, now, [orderChange(row, 'create')]);
    await announceOrderPlaced(trx, row, movement.transaction, now); // webhooks: issue 12
    return { order: toOrder(row), wallet: movement.wallet, transaction: movement.transaction };
  });
}
