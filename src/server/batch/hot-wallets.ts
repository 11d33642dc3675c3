import type { Store } from '../db/database.js';
import type { Scope } from '../services/scope.js';
import { applyMovements, type BatchMovement, type MovementAnswer } from './apply-movements.js';
import { debitHotWallet } from './hot-wallet-statement.js';

/** The most debits one group applies: a few hundred keeps its statements and its lock short. */
const MAX_GROUP = 256;

interface Waiting {
  scope: Scope;
  movement: BatchMovement;
  resolve(answer: MovementAnswer | null): void;
  reject(error: unknown): void;
}

export type HotOutcome<T> = { kind: 'alone'; value: T } | { kind: 'grouped'; answer: MovementAnswer | null };

/**
 * Group commit for a hot wallet's debits, in this process: a debit of a wallet no other debit is
 * moving runs alone, at once, on its usual path (no timer ever delays a lone request). Debits of that
 * wallet arriving meanwhile wait, and when it is done they are applied together, in arrival order, by
 * one statement on PostgreSQL (batch/hot-wallet-statement.ts) or one transaction
 * (batch/apply-movements.ts: the wallet locked once, each debit taken only while the running available
 * balance covers it, each its own ledger row, stored answer and refusal); the debits arriving during
 * that write form the next group, and so on. Other API processes do
 * the same for their own requests: the wallet's row lock and the guarded UPDATE keep the database
 * the judge, so no overdraft comes from there being several.
 */
export class HotWallets {
  /** Wallets with a debit in flight, and the debits waiting for it. */
  private readonly moving = new Map<string, Waiting[]>();

  constructor(
    private readonly store: Store,
    private readonly now: () => string,
  ) {}

  /**
   * `alone()` when the wallet is not moving; otherwise this debit's answer from its group, or null
   * where the group left it to the usual path (a reused key, a wallet that is not the caller's).
   */
  async submit<T>(scope: Scope, movement: BatchMovement, alone: () => Promise<T>): Promise<HotOutcome<T>> {
    const wallet = `${scope.resellerId}\u0000${movement.walletId}`;
    const waiting = this.moving.get(wallet);
    if (waiting) {
      const answer = await new Promise<MovementAnswer | null>((resolve, reject) =>
        waiting.push({ scope, movement, resolve, reject }),
      );
      return { kind: 'grouped', answer };
    }
    this.moving.set(wallet, []);
    try {
      return { kind: 'alone', value: await alone() };
    } finally {
      void this.applyWaiting(wallet);
    }
  }

  private async applyWaiting(wallet: string): Promise<void> {
    for (;;) {
      const waiting = this.moving.get(wallet)!;
      if (waiting.length === 0) {
        this.moving.delete(wallet);
        return;
      }
      const group = waiting.splice(0, MAX_GROUP);
      try {
        const answers = await this.apply(group);
        group.forEach((w, i) => w.resolve(answers[i] ?? null));
      } catch (error) {
        for (const w of group) w.reject(error);
      }
    }
  }

  private async apply(group: readonly Waiting[]): Promise<Array<MovementAnswer | null>> {
    // One reseller (the wallet's); a debit writes no audit record, so whose scope does not matter.
    const scope = group[0]!.scope;
    const movements = group.map((w) => w.movement);
    const now = this.now();
    const keys = new Set(movements.map((m) => m.key));
    if (this.store.dialect !== 'postgres' || keys.size < movements.length) {
      return applyMovements(this.store, scope, movements, now);
    }
    let answers: Array<MovementAnswer | null>;
    try {
      answers = await debitHotWallet(this.store, scope.resellerId, movements[0]!.walletId, movements, now);
    } catch (error) {
      // A key stored before: nothing was written; the transaction replays or refuses each key.
      if (!keyTaken(error)) throw error;
      return applyMovements(this.store, scope, movements, now);
    }
    // What the statement left (a debit the balance does not cover, a watched wallet, …), in order.
    const left = answers.flatMap((a, i) => (a === null ? [i] : []));
    if (left.length === 0) return answers;
    const rest = await applyMovements(
      this.store,
      scope,
      left.map((i) => movements[i]!),
      this.now(),
    );
    left.forEach((i, n) => (answers[i] = rest[n] ?? null));
    return answers;
  }
}

function keyTaken(error: unknown): boolean {
  const { code, constraint } = error as { code?: unknown; constraint?: unknown };
  return code === '23505' && constraint === 'idempotency_keys_pk';
}
