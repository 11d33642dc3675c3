/**
 * The desktop core as the renderer sees it: channels of the IPC contract answered with
 * `{ok, value | error}`, and events. Two carriers: in-process (the core's own `dispatch`) and the
 * browser host's WebSocket (a core running as a child process). Waiting is on the core's events.
 */
import { EventEmitter, once } from 'node:events';
import WebSocket from 'ws';
import type {
  Channel,
  ChannelInput,
  ChannelResult,
  EventName,
  EventPayload,
  IpcResult,
  OutboxItem,
  SyncStatus,
} from '../../src/shared/ipc-contract.js';
import type { DesktopCore } from '../../src/main/core.js';

export interface CoreClient {
  call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<IpcResult<ChannelResult<C>>>;
  /** `call`, for answers that must be `ok`: throws with the error's code and message otherwise. */
  invoke<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelResult<C>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

type Call = (channel: Channel, input: unknown) => Promise<IpcResult<unknown>>;
type On = (event: EventName, listener: (payload: unknown) => void) => () => void;

function client(call: Call, on: On): CoreClient {
  return {
    call: call as CoreClient['call'],
    async invoke(channel, input) {
      const result = await call(channel, input);
      if (!result.ok) throw new Error(`${channel} failed: ${result.error.code}: ${result.error.message}`);
      return result.value as never;
    },
    on: on as CoreClient['on'],
  };
}

/** A core in this process, called as a trusted window would. */
export function inProcessClient<S>(core: DesktopCore<S>, sender: S): CoreClient {
  return client(
    (channel, input) => core.dispatch(sender, channel, input),
    (event, listener) => {
      core.events.on(event, listener as never);
      return () => core.events.off(event, listener as never);
    },
  );
}

/**
 * The browser host's IPC WebSocket, opened as its page would be: /ipc with this run's token (from the
 * fragment of its READY URL) and an Origin header equal to its origin.
 */
export async function connectToBrowserHost(readyUrl: string): Promise<CoreClient & { close(): void }> {
  const url = new URL(readyUrl);
  const token = new URLSearchParams(url.hash.slice(1)).get('token') ?? '';
  const ws = new WebSocket(`ws://${url.host}/ipc?token=${encodeURIComponent(token)}`, {
    origin: url.origin,
  });
  await once(ws, 'open');
  const pending = new Map<number, { resolve(r: IpcResult<unknown>): void; reject(e: Error): void }>();
  const events = new EventEmitter();
  let nextId = 1;
  ws.on('message', (raw) => {
    const message = JSON.parse(String(raw)) as
      | { type: 'result'; id: number; result: IpcResult<unknown> }
      | { type: 'event'; event: EventName; payload: unknown };
    if (message.type === 'result') {
      pending.get(message.id)?.resolve(message.result);
      pending.delete(message.id);
    } else if (message.type === 'event') {
      events.emit(message.event, message.payload);
    }
  });
  ws.on('close', () => {
    for (const p of pending.values()) p.reject(new Error('the desktop core closed its IPC connection'));
    pending.clear();
  });
  const ipc = client(
    (channel, input) =>
      new Promise((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        ws.send(JSON.stringify({ type: 'invoke', id, channel, input }));
      }),
    (event, listener) => {
      events.on(event, listener);
      return () => events.off(event, listener);
    },
  );
  return { ...ipc, close: () => ws.terminate() };
}

/** Waits still open, with what they last saw: reported when a test times out in one of them. */
const openWaits = new Set<{ what: string; seen: unknown }>();

/** "waiting for X (last seen: Y)" for every wait still open; for failure messages. */
export function openWaitReport(): string[] {
  return [...openWaits].map((w) => `still waiting for ${w.what}; last seen: ${JSON.stringify(w.seen)}`);
}

/**
 * Resolves with the first non-null result of `check`, which is run now and again after every event
 * the core sends (any status or table change), so nothing that happens in between is missed. `check`
 * may `note` what it saw, for the report if the test times out here.
 */
export async function waitUntil<T>(
  core: CoreClient,
  what: string,
  check: (note: (seen: unknown) => void) => Promise<T | null>,
): Promise<T> {
  const wait = { what, seen: null as unknown };
  const note = (seen: unknown) => {
    wait.seen = seen;
  };
  let events = 0;
  let wake: () => void = () => undefined;
  const poke = () => {
    events++;
    wake();
  };
  const offs = [core.on('sync:status-changed', poke), core.on('cache:tables-changed', poke)];
  openWaits.add(wait);
  try {
    for (;;) {
      const before = events;
      const result = await check(note);
      if (result !== null) return result;
      if (events === before) await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    openWaits.delete(wait);
    offs.forEach((off) => off());
  }
}

/** The sync status, once it satisfies `predicate`. */
export function waitForStatus(core: CoreClient, predicate: (s: SyncStatus) => boolean): Promise<SyncStatus> {
  return waitUntil(core, `a sync status where ${String(predicate)}`, async (note) => {
    const status = await core.invoke('sync:status', {});
    note(status);
    return predicate(status) ? status : null;
  });
}

/** The outbox as 'outbox:list' shows it, once it satisfies `predicate`. */
export function waitForOutbox(
  core: CoreClient,
  predicate: (items: OutboxItem[]) => boolean,
): Promise<OutboxItem[]> {
  return waitUntil(core, `an outbox where ${String(predicate)}`, async (note) => {
    const items = await core.invoke('outbox:list', {});
    note(items.map((i) => ({ kind: i.kind, state: i.state, error: i.error })));
    return predicate(items) ? items : null;
  });
}

/**
 * Online, nothing left to send, and `caughtUp()` (the cache has reached the server's newest feed
 * position). `caughtUp` is asked before the status, so an "online" read after it cannot predate it.
 */
export function waitUntilSettled(core: CoreClient, caughtUp: () => boolean): Promise<SyncStatus> {
  return waitUntil(core, 'online, nothing pending, caught up with the feed', async (note) => {
    const reached = caughtUp();
    const status = await core.invoke('sync:status', {});
    note({ caughtUp: reached, status });
    return reached && status.state === 'online' && status.pendingCount === 0 ? status : null;
  });
}

/** A USD wallet of the local demo, once the first sync has brought it into the cache. */
export function demoUsdWallet(client: CoreClient) {
  return waitUntil(client, 'a USD wallet of the demo in the cache', async (note) => {
    const wallets = await client.invoke('wallets:list', {});
    note(wallets.length);
    return wallets.find((w) => w.currency === 'USD' && !w.pending) ?? null;
  });
}
