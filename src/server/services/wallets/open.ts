import type { Wallet } from '../../../shared/api/wallets.js';
import { newId } from '../../../shared/ids.js';
import type { Currency } from '../../../shared/money.js';
import type { Trx } from '../../db/database.js';
import type { WalletTable } from '../../db/schema.js';
import { postEntry, walletChange } from '../../ledger/movements.js';
import { recordChanges } from '../../sync/record.js';
import { emitEvent } from '../../events/emit.js';
import { toWallet } from '../../wire/wallet.js';
import { Failure } from '../failure.js';
import { findCustomer } from '../lookups.js';
import { attempt, type Result } from '../result.js';
import type { Scope } from '../scope.js';

export interface OpenWalletInput {
  customerId: string;
  currency: Currency;
  /** Minor units credited at once as an "Initial balance" credit. */
  initialBalance?: number | undefined;
}

/** A customer's wallet in a currency it has none in yet (`conflict` on `currency` otherwise). */
export async function openWallet(
  trx: Trx,
  scope: Scope,
  input: OpenWalletInput,
  now: string,
): Promise<Result<Wallet, 'not_found' | 'conflict' | 'balance_limit'>> {
  return attempt(['not_found', 'conflict', 'balance_limit'], async () => {
    const customer = await findCustomer(trx, scope, input.customerId);
    const existing = await trx
      .selectFrom('wallets')
      .select('id')
      .where('customer_id', '=', customer.id)
      .where('currency', '=', input.currency)
      .executeTakeFirst();
    if (existing) {
      throw new Failure(
        'conflict',
        `this customer already has a ${input.currency} wallet (${existing.id})`,
        'currency',
        { key: 'wallet_exists', values: { currency: input.currency } },
      );
    }
    const row: WalletTable = {
      id: newId('wallet'),
      reseller_id: scope.resellerId,
      customer_id: customer.id,
      currency: input.currency,
      status: 'active',
      balance: 0,
      pending_charges: 0,
      version: 0,
      created_at: now,
      updated_at: now,
    };
    await trx.insertInto('wallets').values(row).execute();
    await recordChanges(trx, now, [walletChange(row, 'create')]);
    const entry = {
      type: 'credit',
      amount: input.initialBalance ?? 0,
      description: 'Initial balance',
      wording: { kind: 'initial_balance' },
    } as const;
    const wallet = input.initialBalance
      ? (await postEntry(trx, scope, row.id, entry, now)).wallet
      : toWallet(row);
    await emitEvent(trx, scope.resellerId, 'wallet.created', { wallet }, now);
    return wallet;
  });
}
