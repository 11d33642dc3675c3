import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MAX_BALANCE } from '../../../shared/money.js';
import { DIALECTS } from '../../../../test/support/databases.js';
import { serviceWorld, type ServiceWorld } from '../../../../test/support/services.js';
import { adjustWallet } from './adjust.js';
import { closeWallet } from './close.js';
import { creditWallet } from './credit.js';
import { debitWallet } from './debit.js';
import type { MovementInput } from './move.js';

/** Each refusal a credit, debit or adjustment declares, without HTTP; a refusal writes nothing. */
describe.each(DIALECTS)('wallet movements (%s)', (dialect) => {
  let w: ServiceWorld;
  beforeAll(async () => {
    w = await serviceWorld(dialect);
  });
  afterAll(() => w.db.drop());

  const move = (
    service: typeof debitWallet | typeof creditWallet | typeof adjustWallet,
    input: MovementInput,
  ) => w.call((trx) => service(trx, w.scope, input, w.now));

  const closedWallet = async () => {
    const walletId = await w.wallet('USD', 0);
    const closed = await w.call((trx) => closeWallet(trx, w.scope, { walletId }, w.now));
    expect(closed).toMatchObject({ ok: true, value: { status: 'closed' } });
    return walletId;
  };

  test('a debit answers the row it wrote and the wallet after it', async () => {
    const walletId = await w.wallet('USD', 1000);
    const result = await move(debitWallet, {
      walletId,
      amount: 400,
      description: 'Order',
      reference: 'ORD-1',
    });
    expect(result).toMatchObject({
      ok: true,
      value: {
        transaction: { type: 'payment', amount: -400, balanceAfter: 600, reference: 'ORD-1' },
        wallet: { balance: 600, availableBalance: 600 },
      },
    });
  });

  test('debitWallet: insufficient_funds on amount, nothing written', async () => {
    const walletId = await w.wallet('USD', 500);
    await w.refuses(() => move(debitWallet, { walletId, amount: 501, description: 'Order' }), {
      code: 'insufficient_funds',
      field: 'amount',
    });
  });

  test('debitWallet: not_found on id for another reseller’s wallet or none', async () => {
    const walletId = await w.wallet('USD', 500);
    await w.refuses(
      () =>
        w.call((trx) =>
          debitWallet(
            trx,
            { resellerId: 'rsl_other', canWrite: true },
            { walletId, amount: 1, description: 'x' },
            w.now,
          ),
        ),
      { code: 'not_found', field: 'id' },
    );
    await w.refuses(() => move(debitWallet, { walletId: 'wal_missing', amount: 1, description: 'x' }), {
      code: 'not_found',
      field: 'id',
    });
  });

  test('debitWallet, creditWallet, adjustWallet: wallet_closed, nothing written', async () => {
    const walletId = await closedWallet();
    for (const service of [debitWallet, creditWallet, adjustWallet]) {
      await w.refuses(() => move(service, { walletId, amount: 1, description: 'x' }), {
        code: 'wallet_closed',
      });
    }
  });

  test('creditWallet: balance_limit on amount, nothing written; not_found', async () => {
    const walletId = await w.wallet('USD', 1000);
    await w.refuses(() => move(creditWallet, { walletId, amount: MAX_BALANCE, description: 'x' }), {
      code: 'balance_limit',
      field: 'amount',
    });
    await w.refuses(() => move(creditWallet, { walletId: 'wal_missing', amount: 1, description: 'x' }), {
      code: 'not_found',
      field: 'id',
    });
  });

  test('adjustWallet: insufficient_funds below zero, balance_limit above the maximum; not_found', async () => {
    const walletId = await w.wallet('USD', 1000);
    await w.refuses(() => move(adjustWallet, { walletId, amount: -1001, description: 'x' }), {
      code: 'insufficient_funds',
      field: 'amount',
    });
    await w.refuses(() => move(adjustWallet, { walletId, amount: MAX_BALANCE, description: 'x' }), {
      code: 'balance_limit',
      field: 'amount',
    });
    await w.refuses(() => move(adjustWallet, { walletId: 'wal_missing', amount: 1, description: 'x' }), {
      code: 'not_found',
      field: 'id',
    });
    expect(await move(adjustWallet, { walletId, amount: -1000, description: 'x' })).toMatchObject({
      ok: true,
      value: { wallet: { balance: 0 } },
    });
  });
});
