import type { Store } from '../db/database.js';
import type { Scope } from '../services/scope.js';
import { applyMovements, type BatchMovement, type MovementAnswer } from './apply-movements.js';
import { debitHotWallet } from './hot-wallet-statement.js';

/** The most debits one group applies: a few hundred keeps its statements and its lock short. */
const MAX_GROUP = 256;
/**
 * SQLite: event-loop turns a group waits, once the group before it committed, before it is taken.
 * That commit held the thread (better-sqlite3 is synchronous, and the fsync is most of a group's
 * cost), so the debits sent meanwhile are still unread in their sockets; each turn reads what has
 * arrived and lets it join. Measured with `BENCH_CASES=hot npm run bench:ledger` (32 requests in
 * flight): no wait, 12.6 debits a group; one turn, 16; three, 31 (nearly all of them), and the
 * throughput rose by a quarter while the median answer came sooner. A turn with nothing to read
 * costs microseconds, and a debit that arrives while none is being written does not wait at all.
 */
const GATHER_TURNS = 3;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

interface Waiting {
  scope: Scope;
  movement: BatchMovement;
  /** The debit's usual path, for a debit that turns out to be alone. */
  alone(): Promise<unknown>;
  settle(outcome: HotOutcome<unknown>): void;
  reject(error: unknown): void;
}

export type HotOutcome<T> = { kind: 'alone'; value: T } | { kind: 'grouped'; answer: MovementAnswer | null };

/**
 * Group commit for a hot wallet's debits, in this process. A debit waits for the end of the
 * event-loop turn it arrived in (setImmediate, never a timer): alone by then, it runs on its usual
 * path (for PostgreSQL, one statement shared with other wallets' debits: ledger/entry-batcher.ts);
 * with other debits of its wallet, they are applied together, in arrival order, by one statement on
 * PostgreSQL (batch/hot-wallet-statement.ts) or one transaction (batch/apply-movements.ts: the wallet
 * locked once, each debit taken only while the running available balance covers it, each its own
 * ledger row, stored answer and refusal). Debits arriving while a wallet's write is in flight form
 * its next group, and so on. Other API processes do the same for their own requests: the wallet's
 * row lock and the guarded UPDATE keep the database the judge, so no overdraft comes from there
 * being several.
 *
 * On SQLite a group is a reseller's debits of the turn, whatever their wallets: one writer commits
 * at a time anyway, and one transaction of set-based statements over many wallets (each wallet's
 * debits still in arrival order) costs far less than a savepoint and a dozen statements per debit.
 */
export class HotWallets {
  /** Groups (a wallet, or on SQLite a reseller) with debits waiting or in flight, and the debits waiting. */
  private readonly moving = new Map<string, Waiting[]>();

  constructor(
    private readonly store: Store,
    private readonly now: () => string,
  ) {}

  /**
   * `alone()`'s value when the debit was alone; otherwise its answer from its group, or null where
   * the group left it to the usual path (a reused key, a wallet that is not the caller's).
   */
  submit<T>(scope: Scope, movement: BatchMovement, alone: () => Promise<T>): Promise<HotOutcome<T>> {
    const group = this.groupOf(scope, movement);
    let waiting = this.moving.get(group);
    if (!waiting) {
      waiting = [];
      this.moving.set(group, waiting);
      // After the I/O of this turn: debits of the group parsed in the same turn are applied together.
      setImmediate(() => void this.applyWaiting(group));
    }
    const queue = waiting;
    return new Promise<HotOutcome<T>>((resolve, reject) =>
      queue.push({
        scope,
        movement,
        alone,
        settle: resolve as (outcome: HotOutcome<unknown>) => void,
        reject,
      }),
    );
  }

  private groupOf(scope: Scope, movement: BatchMovement): string {
    return this.store.dialect === 'sqlite'
      ? scope.resellerId
      : `${scope.resellerId}\u0000${movement.walletId}`;
  }

  private async applyWaiting(wallet: string): Promise<void> {
    for (let first = true; ; first = false) {
      // PostgreSQL's statements leave the thread free: what arrives meanwhile is read meanwhile.
      if (!first && this.store.dialect === 'sqlite') for (let n = 0; n < GATHER_TURNS; n++) await nextTurn();
      const waiting = this.moving.get(wallet)!;
      if (waiting.length === 0) {
        this.moving.delete(wallet);
        return;
      }
      const group = waiting.splice(0, MAX_GROUP);
      try {
        if (group.length === 1) {
          const [only] = group as [Waiting];
          only.settle({ kind: 'alone', value: await only.alone() });
          continue;
        }
        const answers = await this.apply(group);
        group.forEach((w, i) => w.settle({ kind: 'grouped', answer: answers[i] ?? null }));
      } catch (error) {
        for (const w of group) w.reject(error);
      }
    }
  }

  private async apply(group: readonly Waiting[]): Promise<Array<MovementAnswer | null>> {
    // One reseller (the wallet's); each debit's audit record names whoever sent it.
    const scope = group[0]!.scope;
    const movements = group.map((w) => ({ ...w.movement, sender: w.scope }));
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
