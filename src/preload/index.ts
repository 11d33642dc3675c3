import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { buildDesktopApi } from '../shared/desktop-api.js';

/**
 * Exposes one named method per IPC channel (built from the shared contract) and one subscription
 * per event — never a generic invoke. The Electron event object is stripped from callbacks, and
 * every subscription returns its unsubscribe.
 */
const api = buildDesktopApi({
  invoke: (channel, input) => ipcRenderer.invoke(channel, input),
  subscribe(event, listener) {
    const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(event, forward);
    return () => ipcRenderer.removeListener(event, forward);
  },
});

contextBridge.exposeInMainWorld('desktop', api);
