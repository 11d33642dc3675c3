/**
 * Standalone billing API processes (src/server/server.ts, as `npm run server` runs it) on a test
 * database of their own: started on a free port (PORT=0, read back from the READY line), watched line by
 * line, stopped by signal and always killed at the end. For tests of process-level behaviour: shutdown,
 * crashes, several processes on one database.
 */
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { OPERATOR_TOKEN } from './api.js';
import { POSTGRES_URL, type TestDatabase } from './databases.js';
import { REPO_ROOT, startReadyProcess, stopProcess, type Exit, type ReadyProcess } from './ready-process.js';

/** DATABASE_URL for a child process: the SQLite file, or PostgreSQL with the test's schema. */
export function databaseUrlOf(db: Pick<TestDatabase, 'dialect' | 'url' | 'schema'>): string {
  if (db.dialect === 'sqlite') return db.url;
  const base = db.url || POSTGRES_URL;
  return `${base}${base.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${db.schema}`)}`;
}

export interface ApiChild {
  proc: ReadyProcess;
  url: string;
  port: number;
  /** Resolves with the first line (already printed or still to come) that `match` accepts. */
  line(match: (line: string) => boolean): Promise<string>;
  /** Signal, then its exit. */
  stop(signal?: NodeJS.Signals): Promise<Exit>;
}

export async function startApiChild(
  databaseUrl: string,
  options: { port?: number; env?: Record<string, string> } = {},
): Promise<ApiChild> {
  const proc = await startReadyProcess(join(REPO_ROOT, 'src/server/server.ts'), {
    cwd: REPO_ROOT,
    env: {
      HOST: '127.0.0.1',
      PORT: String(options.port ?? 0),
      DATABASE_URL: databaseUrl,
      BILLING_OPERATOR_TOKEN: OPERATOR_TOKEN,
      LOG_LEVEL: 'warn',
      // Jobs on their default (long) intervals: each runs once at start, then stays out of the way.
      ...options.env,
    },
  });
  const seen: string[] = [];
  const waiters: Array<{ match: (line: string) => boolean; resolve: (line: string) => void }> = [];
  createInterface({ input: proc.child.stdout! }).on('line', (text) => {
    seen.push(text);
    if (seen.length > 2000) seen.shift();
    for (const waiter of [...waiters]) {
      if (!waiter.match(text)) continue;
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(text);
    }
  });
  const url = proc.ready;
  return {
    proc,
    url,
    port: Number(new URL(url).port),
    line(match) {
      const found = seen.find(match);
      if (found !== undefined) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        waiters.push({ match, resolve });
        void proc.exited.then((exit) =>
          reject(new Error(`the API exited (${exit.signal ?? exit.code}) first:\n${proc.output()}`)),
        );
      });
    },
    stop: (signal = 'SIGTERM') => stopProcess(proc, signal),
  };
}
