import { expect } from 'vitest';
import { connectToBrowserHost } from './core-client.js';
import type { CoreProcess } from './core-process.js';

/**
 * What a user of the browser host needs after whatever was thrown at it: the process is still
 * running, it still serves the page, and a page holding the token still gets IPC answers over a
 * new WebSocket.
 */
export async function expectStillServing(core: CoreProcess): Promise<void> {
  expect(core.running(), `the browser host exited:\n${core.output()}`).toBe(true);
  const origin = new URL(core.url).origin;
  const page = await fetch(`${origin}/`);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('<title>');
  const client = await connectToBrowserHost(core.url);
  try {
    expect(await client.call('session:get', {})).toMatchObject({ ok: true, value: { state: 'signed_in' } });
  } finally {
    client.close();
  }
}
