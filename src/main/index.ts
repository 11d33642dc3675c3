import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Notification,
  protocol,
  safeStorage,
  session,
  shell,
  type IpcMainInvokeEvent,
} from 'electron';
import { channelNames, events as contractEvents, type EventName } from '../shared/ipc-contract.js';
import { createDesktopCore } from './core.js';
import { alertNotification, paymentNotification } from './notifications/notification-text.js';
import { createDocumentHost } from './files/document-host.js';
import { DEEP_LINK_SCHEME, deepLinkFromArgv, parseDeepLink } from './deep-link/deep-link.js';
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

// Gateways send the payer back to `resellerconsole://payments/<id>`; the system hands that link to
// this app (a second instance's argv on Windows and Linux, `open-url` on macOS).
app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME);
/** A deep link that arrived before the window and core were ready: shown once they are. */
let earlyDeepLink: { paymentId: string } | null = deepLinkFromArgv(process.argv);
let onDeepLink: ((link: { paymentId: string }) => void) | null = null;
app.on('open-url', (event, url) => {
  event.preventDefault();
  const link = parseDeepLink(url);
  if (!link) return;
  if (onDeepLink) onDeepLink(link);
  else earlyDeepLink = link;
});

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

  let trustedOrigins: () => string[] = () => [];
  const openExternal = async (url: string) => {
    if (!isAllowedExternalUrl(url, trustedOrigins())) return false;
    await shell.openExternal(url);
    return true;
  };
  const core = await createDesktopCore<IpcMainInvokeEvent>(
    {
      dataDir: app.getPath('userData'),
      secrets: new SafeSecretStore(safeStorage, join(app.getPath('userData'), 'credential.bin')),
      openExternal,
      // Invoice PDFs and history exports: saved where the user chooses, or (PDFs) opened with the
      // system's viewer from a copy in the app's own temporary folder. Reached only through the IPC dispatcher's trusted-sender check.
      documents: createDocumentHost({
        tempDir: join(app.getPath('temp'), 'reseller-console-documents'),
        ask: async (suggestedName, extension) => {
          const options = {
            defaultPath: join(app.getPath('documents'), suggestedName),
            filters: [{ name: extension.toUpperCase(), extensions: [extension] }],
          };
          const parent = BrowserWindow.getFocusedWindow();
          const answer = parent
            ? await dialog.showSaveDialog(parent, options)
            : await dialog.showSaveDialog(options);
          return answer.canceled || !answer.filePath ? null : answer.filePath;
        },
        openPath: (path) => shell.openPath(path),
      }),
    },
    (event) => isTrustedFrame(event.senderFrame, [APP_ORIGIN]),
  );
  trustedOrigins = core.trustedOrigins;
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
  const showWindow = () => {
    if (window?.isMinimized()) window.restore();
    window?.focus();
  };
  onDeepLink = (link) => {
    showWindow();
    core.events.emit('deep-link:opened', link);
  };
  app.on('second-instance', (_event, argv) => {
    showWindow();
    const link = deepLinkFromArgv(argv);
    if (link) onDeepLink?.(link);
  });
  // The end of a top-up is worth a desktop notification: the payer is usually in the browser.
  // Notifications speak the language the signed-in user chose, read at the moment each is shown.
  core.events.on('payments:status-changed', (notice) => {
    if (!Notification.isSupported()) return;
    const notification = new Notification(paymentNotification(notice, core.session.language() ?? 'en'));
    notification.on('click', () => onDeepLink?.({ paymentId: notice.paymentId }));
    notification.show();
  });
  // A low balance (or a failed auto top-up) is worth interrupting for, as the wallet's settings chose.
  core.events.on('alerts:fired', (alert) => {
    if (!Notification.isSupported()) return;
    new Notification(alertNotification(alert, core.session.language() ?? 'en')).show();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (!window) createWindow();
  });
  // Electron does not wait for a promise here: hold the quit until the core has closed its
  // databases (the write under way finished, no torn page), then quit for real.
  let coreStopped = false;
  app.on('will-quit', (event) => {
    if (coreStopped) return;
    event.preventDefault();
    void core
      .stop()
      .catch((error: unknown) => console.error('closing the desktop core failed', error))
      .finally(() => {
        coreStopped = true;
        app.quit();
      });
  });
  // SIGTERM (a logout, a service manager) takes the same path as a quit from the menu.
  process.on('SIGTERM', () => app.quit());

  createWindow();
  await core.start();
  if (earlyDeepLink) {
    const link = earlyDeepLink;
    earlyDeepLink = null;
    // `window` is set by createWindow (a closure TypeScript cannot follow).
    (window as BrowserWindow | null)?.webContents.once('did-finish-load', () => onDeepLink?.(link));
  }
}
