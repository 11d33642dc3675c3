import { join } from 'node:path';
import { flipFuses, FuseV1Options, FuseVersion, type FuseV1Config } from '@electron/fuses';

/**
 * Electron's fuses, flipped in the packaged binary before it is signed (electron-builder signs after
 * `afterPack`). Each one closes a way to run code in the app other than the app's own: Electron's
 * defaults leave them open for development.
 */
export const FUSES = {
  version: FuseVersion.V1,
  // ELECTRON_RUN_AS_NODE would turn the signed binary into a plain Node for any script.
  [FuseV1Options.RunAsNode]: false,
  // Cookies on disk encrypted with the OS keychain, as Chrome does (a one-way change).
  [FuseV1Options.EnableCookieEncryption]: true,
  // NODE_OPTIONS (--require a script) and --inspect / SIGUSR1 would attach code or a debugger.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // Only app.asar, checked against the hash electron-builder writes into the binary (Windows) or
  // Info.plist (macOS): an edited or side-loaded app folder does not start. Linux has no check yet.
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  // The renderer is served from app://, never file://: file pages need no extra privileges.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
} satisfies FuseV1Config;

/** What the hook reads from electron-builder's AfterPackContext (kept narrow so tests can build one). */
export interface PackedApp {
  appOutDir: string;
  /** darwin, mas, win32 or linux. */
  electronPlatformName: string;
  /** electron-builder's Arch: 3 is arm64. */
  arch: number;
  packager: { appInfo: { productFilename: string }; executableName?: string };
}

const ARM64 = 3;

/** The Electron binary inside the packed app folder, where electron-builder puts it on each platform. */
export function electronBinary(app: PackedApp): string {
  const name = app.packager.appInfo.productFilename;
  switch (app.electronPlatformName) {
    case 'darwin':
    case 'mas':
      return join(app.appOutDir, `${name}.app`, 'Contents', 'MacOS', name);
    case 'win32':
      return join(app.appOutDir, `${name}.exe`);
    case 'linux':
      // LinuxPackager names the binary after `linux.executableName`, not the product name.
      return join(app.appOutDir, app.packager.executableName ?? name);
    default:
      throw new Error(`no Electron binary known for platform ${app.electronPlatformName}`);
  }
}

/** electron-builder's `afterPack` hook: flips FUSES in the packed binary (both slices of a universal one). */
export async function afterPack(app: PackedApp): Promise<void> {
  const macOS = app.electronPlatformName === 'darwin' || app.electronPlatformName === 'mas';
  await flipFuses(electronBinary(app), {
    ...FUSES,
    // Flipping invalidates an arm64 macOS binary's ad-hoc signature; a real signature follows anyway.
    resetAdHocDarwinSignature: macOS && app.arch === ARM64,
  });
}
