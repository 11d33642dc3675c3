import type { Store } from '../db/database.js';
import { postEntriesInOneStatement, type OneStatementEntry } from './one-statement-entry.js';

/** Multi-wallet statements in flight at once: enough to keep PostgreSQL busy, few enough that batches form. */
const BATCHES_IN_FLIGHT = 4;
const MAX_BATCH = 64;
/**
 * Single-movement statements in flight at once, for wallets a statement is already moving (a hot
 * wallet): they queue on the wallet's row lock in PostgreSQL, which commits them back to back.
 */
const SOLOS_IN_FLIGHT = 24;

interface Waiting {
  input: OneStatementEntry;
  resolve(body: string | null): void;
  reject(error: unknown): void;
}

/**
 * Group commit for PostgreSQL movements: requests that arrive while statements are in flight are
 * written together by the next one (postEntriesInOneStatement), one round trip and one commit for
 * the lot. Each caller still gets its own answer, only after the commit that holds its movement.
 *
 * Locks decide the shape. A batch names each wallet once (an UPDATE … FROM moves a row once), and
 * no two batches in flight share a wallet: two multi-wallet UPDATEs locking rows in different orders
 * could deadlock. A movement on a wallet already being moved goes alone instead ("solo"): a
 * single-row statement waits for that one lock while holding none, so it can delay a batch but never
 * deadlock with it. No two statements in flight share an Idempotency-Key either (a unique-index wait
 * is a lock wait too): the second waits in the queue, then finds the key stored.
 *
 * If a statement fails because a key was stored before (a replay, or a concurrent request with the
 * same key), nothing of it was written, and its movements are written one by one, so that only the
 * repeated key's request ends up answered null (it then takes the transactional path, which answers
 * the stored outcome). Any other failure is every caller's failure.
 */
export class EntryBatcher {
  private queue: Waiting[] = [];
  private batches = 0;
  private solos = 0;
  /** Wallets a multi-wallet statement in flight moves, and how many solos move each wallet. */
  private readonly walletsInBatches = new Set<string>();
  private readonly soloWallets = new Map<string, number>();
  private readonly keysInFlight = new Set<string>();
  private scheduled = false;

  constructor(private readonly store: Store) {}

  /** The answer's JSON text, or null when it must take the transactional path. */
  post(input: OneStatementEntry): Promise<string | null> {
    return new Promise((resolve, reject) => {
      this.queue.push({ input, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.queue.length === 0) return;
    this.scheduled = true;
    // After the I/O of this turn: requests parsed in the same turn share the statement.
    setImmediate(() => {
      this.scheduled = false;
      this.dispatch();
    });
  }

  /** Sends what the limits allow: one batch per free slot, and solos for wallets already moving. */
  private dispatch(): void {
    let batch: Waiting[] = [];
    const batchWallets = new Set<string>();
    const rest: Waiting[] = [];
    const flushBatch = () => {
      if (batch.length === 0) return;
      this.send(batch, 'batch');
      batch = [];
      batchWallets.clear();
    };
    for (const waiting of this.queue) {
      const { walletId } = waiting.input;
      const key = scopedKey(waiting.input);
      if (this.keysInFlight.has(key)) {
        rest.push(waiting);
        continue;
      }
      const moving =
        this.walletsInBatches.has(walletId) || this.soloWallets.has(walletId) || batchWallets.has(walletId);
      if (!moving && this.batches < BATCHES_IN_FLIGHT) {
        batch.push(waiting);
        batchWallets.add(walletId);
        this.keysInFlight.add(key);
        if (batch.length === MAX_BATCH) flushBatch();
      } else if (moving && this.solos < SOLOS_IN_FLIGHT) {
        this.keysInFlight.add(key);
        this.send([waiting], 'solo');
      } else {
        rest.push(waiting);
      }
    }
    flushBatch();
    this.queue = rest;
  }

  private send(batch: Waiting[], kind: 'batch' | 'solo'): void {
    const wallets = batch.map((w) => w.input.walletId);
    if (kind === 'batch') {
      this.batches++;
      for (const id of wallets) this.walletsInBatches.add(id);
    } else {
      this.solos++;
      for (const id of wallets) this.soloWallets.set(id, (this.soloWallets.get(id) ?? 0) + 1);
    }
    void this.write(batch).finally(() => {
      if (kind === 'batch') {
        this.batches--;
        for (const id of wallets) this.walletsInBatches.delete(id);
      } else {
        this.solos--;
        for (const id of wallets) {
          const left = this.soloWallets.get(id)! - 1;
          if (left === 0) this.soloWallets.delete(id);
          else this.soloWallets.set(id, left);
        }
      }
      for (const w of batch) this.keysInFlight.delete(scopedKey(w.input));
      this.schedule();
    });
  }

  private async write(batch: Waiting[]): Promise<void> {
    try {
      const answers = await postEntriesInOneStatement(
        this.store,
        batch.map((w) => w.input),
      );
      batch.forEach((w, i) => w.resolve(answers[i] ?? null));
    } catch (error) {
      if (batch.length > 1 && keyTaken(error)) await Promise.all(batch.map((w) => this.writeAlone(w)));
      else for (const w of batch) settleFailure(w, error);
    }
  }

  private async writeAlone(waiting: Waiting): Promise<void> {
    try {
      const [answer] = await postEntriesInOneStatement(this.store, [waiting.input]);
      waiting.resolve(answer ?? null);
    } catch (error) {
      settleFailure(waiting, error);
    }
  }
}

/** A key stored before: its request is answered by the transactional path, from the stored outcome. */
function settleFailure(waiting: Waiting, error: unknown): void {
  if (keyTaken(error)) waiting.resolve(null);
  else waiting.reject(error);
}

function keyTaken(error: unknown): boolean {
  const { code, constraint } = error as { code?: unknown; constraint?: unknown };
  return code === '23505' && constraint === 'idempotency_keys_pk';
}

const scopedKey = (input: OneStatementEntry) => `${input.resellerId}\u0000${input.key}`;
