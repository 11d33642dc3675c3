import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { unwrap } from '../result.js';
import { DIALECTS } from '../../../../test/support/databases.js';
import { serviceWorld, type ServiceWorld } from '../../../../test/support/services.js';
import { closeWallet } from '../wallets/close.js';
import { captureHold } from './capture.js';
import { placeHold } from './place.js';
import { releaseHold } from './release.js';

describe.each(DIALECTS)('holds (%s)', (dialect) => {
  let w: ServiceWorld;
  beforeAll(async () => {
    w = await serviceWorld(dialect);
  });
  afterAll(() => w.db.drop());

  const place = (walletId: string, amount: number) =>
    w.call((trx) => placeHold(trx, w.scope, { walletId, amount, description: 'Renewal' }, w.now));
  const capture = (holdId: string, amount?: number) =>
    w.call((trx) => captureHold(trx, w.scope, { holdId, amount }, w.now));
  const release = (holdId: string) => w.call((trx) => releaseHold(trx, w.scope, { holdId }, w.now));

  test('placeHold reserves; captureHold charges part and releases the rest', async () => {
    const walletId = await w.wallet('USD', 1000);
    const { hold, wallet } = unwrap(await place(walletId, 600));
    expect(wallet).toMatchObject({ balance: 1000, pendingCharges: 600, availableBalance: 400 });
    expect(await capture(hold.id, 250)).toMatchObject({
      ok: true,
      value: {
        hold: { status: 'captured', capturedAmount: 250 },
        transaction: { type: 'payment', amount: -250, relatedId: hold.id },
        wallet: { balance: 750, pendingCharges: 0 },
      },
    });
  });

  test('placeHold: insufficient_funds on amount, not_found on id, wallet_closed; nothing written', async () => {
    const walletId = await w.wallet('USD', 1000);
    await w.refuses(() => place(walletId, 1001), { code: 'insufficient_funds', field: 'amount' });
    await w.refuses(() => place('wal_missing', 1), { code: 'not_found', field: 'id' });
    const closed = await w.wallet('USD', 0);
    unwrap(await w.call((trx) => closeWallet(trx, w.scope, { walletId: closed }, w.now)));
    await w.refuses(() => place(closed, 1), { code: 'wallet_closed' });
  });

  test('captureHold: validation on amount above the hold, not_found on id, hold_not_pending; nothing written', async () => {
    const walletId = await w.wallet('USD', 1000);
    const { hold } = unwrap(await place(walletId, 300));
    await w.refuses(() => capture(hold.id, 301), { code: 'validation', field: 'amount' });
    await w.refuses(() => capture('hld_missing'), { code: 'not_found', field: 'id' });
    unwrap(await release(hold.id));
    await w.refuses(() => capture(hold.id), { code: 'hold_not_pending' });
  });

  test('releaseHold: not_found on id, hold_not_pending once settled; nothing written', async () => {
    const walletId = await w.wallet('USD', 1000);
    const { hold } = unwrap(await place(walletId, 300));
    await w.refuses(() => release('hld_missing'), { code: 'not_found', field: 'id' });
    expect(await release(hold.id)).toMatchObject({
      ok: true,
      value: { hold: { status: 'released' }, wallet: { balance: 1000, pendingCharges: 0 } },
    });
    await w.refuses(() => release(hold.id), { code: 'hold_not_pending' });
  });
});
