/**
 * A PostgreSQL cluster of the test's own (initdb into a temporary folder, a free loopback port), so
 * that a test may stop, crash and restart it: never the shared server on 5432. PostgreSQL refuses to
 * run as root, so when the tests run as root it runs as the `postgres` user (setpriv, no shell).
 * Waits are on PostgreSQL's own log line, never on a timer.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const BIN = process.env.POSTGRES_BIN ?? '/usr/lib/postgresql/15/bin';

/** Whether this machine has PostgreSQL's server binaries (initdb, postgres). */
export function postgresBinariesPresent(): boolean {
  return existsSync(join(BIN, 'initdb')) && existsSync(join(BIN, 'postgres'));
}

/** A port nothing listens on right now (the kernel's pick for port 0). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

function asPostgres(command: string, args: string[]): [string, string[]] {
  if (process.getuid?.() !== 0) return [command, args];
  return ['setpriv', ['--reuid=postgres', '--regid=postgres', '--init-groups', command, ...args]];
}

export class PrivatePostgres {
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  /** Settles while the server accepts connections; replaced while it is down. */
  up: Promise<void> = Promise.resolve();

  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  static async create(): Promise<PrivatePostgres> {
    const dir = mkdtempSync(join(tmpdir(), 'private-pg-'));
    if (process.getuid?.() === 0) {
      const id = (flag: string) =>
        Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
      chownSync(dir, id('-u'), id('-g'));
    }
    const data = join(dir, 'data');
    const [cmd, args] = asPostgres(join(BIN, 'initdb'), [
      '-D',
      data,
      '-A',
      'trust',
      '-U',
      'postgres',
      '--no-sync',
    ]);
    const init = spawnSync(cmd, args, { encoding: 'utf8' });
    if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr}`);
    const pg = new PrivatePostgres(dir, await freePort());
    await pg.start();
    return pg;
  }

  /** Starts the server and resolves when it accepts connections. */
  async start(): Promise<void> {
    const [cmd, args] = asPostgres(join(BIN, 'postgres'), [
      '-D',
      join(this.dir, 'data'),
      '-p',
      String(this.port),
      '-k',
      this.dir,
      '-c',
      'listen_addresses=127.0.0.1',
    ]);
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    let log = '';
    this.up = new Promise<void>((resolve, reject) => {
      createInterface({ input: child.stderr! }).on('line', (line) => {
        log += `${line}\n`;
        if (line.includes('database system is ready to accept connections')) resolve();
      });
      void this.exited.then(() => reject(new Error(`postgres exited before it was ready:\n${log}`)));
    });
    await this.up;
  }

  /**
   * Crashes the server (immediate shutdown: no checkpoint, so the restart replays its WAL), then
   * starts it again. `whileDown` runs in between.
   */
  async crashAndRestart(whileDown: () => Promise<void> = async () => undefined): Promise<void> {
    this.child?.kill('SIGQUIT');
    await this.exited;
    await whileDown();
    await this.start();
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGINT'); // fast shutdown
      await this.exited;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
