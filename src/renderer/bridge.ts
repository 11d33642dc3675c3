import { buildDesktopApi } from '../shared/desktop-api.js';
import type { DesktopApi, IpcResult } from '../shared/ipc-contract.js';
import { cacheTables, type Channel, type EventName } from '../shared/ipc-names.js';
import { MISSING_TOKEN, TOKEN_REFUSED, takeToken } from './browser-host-link';
import { i18n } from './i18n';

declare global {
  interface Window {
    /** Set by the Electron preload (contextBridge). Absent in the browser host. */
    desktop?: DesktopApi;
  }
}

let api: DesktopApi | null = null;

/** Whether this is the Electron app (its preload set `window.desktop`), not the browser host. */
export const inElectron = (): boolean => window.desktop !== undefined;

/** Where this tab keeps the token for reloads (the fragment is removed from the address bar). */
const TOKEN_KEY = 'browser-host-token';

class TokenRefused extends Error {
  constructor() {
    super(TOKEN_REFUSED.message);
    this.name = 'TokenRefused';
  }
}

/**
 * The desktop API: the preload's in Electron; in the browser host, the same methods over a
 * WebSocket that only this page can open (it holds the one-time token from the URL fragment).
 */
export function desktop(): DesktopApi {
  if (window.desktop) return window.desktop;
  api ??= connectBrowserHost();
  return api;
}

function connectBrowserHost(): DesktopApi {
  const { token, fromHash } = takeToken(window.location, sessionStorage.getItem(TOKEN_KEY));
  if (fromHash) {
    sessionStorage.setItem(TOKEN_KEY, token);
    history.replaceState(null, '', window.location.pathname);
  }
  // Without a token the core refuses the socket anyway: say what is wrong instead of trying.
  if (token === '') {
    const missing = {
      ok: false,
      error: { code: MISSING_TOKEN.code, message: MISSING_TOKEN.message },
    } as const;
    return buildDesktopApi({ invoke: async () => missing, subscribe: () => () => undefined });
  }
  const pending = new Map<number, (result: IpcResult<unknown>) => void>();
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let nextId = 1;
  let socket: WebSocket | null = null;
  let ready: Promise<WebSocket> | null = null;
  let opened = false;

  const open = (): Promise<WebSocket> => {
    ready ??= new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(`ws://${window.location.host}/ipc?token=${encodeURIComponent(token)}`);
      ws.onopen = () => {
        if (opened) {
          // Events sent while the connection was down are lost: have every cached read refreshed.
          const stale = { tables: [...cacheTables] };
          listeners.get('cache:tables-changed')?.forEach((listener) => listener(stale));
        }
        opened = true;
        socket = ws;
        resolve(ws);
      };
      ws.onmessage = (message) => {
        const data = JSON.parse(String(message.data)) as
          | { type: 'result'; id: number; result: IpcResult<unknown> }
          | { type: 'event'; event: EventName; payload: unknown };
        if (data.type === 'result') {
          pending.get(data.id)?.(data.result);
          pending.delete(data.id);
        } else {
          listeners.get(data.event)?.forEach((listener) => listener(data.payload));
        }
      };
      ws.onclose = () => {
        socket = null;
        ready = null;
        for (const resolvePending of pending.values()) {
          resolvePending({
            ok: false,
            error: { code: 'disconnected', message: i18n.t('shell:link.coreWentAway') },
          });
        }
        pending.clear();
        // The core served this page, so a socket that never opened was refused: the token is stale.
        reject(opened ? new Error(i18n.t('shell:link.coreClosed')) : new TokenRefused());
        // The core may be restarting: reconnect when someone next needs it, or for listeners now.
        if (listeners.size > 0) setTimeout(() => void open().catch(() => undefined), 1000);
      };
    });
    return ready;
  };

  return buildDesktopApi({
    async invoke(channel: Channel, input: unknown) {
      let ws: WebSocket;
      try {
        ws = socket ?? (await open());
      } catch (error) {
        if (error instanceof TokenRefused)
          return { ok: false, error: { code: TOKEN_REFUSED.code, message: TOKEN_REFUSED.message } };
        return { ok: false, error: { code: 'disconnected', message: String(error) } };
      }
      const id = nextId++;
      return new Promise<IpcResult<unknown>>((resolve) => {
        pending.set(id, resolve);
        ws.send(JSON.stringify({ type: 'invoke', id, channel, input }));
      });
    },
    subscribe(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      void open().catch(() => undefined);
      return () => set.delete(listener);
    },
  });
}
