import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MAX_BALANCE } from '../../../shared/money.js';
import { DIALECTS } from '../../../../test/support/databases.js';
import { serviceWorld, type ServiceWorld } from '../../../../test/support/services.js';
import { unwrap } from '../result.js';
import { closeWallet } from '../wallets/close.js';
import { creditWallet } from '../wallets/credit.js';
import { debitWallet } from '../wallets/debit.js';
import { refundPayment } from './refund-payment.js';

describe.each(DIALECTS)('refundPayment (%s)', (dialect) => {
  let w: ServiceWorld;
  beforeAll(async () => {
    w = await serviceWorld(dialect);
  });
  afterAll(() => w.db.drop());

  /** A wallet charged `amount` of its `balance`: the payment's transaction id. */
  async function paid(balance: number, amount: number) {
    const walletId = await w.wallet('USD', balance);
    const input = { walletId, amount, description: 'Order' };
    const { transaction } = unwrap(await w.call((trx) => debitWallet(trx, w.scope, input, w.now)));
    return { walletId, paymentId: transaction.id };
  }
  const refund = (transactionId: string, amount?: number) =>
    w.call((trx) => refundPayment(trx, w.scope, { transactionId, amount, reason: 'Unprovisioned' }, w.now));

  test('refunds may be partial, up to the payment', async () => {
    const { paymentId } = await paid(1000, 800);
    expect(await refund(paymentId, 300)).toMatchObject({
      ok: true,
      value: { transaction: { type: 'refund', amount: 300, relatedId: paymentId }, wallet: { balance: 500 } },
    });
    expect(await refund(paymentId)).toMatchObject({ ok: true, value: { transaction: { amount: 500 } } });
  });

  test('refund_exceeds_payment on amount, not_found on id, not_refundable for a top-up; nothing written', async () => {
    const { paymentId } = await paid(1000, 800);
    await w.refuses(() => refund(paymentId, 801), { code: 'refund_exceeds_payment', field: 'amount' });
    await w.refuses(() => refund('txn_missing'), { code: 'not_found', field: 'id' });
    const walletId = await w.wallet('USD', 0);
    const { transaction } = unwrap(
      await w.call((trx) => creditWallet(trx, w.scope, { walletId, amount: 5, description: 'x' }, w.now)),
    );
    await w.refuses(() => refund(transaction.id), { code: 'not_refundable' });
  });

  test('wallet_closed when its wallet was closed; balance_limit when the refund would pass the maximum', async () => {
    const first = await paid(1000, 1000);
    unwrap(await w.call((trx) => closeWallet(trx, w.scope, { walletId: first.walletId }, w.now)));
    await w.refuses(() => refund(first.paymentId), { code: 'wallet_closed' });

    const second = await paid(1000, 1000);
    const top = { walletId: second.walletId, amount: MAX_BALANCE - 10, description: 'x' };
    unwrap(await w.call((trx) => creditWallet(trx, w.scope, top, w.now)));
    await w.refuses(() => refund(second.paymentId, 11), { code: 'balance_limit', field: 'amount' });
  });
});
