import { createHash, randomBytes } from 'node:crypto';

/**
 * The block-keeping the chain emulators share: a mempool, blocks mined from it, and reorgs. A
 * reorg here is what a payer sees of one: a block is replaced by another of the same height that
 * lacks the transaction (it is gone, not back in the mempool), so its confirmations vanish.
 */
export class EmulatedBlocks<T extends { txid: string }> {
  height: number;
  private readonly mempool: T[] = [];
  private readonly mined: { tx: T; height: number }[] = [];
  /** Bumped by each reorg, so the replaced blocks get new hashes. */
  private fork = 0;
  private readonly salt = randomBytes(8).toString('hex');

  constructor(startHeight = 0) {
    this.height = startHeight;
  }

  /** Into the mempool: seen by the APIs, in no block. */
  add(tx: T): T {
    this.mempool.push(tx);
    return tx;
  }

  /** The first block takes the whole mempool; the others are empty. Returns the new tip. */
  mine(blocks = 1): number {
    for (let i = 0; i < blocks; i++) {
      this.height += 1;
      for (const tx of this.mempool.splice(0)) this.mined.push({ tx, height: this.height });
    }
    return this.height;
  }

  /** The transaction disappears: from its block (replaced at the same height) or from the mempool. */
  reorg(txid: string): void {
    const at = this.mined.findIndex((m) => m.tx.txid === txid);
    if (at >= 0) this.mined.splice(at, 1);
    const waiting = this.mempool.findIndex((tx) => tx.txid === txid);
    if (waiting >= 0) this.mempool.splice(waiting, 1);
    if (at < 0 && waiting < 0) throw new Error(`no transaction ${txid} to reorganise away`);
    this.fork += 1;
  }

  /** Every transaction the chain holds now, oldest first: mined (with height), then the mempool. */
  all(): { tx: T; height: number | null }[] {
    return [...this.mined, ...this.mempool.map((tx) => ({ tx, height: null }))];
  }

  find(txid: string): { tx: T; height: number | null } | undefined {
    return this.all().find((entry) => entry.tx.txid === txid);
  }

  inBlock(height: number): T[] {
    return this.mined.filter((m) => m.height === height).map((m) => m.tx);
  }

  /** 32 bytes of hex naming the block at `height` on the current fork. */
  blockHash(height: number): string {
    return createHash('sha256').update(`${this.salt}:${this.fork}:${height}`).digest('hex');
  }
}

/** A fresh random 32-byte transaction hash, hex. */
export const randomTxid = () => randomBytes(32).toString('hex');
