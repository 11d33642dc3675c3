/**
 * Several standalone API processes on one database, each behind a fault proxy of its own, that a
 * test can kill (SIGKILL) and restart on the same port. Every wait is on a process event (its READY
 * line, its exit), never on a timer; every process is killed by `stop()`.
 */
import { databaseUrlOf, startApiChild, type ApiChild } from './api-processes.js';
import type { TestDatabase } from './databases.js';
import { FaultProxy, type FaultCounts, type FaultOptions } from './fault-proxy.js';

interface Member {
  child: ApiChild | null;
  port: number;
  /** Settles when the process is up (again). */
  up: Promise<void>;
  proxy: FaultProxy;
}

export class ApiCluster {
  kills = 0;
  private stopped = false;

  private constructor(
    private readonly databaseUrl: string,
    private readonly members: Member[],
    private readonly env: Record<string, string>,
  ) {}

  /** `size` processes, started one after the other (the first migrates), each behind its proxy. */
  static async start(
    db: Pick<TestDatabase, 'dialect' | 'url' | 'schema'>,
    size: number,
    faults: Omit<FaultOptions, 'seed'> & { seed: number },
    env: Record<string, string> = {},
  ): Promise<ApiCluster> {
    const databaseUrl = databaseUrlOf(db);
    const members: Member[] = [];
    try {
      for (let i = 0; i < size; i++) {
        const child = await startApiChild(databaseUrl, { env });
        const member: Member = { child, port: child.port, up: Promise.resolve(), proxy: null! };
        member.proxy = await FaultProxy.start(child.port, { ...faults, seed: faults.seed * 31 + i });
        members.push(member);
      }
    } catch (error) {
      for (const m of members) {
        await m.child?.stop('SIGKILL');
        await m.proxy?.close();
      }
      throw error;
    }
    return new ApiCluster(databaseUrl, members, env);
  }

  get size(): number {
    return this.members.length;
  }

  /** The direct address of a process (no proxy): for setting up and final checks. */
  directUrl(index = 0): string {
    return `http://127.0.0.1:${this.members[index]!.port}`;
  }

  proxyPort(index: number): number {
    return this.members[index]!.proxy.port;
  }

  /** Resolves when process `index` is up (at once, unless it is being restarted). */
  up(index: number): Promise<void> {
    return this.members[index]!.up;
  }

  /** SIGKILL (no shutdown at all: a crash), then the same process again on the same port. */
  async crash(index: number): Promise<void> {
    const member = this.members[index]!;
    const child = member.child;
    if (!child || this.stopped) return;
    let restarted!: () => void;
    member.up = new Promise((resolve) => (restarted = resolve));
    member.child = null;
    await child.stop('SIGKILL');
    this.kills += 1;
    if (this.stopped) return;
    const again = await startApiChild(this.databaseUrl, { port: member.port, env: this.env });
    // stop() ran while it started (it found no process to stop): nothing may outlive the cluster.
    if (this.stopped) await again.stop('SIGKILL');
    else member.child = again;
    restarted();
  }

  /** Stops injecting network faults (the final checks run on a quiet network). */
  calm(): void {
    for (const m of this.members) m.proxy.calm();
  }

  faults(): FaultCounts {
    const total: FaultCounts = { connections: 0, delayedChunks: 0, dropped: 0, reset: 0, upstreamFailed: 0 };
    for (const m of this.members)
      for (const k of Object.keys(total) as Array<keyof FaultCounts>) total[k] += m.proxy.counts[k];
    return total;
  }

  /** Ends every process (SIGKILL by default: also after a failed test, nothing may linger). */
  async stop(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    this.stopped = true;
    for (const m of this.members) {
      await m.child?.stop(signal);
      await m.proxy.close();
    }
  }
}
