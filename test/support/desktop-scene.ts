/**
 * One desktop integration test's world: its own temp folder, billing API process, proxies and
 * desktop cores, all undone by `close()` (call it in afterEach), newest first: cores stop before the
 * API they talk to, processes end before their folders are removed.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDesktopCore, type DesktopCore, type DesktopCoreOptions } from '../../src/main/core.js';
import { MemorySecretStore } from '../../src/main/session/secret-store.js';
import { ApiProcess } from './api-process.js';
import { inProcessClient, openWaitReport, type CoreClient } from './core-client.js';
import { CoreProcess } from './core-process.js';
import { RecordingProxy } from './recording-proxy.js';

/** The one window the in-process cores trust: what a test calls them as. */
export const TRUSTED_WINDOW = Object.freeze({ window: 'main' });
type Sender = typeof TRUSTED_WINDOW;

export interface InProcessCore {
  core: DesktopCore<Sender>;
  client: CoreClient;
  /** What the core logged (it reports files it had to move aside here). */
  logs: string[];
}

export class DesktopScene {
  private readonly root = mkdtempSync(join(tmpdir(), 'desktop-it-'));
  private readonly undo: Array<() => Promise<unknown>> = [];

  /** A new folder inside this test's temp folder. */
  dir(name: string): string {
    const path = join(this.root, name);
    mkdirSync(path, { recursive: true });
    return path;
  }

  /**
   * A billing API process on a database file of its own (or `dbFile`, e.g. one seeded already),
   * with `env` added to its settings.
   */
  async api(
    dbFile = join(this.dir('api'), 'billing.sqlite'),
    env: Record<string, string> = {},
  ): Promise<ApiProcess> {
    const api = await ApiProcess.start(dbFile, env);
    this.undo.push(() => api.stop());
    return api;
  }

  async proxy(target: string): Promise<RecordingProxy> {
    const proxy = await RecordingProxy.start(target);
    this.undo.push(() => proxy.close());
    return proxy;
  }

  /**
   * The desktop core in this process on `dataDir`. Not `start()`ed: that would first boot the
   * embedded demo API, which these tests do not use; they sign in with 'session:connect'.
   */
  async core(
    dataDir = this.dir('core'),
    options: Pick<DesktopCoreOptions, 'firstScreenWaitMs'> = {},
  ): Promise<InProcessCore> {
    const logs: string[] = [];
    const core = await createDesktopCore<Sender>(
      {
        ...options,
        dataDir,
        secrets: new MemorySecretStore(),
        openExternal: async () => false,
        log: (message, error) => logs.push(error ? `${message}: ${String(error)}` : message),
      },
      (sender) => sender === TRUSTED_WINDOW,
    );
    this.undo.push(() => core.stop());
    return { core, client: inProcessClient(core, TRUSTED_WINDOW), logs };
  }

  /** The desktop core as a process of its own on `dataDir` (see CoreProcess). */
  async coreProcess(dataDir: string): Promise<CoreProcess> {
    const core = await CoreProcess.start(dataDir, this.dir('core-cwd'));
    this.undo.push(() => core.kill());
    return core;
  }

  async close(): Promise<void> {
    // A test that timed out inside a wait says what it was waiting for and what it saw last.
    for (const line of openWaitReport()) console.error(line);
    const errors: unknown[] = [];
    for (const step of this.undo.reverse()) await step().catch((error: unknown) => errors.push(error));
    this.undo.length = 0;
    rmSync(this.root, { recursive: true, force: true });
    if (errors.length > 0) throw new AggregateError(errors, 'cleaning up the desktop scene failed');
  }
}
