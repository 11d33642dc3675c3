import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { nodeArguments } from '../../support/built-entries.js';

/** The repository root: entry points are given to child processes by absolute path. */
export const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

/** How long a child may take to print its READY line: the demo seed alone takes a few seconds. */
const READY_DEADLINE_MS = 60_000;
/** How long a child may take to exit after SIGTERM before it is killed. */
const EXIT_DEADLINE_MS = 10_000;

export interface ReadyProcess {
  /** Resolves with what the child printed after `READY ` (its URL); rejects if it exits first. */
  readonly ready: Promise<string>;
  /** Everything it printed so far, for failure messages. */
  output(): string;
  /** SIGTERM (a graceful shutdown), then SIGKILL if it does not exit in time. */
  stop(): Promise<void>;
  /** SIGKILL: the process dies mid-flight, as in a crash or a pulled cable. */
  kill(): Promise<void>;
}

/**
 * Spawns `entry` under node (its bundle when the run built one, see built-entries.ts); `ready`
 * resolves once it prints `READY <url>`: readiness the program announces itself, never a guessed
 * delay. The caller may do other work (start another
 * process, launch the browser) before awaiting it, so that start-ups overlap.
 */
export function spawnReadyProcess(options: {
  name: string;
  entry: string;
  cwd: string;
  env: Record<string, string>;
}): ReadyProcess {
  const child = spawn(process.execPath, nodeArguments(options.entry), {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => lines.push(chunk));
  const output = () => lines.join('\n');

  const ready = new Promise<string>((resolve, reject) => {
    const deadline = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${options.name} printed no READY line in ${READY_DEADLINE_MS} ms:\n${output()}`));
    }, READY_DEADLINE_MS);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      lines.push(line);
      const match = /^READY (\S+)/.exec(line);
      if (match) {
        clearTimeout(deadline);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(deadline);
      reject(new Error(`${options.name} exited (${signal ?? code}) before READY:\n${output()}`));
    });
    child.once('error', (error) => {
      clearTimeout(deadline);
      reject(error);
    });
  });
  // Awaited later by whoever needs it; until then a failed start must not count as unhandled.
  ready.catch(() => undefined);

  return {
    ready,
    output,
    stop: () => terminate(child, exited, 'SIGTERM'),
    kill: () => terminate(child, exited, 'SIGKILL'),
  };
}

async function terminate(child: ChildProcess, exited: Promise<void>, signal: NodeJS.Signals) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill(signal);
  if (signal === 'SIGKILL') return exited;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), EXIT_DEADLINE_MS);
  });
  const outcome = await Promise.race([exited, late]);
  clearTimeout(timer);
  if (outcome === 'late') {
    child.kill('SIGKILL');
    await exited;
  }
}
