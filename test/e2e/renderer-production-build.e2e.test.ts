/**
 * The console a browser host serves runs React's production build, even when a test process built
 * it: under vitest NODE_ENV is `test`, which Vite keeps, and the renderer came out as React's
 * development build (twice the size, slower), which the build stamp then served to `npm start` too.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { BrowserHost } from '../../src/main/browser-host.js';
import { startOfflineHost } from '../support/offline-host.js';

let dir: string;
let host: BrowserHost;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'renderer-build-'));
  // Builds the renderer first when its sources changed, from this test process.
  host = await startOfflineHost(dir);
}, 120_000);

afterAll(async () => {
  await host?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it("serves the renderer with React's production build, and leaves this process's NODE_ENV as it was", async () => {
  expect(process.env.NODE_ENV).toBe('test');
  const origin = new URL(host.url).origin;
  const html = await (await fetch(`${origin}/`)).text();
  const entry = /<script type="module"[^>]* src="\.?\/?([^"]+\.js)"/.exec(html)?.[1];
  expect(entry, 'the page names its entry script').toBeDefined();
  const script = await (await fetch(`${origin}/${entry}`)).text();
  // Production React reports its errors as codes with a link; the development build carries the
  // messages themselves, such as its warning about list items without keys.
  expect(script).toContain('https://react.dev/errors/');
  expect(script).not.toContain('Each child in a list should have a unique');
});
