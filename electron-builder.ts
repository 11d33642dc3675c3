import type { Configuration } from 'electron-builder';
import { afterPack } from './packaging/fuses.js';
import { DEEP_LINK_SCHEME } from './src/main/deep-link/deep-link.js';

/**
 * Installers (`npm run dist`): AppImage and deb for Linux, NSIS for Windows, dmg for macOS. Built
 * from what `npm run build` leaves in out/ (main, preload, renderer); out/core is the browser host's
 * build and stays out. See README, "Installers", for what has and has not been run.
 */
const config: Configuration = {
  appId: 'com.resellerconsole.desktop',
  productName: 'Reseller Console',
  copyright: 'Copyright © Reseller Console maintainers',
  directories: { buildResources: 'resources', output: 'dist' },
  files: ['package.json', 'out/main/**', 'out/preload/**', 'out/renderer/**', '!out/**/*.map'],
  asar: true,
  // A native module cannot be loaded from inside an archive: better-sqlite3's .node stays beside it.
  asarUnpack: ['**/node_modules/better-sqlite3/**/*.node'],
  // better-sqlite3 rebuilt against Electron's ABI (the prebuilt Electron binary where one is
  // published, compiled otherwise), never the Node one npm install left in node_modules.
  npmRebuild: true,
  buildDependenciesFromSource: false,
  // Gateways send the payer back to resellerconsole://payments/<id>: Info.plist (macOS) and the
  // .desktop file (Linux) declare it; on Windows the app registers itself when it starts (index.ts).
  protocols: [{ name: 'Reseller Console payment link', schemes: [DEEP_LINK_SCHEME] }],
  afterPack,
  publish: null,
  linux: {
    target: ['AppImage', 'deb'],
    category: 'Office;Finance',
    executableName: 'reseller-console',
    icon: 'resources/icons',
    synopsis: 'Prepaid wallets and top-ups for resellers',
    maintainer: 'Reseller Console maintainers <maintainers@resellerconsole.example>',
  },
  win: { target: 'nsis', icon: 'resources/icon.png' },
  nsis: { oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true },
  mac: {
    target: 'dmg',
    category: 'public.app-category.finance',
    icon: 'resources/icon.png',
    hardenedRuntime: true,
  },
};

export default config;
