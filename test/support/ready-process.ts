/**
 * Child processes that announce readiness with a `READY <x>` line on stdout (the billing API's
 * server.ts and the desktop core's browser host both do): started from their bundles
 * (built-entries.ts), waited for on that line, stopped by signal and waited for on their exit —
 * never on a timer.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { nodeArguments } from './built-entries.js';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Output kept for failure messages (the tail, in characters). */
const OUTPUT_KEPT = 20_000;

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ReadyProcess {
  child: ChildProcess;
  /** What followed `READY ` on the process's stdout. */
  ready: string;
  exited: Promise<Exit>;
  /** The tail of everything it printed (stdout and stderr), for failure messages. */
  output(): string;
}

/**
 * Runs `entry` (TypeScript; its bundle when the run built one) under this Node and resolves once it prints `READY <x>`; rejects,
 * with what it printed, if it exits first. `env` is added to this process's environment; a variable
 * set to `undefined` is removed.
 */
export function startReadyProcess(
  entry: string,
  options: { cwd: string; env: Record<string, string | undefined> },
): Promise<ReadyProcess> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const [name, value] of Object.entries(options.env)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  const child = spawn(process.execPath, nodeArguments(entry), {
    cwd: options.cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (text: string) => {
    output = (output + text).slice(-OUTPUT_KEPT);
  };
  child.stderr!.setEncoding('utf8').on('data', keep);
  const exited = new Promise<Exit>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return new Promise<ReadyProcess>((resolve, reject) => {
    let ready: string | null = null;
    createInterface({ input: child.stdout! }).on('line', (line) => {
      keep(`${line}\n`);
      if (ready === null && line.startsWith('READY ')) {
        ready = line.slice('READY '.length).trim();
        resolve({ child, ready, exited, output: () => output });
      }
    });
    child.once('error', reject);
    void exited.then(({ code, signal }) => {
      if (ready === null)
        reject(new Error(`${entry} exited (${signal ?? code}) before it was ready:\n${output}`));
    });
  });
}

/** Sends `signal` (unless the process already ended) and resolves when it has exited. */
export async function stopProcess(proc: ReadyProcess, signal: NodeJS.Signals): Promise<Exit> {
  const { child } = proc;
  if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  return proc.exited;
}
