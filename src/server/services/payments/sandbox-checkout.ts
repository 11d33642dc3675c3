import type { Trx } from '../../db/database.js';
import type { Language } from '../../../shared/api/language.js';
import type { SandboxCheckoutTable } from '../../db/schema.js';
import { newMethodToken } from '../../gateways/sandbox/provider.js';
import type { Reader } from '../lookups.js';
import { attempt, type Result } from '../result.js';
import { Failure } from '../failure.js';

type Status = SandboxCheckoutTable['status'];

/** A sandbox checkout by id (its hosted page is reached by holding the URL, no credential). */
export function findSandboxCheckout(db: Reader, id: string): Promise<SandboxCheckoutTable | undefined> {
  return db.selectFrom('sandbox_checkouts').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * The language chosen for the customer whose payment `row` is (its reference is our payment id,
 * within the same reseller), or null when none was chosen: its hosted page speaks it.
 */
export async function sandboxCheckoutLanguage(
  db: Reader,
  row: SandboxCheckoutTable,
): Promise<Language | null> {
  const found = await db
    .selectFrom('payments')
    .innerJoin('customers', (join) =>
      join
        .onRef('customers.id', '=', 'payments.customer_id')
        .onRef('customers.reseller_id', '=', 'payments.reseller_id'),
    )
    .select('customers.language')
    .where('payments.id', '=', row.reference)
    .where('payments.reseller_id', '=', row.reseller_id)
    .executeTakeFirst();
  return found?.language ?? null;
}

export interface MoveSandboxCheckout {
  id: string;
  from: Status;
  to: Status;
  /** The card's last four digits, when the payer paid by card on the page. */
  cardLast4?: string | undefined;
}

/**
 * A button on the sandbox checkout: the "provider's" state moves `from` → `to`, once (a conditional
 * update: of two presses only one moves it; the other is refused `conflict`). A paid checkout that
 * saves its method gets the method's token, as a real gateway would vault the card.
 */
export function moveSandboxCheckout(
  trx: Trx,
  input: MoveSandboxCheckout,
  now: string,
): Promise<Result<SandboxCheckoutTable, 'conflict'>> {
  return attempt(['conflict'], async () => {
    const row = await findSandboxCheckout(trx, input.id);
    const last4 = input.cardLast4 || row?.card_last4 || '4242';
    const moved = await trx
      .updateTable('sandbox_checkouts')
      .set({
        status: input.to,
        updated_at: now,
        ...(input.cardLast4 !== undefined ? { card_last4: input.cardLast4 } : {}),
        ...(input.to === 'paid' && row?.save_method === 1
          ? { method_token: newMethodToken(row.card_last4 ?? last4) }
          : {}),
      })
      .where('id', '=', input.id)
      .where('status', '=', input.from)
      .returningAll()
      .executeTakeFirst();
    if (!moved) throw new Failure('conflict', 'this checkout has already moved on', 'id');
    return moved;
  });
}
