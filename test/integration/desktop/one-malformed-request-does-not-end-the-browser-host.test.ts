import { once } from 'node:events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { expectStillServing } from '../../support/browser-host-probe.js';
import type { CoreProcess } from '../../support/core-process.js';
import { DesktopScene } from '../../support/desktop-scene.js';
import { httpRequest, rawExchange } from '../../support/raw-socket.js';

/** The browser host's limit on one IPC message (bytes). */
const MAX_MESSAGE = 1024 * 1024;

describe('browser host: the two requests that used to end it', () => {
  let scene: DesktopScene;
  let core: CoreProcess;
  let origin: string;
  beforeEach(async () => {
    scene = new DesktopScene();
    core = await scene.coreProcess(scene.dir('console'));
    origin = new URL(core.url).origin;
  });
  afterEach(() => scene.close());

  it('answers GET /%E0%A4%A (malformed percent-encoding) with 400 and keeps serving', async () => {
    const host = new URL(origin).host;
    const answer = await rawExchange(origin, httpRequest('GET', '/%E0%A4%A', { Host: host }));
    expect(answer.status).toBe(400);
    await expectStillServing(core);
  });

  it('closes an IPC message over 1 MiB with 1009 (too big) and keeps serving', async () => {
    const url = new URL(core.url);
    const token = new URLSearchParams(url.hash.slice(1)).get('token') ?? '';
    const ws = new WebSocket(`ws://${url.host}/ipc?token=${encodeURIComponent(token)}`, {
      origin: url.origin,
    });
    await once(ws, 'open');
    const closed = once(ws, 'close') as Promise<[number, Buffer]>;
    ws.send('x'.repeat(MAX_MESSAGE + 1));
    const [code] = await closed;
    expect(code).toBe(1009);
    await expectStillServing(core);
  });
});
