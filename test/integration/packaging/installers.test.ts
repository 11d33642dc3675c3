/**
 * Issue 15, what can be checked without the Electron binary (it cannot be downloaded here): the
 * installer configuration as electron-builder itself loads and validates it, the fuses the afterPack
 * hook flips (in a stand-in binary that carries Electron's fuse wire), the payment-link protocol in
 * the configuration and in the main process, and the main bundle that packaging starts from.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util';
import type { Configuration } from 'electron-builder';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { electronBinary, type afterPack, type PackedApp } from '../../../packaging/fuses.js';
import { workerEntries } from '../../../scripts/build-targets.mjs';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const ENABLED = '1'.charCodeAt(0);
const DISABLED = '0'.charCodeAt(0);

/** What electron-builder does with `electron-builder.ts`: find it, load it (jiti), validate it. */
async function loadedConfig(): Promise<Configuration> {
  return (await getConfig(root, null, null)) as Configuration;
}

describe('installer configuration', () => {
  it("loads from electron-builder.ts and passes electron-builder's own schema validation", async () => {
    const config = await loadedConfig();
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    expect(config.appId).toBe('com.resellerconsole.desktop');
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.win?.target).toBe('nsis');
    expect(config.mac?.target).toBe('dmg');
    expect(typeof config.afterPack).toBe('function');
  });

  it('is really checked: a misspelt option is refused', async () => {
    const config = { ...(await loadedConfig()), asarUnpak: ['**/*.node'] } as Configuration;
    await expect(validateConfiguration(config, new DebugLogger(false))).rejects.toThrow(/asarUnpak/);
  });

  it('gives the deb what electron-builder checks only when it packs one: a homepage and a maintainer', async () => {
    const config = await loadedConfig();
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { homepage?: string };
    expect(pkg.homepage).toMatch(/^https:\/\//);
    expect(config.linux?.maintainer).toMatch(/^.+ <[^@\s]+@[^@\s]+>$/);
  });

  it('keeps better-sqlite3 out of the archive and rebuilds it for Electron', async () => {
    const config = await loadedConfig();
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('**/node_modules/better-sqlite3/**/*.node');
    expect(config.npmRebuild).toBe(true);
  });

  it('points at icons that exist: a 1024×1024 PNG and the Linux sizes up to 512', async () => {
    const config = await loadedConfig();
    const size = (path: string) => {
      const png = readFileSync(join(root, path));
      // PNG: the IHDR chunk's width and height, big-endian, at bytes 16 and 20.
      return [png.readUInt32BE(16), png.readUInt32BE(20)];
    };
    expect(size(config.mac!.icon!)).toEqual([1024, 1024]);
    expect(size(config.win!.icon!)).toEqual([1024, 1024]);
    for (const n of [16, 32, 48, 64, 128, 256, 512])
      expect(size(join(config.linux!.icon!, `${n}x${n}.png`))).toEqual([n, n]);
  });
});

describe('resellerconsole:// payment links', () => {
  afterEach(() => {
    vi.doUnmock('electron');
    vi.resetModules();
  });

  it('are declared to the system by the installers', async () => {
    const config = await loadedConfig();
    expect(config.protocols).toEqual([
      { name: 'Reseller Console payment link', schemes: ['resellerconsole'] },
    ]);
  });

  it('are claimed by the main process as soon as it starts', async () => {
    const setAsDefaultProtocolClient = vi.fn(() => true);
    // A second instance: index.ts claims the scheme, hands over to the first instance and quits.
    vi.doMock('electron', () => ({
      app: {
        setAsDefaultProtocolClient,
        on: vi.fn(),
        requestSingleInstanceLock: () => false,
        quit: vi.fn(),
      },
      protocol: { registerSchemesAsPrivileged: vi.fn() },
    }));
    try {
      await import('../../../src/main/index.js');
      expect(setAsDefaultProtocolClient).toHaveBeenCalledWith('resellerconsole');
    } finally {
      // The worker's modules outlive this file (vitest.config.ts): no later file meets the mock.
      vi.doUnmock('electron');
      vi.resetModules();
    }
  });
});

describe('the afterPack hook', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  /**
   * A stand-in for a packed Linux app: its "binary" holds the fuse wire as Electron ships it
   * (sentinel, version 1, eight fuses at Electron's defaults) between arbitrary bytes.
   */
  function packedLinuxApp(): PackedApp {
    const appOutDir = mkdtempSync(join(tmpdir(), 'packed-app-'));
    dirs.push(appOutDir);
    const defaults = '10110001'; // RunAsNode on, cookie encryption off, NODE_OPTIONS on, --inspect on, …
    const wire = Buffer.concat([
      Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'),
      Buffer.from([1, defaults.length]),
      Buffer.from(defaults),
    ]);
    writeFileSync(
      join(appOutDir, 'reseller-console'),
      Buffer.concat([Buffer.alloc(4096, 0x90), wire, Buffer.alloc(4096, 0x90)]),
    );
    return {
      appOutDir,
      electronPlatformName: 'linux',
      arch: 1,
      packager: { appInfo: { productFilename: 'Reseller Console' }, executableName: 'reseller-console' },
    };
  }

  it('turns off RunAsNode, NODE_OPTIONS and --inspect; turns on cookie encryption and ASAR-only with integrity', async () => {
    const app = packedLinuxApp();
    // The hook as electron-builder gets it: from the configuration it loaded.
    const hook = (await loadedConfig()).afterPack as typeof afterPack;
    await hook(app);
    const wire = await getCurrentFuseWire(electronBinary(app));
    expect(wire[FuseV1Options.RunAsNode]).toBe(DISABLED);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(DISABLED);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(DISABLED);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(ENABLED);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(ENABLED);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(ENABLED);
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(DISABLED);
  });

  it('finds the binary where electron-builder puts it on each platform', () => {
    const app = (electronPlatformName: string): PackedApp => ({
      appOutDir: '/packed',
      electronPlatformName,
      arch: 1,
      packager: { appInfo: { productFilename: 'Reseller Console' } },
    });
    expect(electronBinary(app('win32'))).toBe(join('/packed', 'Reseller Console.exe'));
    expect(electronBinary(app('darwin'))).toBe(
      join('/packed', 'Reseller Console.app', 'Contents', 'MacOS', 'Reseller Console'),
    );
  });
});

describe('the main bundle', () => {
  it('is what `electron-vite build` produces, with the preload and the renderer beside it', () => {
    const built = spawnSync(
      process.execPath,
      [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'],
      // Built as `npm run build` builds it from a shell: not in this test process's NODE_ENV (`test`).
      { cwd: root, encoding: 'utf8', env: withoutNodeEnv() },
    );
    expect(built.status, built.stderr).toBe(0);
    const main = readFileSync(join(root, 'out/main/index.js'), 'utf8');
    expect(main).toContain('setAsDefaultProtocolClient');
    for (const file of [
      ...Object.keys(workerEntries).map((name) => `out/main/${name}.js`),
      'out/preload/index.cjs',
      'out/renderer/index.html',
    ])
      expect(existsSync(join(root, file)), file).toBe(true);
  }, 600_000);
});

function withoutNodeEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.NODE_ENV;
  return env;
}
