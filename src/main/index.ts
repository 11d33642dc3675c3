import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import {
  app,
  BrowserWindow,
  ipcMain,
  protocol,
  safeStorage,
  session,
  shell,
  type IpcMainInvokeEvent,
} from 'electron';
import { channelNames, events as contractEvents, type EventName } from '../shared/ipc-contract.js';
import { createDesktopCore } from './core.js';
import { isAllowedExternalUrl } from './ipc/external-links.js';
import { isTrustedFrame } from './ipc/trusted-sender.js';
import { APP_ORIGIN, CONTENT_SECURITY_POLICY, denyPermissions, hardenWebContents } from './security.js';
import { SafeSecretStore } from './session/secret-store.js';

/** Electron main: one sandboxed, isolated window over the desktop core. */

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

protocol.registerSchemesAsPrivileged([
  { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void main();
}

async function main() {
  await app.whenReady();
  const rendererDir = join(import.meta.dirname, '../renderer');
  protocol.handle('app', async (request) => {
    const path = decodeURIComponent(new URL(request.url).pathname);
    const file = normalize(join(rendererDir, path === '/' ? 'index.html' : path));
    if (!file.startsWith(rendererDir + sep)) return new Response('not found', { status: 404 });
    try {
      return new Response(await readFile(file), {
        headers: {
          'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
          'content-security-policy': CONTENT_SECURITY_POLICY,
        },
      });
    } catch {
      return new Response('not found', { status: 404 });
    }
  });
  denyPermissions(session.defaultSession);

  const openExternal = async (url: string) => {
    if (!isAllowedExternalUrl(url)) return false;
    await shell.openExternal(url);
    return true;
  };
  const core = await createDesktopCore<IpcMainInvokeEvent>(
    {
      dataDir: app.getPath('userData'),
      secrets: new SafeSecretStore(safeStorage, join(app.getPath('userData'), 'credential.bin')),
      openExternal,
    },
    (event) => isTrustedFrame(event.senderFrame, [APP_ORIGIN]),
  );
  for (const channel of channelNames) {
    ipcMain.handle(channel, (event, input: unknown) => core.dispatch(event, channel, input));
  }

  let window: BrowserWindow | null = null;
  const createWindow = () => {
    window = new BrowserWindow({
      width: 1280,
      height: 820,
      minWidth: 900,
      minHeight: 600,
      title: 'Reseller Console',
      show: false,
      webPreferences: {
        preload: join(import.meta.dirname, '../preload/index.cjs'),
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        webSecurity: true,
        spellcheck: false,
      },
    });
    hardenWebContents(window.webContents, (url) => void openExternal(url));
    window.once('ready-to-show', () => window?.show());
    window.on('closed', () => (window = null));
    void window.loadURL(`${APP_ORIGIN}/index.html`);
  };

  for (const event of Object.keys(contractEvents) as EventName[]) {
    core.events.on(event, (payload: unknown) => window?.webContents.send(event, payload));
  }
  app.on('web-contents-created', (_event, contents) =>
    hardenWebContents(contents, (url) => void openExternal(url)),
  );
  app.on('second-instance', () => {
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (!window) createWindow();
  });
  app.on('will-quit', () => void core.stop());

  createWindow();
  await core.start();
}
