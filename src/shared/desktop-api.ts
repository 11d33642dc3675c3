import type { DesktopApi, IpcResult } from './ipc-contract.js';
import { channelNames, eventNames, methodName, type Channel, type EventName } from './ipc-names.js';

/**
 * Builds the renderer-facing API (one named method per channel, never a generic invoke) over any
 * transport: Electron's ipcRenderer in the preload, or the browser host's WebSocket.
 */
export function buildDesktopApi(transport: {
  invoke(channel: Channel, input: unknown): Promise<IpcResult<unknown>>;
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void;
}): DesktopApi {
  const api: Record<string, unknown> = {};
  for (const channel of channelNames) {
    api[methodName(channel)] = (input: unknown) => transport.invoke(channel, input ?? {});
  }
  api.on = (event: EventName, listener: (payload: unknown) => void) => {
    if (!(eventNames as readonly string[]).includes(event)) throw new Error(`unknown event ${String(event)}`);
    return transport.subscribe(event, listener);
  };
  return api as DesktopApi;
}
