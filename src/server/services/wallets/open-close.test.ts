import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MAX_BALANCE } from '../../../shared/money.js';
import { DIALECTS } from '../../../../test/support/databases.js';
import { serviceWorld, type ServiceWorld } from '../../../../test/support/services.js';
import { placeHold } from '../holds/place.js';
import { closeWallet, startWalletClose } from './close.js';
import { openWallet } from './open.js';

describe.each(DIALECTS)('opening and closing wallets (%s)', (dialect) => {
  let w: ServiceWorld;
  beforeAll(async () => {
    w = await serviceWorld(dialect);
  });
  afterAll(() => w.db.drop());

  test('openWallet: an initial balance is one top-up row', async () => {
    const customerId = await w.customer();
    const opened = await w.call((trx) =>
      openWallet(trx, w.scope, { customerId, currency: 'EUR', initialBalance: 2500 }, w.now),
    );
    expect(opened).toMatchObject({ ok: true, value: { currency: 'EUR', balance: 2500, customerId } });
  });

  test('openWallet: not_found on id, conflict on currency, balance_limit on amount; nothing written', async () => {
    await w.refuses(
      () => w.call((trx) => openWallet(trx, w.scope, { customerId: 'cus_missing', currency: 'USD' }, w.now)),
      { code: 'not_found', field: 'id' },
    );
    const customerId = await w.customer();
    expect(
      await w.call((trx) => openWallet(trx, w.scope, { customerId, currency: 'USD' }, w.now)),
    ).toMatchObject({
      ok: true,
    });
    await w.refuses(() => w.call((trx) => openWallet(trx, w.scope, { customerId, currency: 'USD' }, w.now)), {
      code: 'conflict',
      field: 'currency',
    });
    await w.refuses(
      () =>
        w.call((trx) =>
          openWallet(trx, w.scope, { customerId, currency: 'EUR', initialBalance: MAX_BALANCE + 1 }, w.now),
        ),
      { code: 'balance_limit', field: 'amount' },
    );
  });

  test('closeWallet: not_found on id; conflict while holds are pending; closing twice changes nothing', async () => {
    await w.refuses(() => w.call((trx) => closeWallet(trx, w.scope, { walletId: 'wal_missing' }, w.now)), {
      code: 'not_found',
      field: 'id',
    });
    const walletId = await w.wallet('USD', 1000);
    await w.call((trx) => placeHold(trx, w.scope, { walletId, amount: 100, description: 'Renewal' }, w.now));
    await w.refuses(() => w.call((trx) => closeWallet(trx, w.scope, { walletId }, w.now)), {
      code: 'conflict',
    });

    const other = await w.wallet('USD', 0);
    expect(await w.call((trx) => closeWallet(trx, w.scope, { walletId: other }, w.now))).toMatchObject({
      ok: true,
      value: { status: 'closed' },
    });
    const before = await w.snapshot();
    expect(await w.call((trx) => closeWallet(trx, w.scope, { walletId: other }, w.now))).toMatchObject({
      ok: true,
      value: { status: 'closed' },
    });
    expect(await w.snapshot()).toEqual(before);
  });

  test('a wallet on hold (owing after a reversed payment) is not closed, with a reason the console words', async () => {
    const owing = await w.wallet('USD', 0);
    const owingWithMoney = await w.wallet('EUR', 500);
    await w.db.store.db
      .updateTable('wallets')
      .set({ spending_hold: 1 })
      .where('id', 'in', [owing, owingWithMoney])
      .execute();
    const refusal = (currency: string) => ({
      code: 'wallet_on_hold',
      reason: { key: 'wallet_on_hold_close', values: { currency } },
    });

    // Without a refund (nothing left to pay out): closing would drop what it owes.
    const before = await w.snapshot();
    expect(await w.call((trx) => closeWallet(trx, w.scope, { walletId: owing }, w.now))).toMatchObject({
      ok: false,
      failure: refusal('USD'),
    });
    // With a refund: nothing is paid out of a wallet that owes.
    const refund = { to: 'manual', destination: 'Cash', reference: 'R-1' } as const;
    const input = {
      walletId: owingWithMoney,
      refund,
      providerRefunds: new Set<string>(),
      idempotencyKey: 'k-1',
    };
    expect(await w.call((trx) => startWalletClose(trx, w.scope, input, w.now))).toMatchObject({
      ok: false,
      failure: refusal('EUR'),
    });
    expect(await w.snapshot()).toEqual(before);
  });
});
