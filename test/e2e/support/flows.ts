import type { Page } from 'playwright-core';
import type { BrowserHost } from './browser-host.js';
import { expectHidden, expectVisible } from './expect-ui.js';
import { ConnectionScreen } from './pages/connection.js';
import { Shell } from './pages/shell.js';

/**
 * Opens the console on a fresh data folder (it starts on the local demo, as on any first run),
 * then signs in to a hosted API from the Connection screen, as a person would.
 */
export async function signInToHostedApi(
  page: Page,
  host: BrowserHost,
  credentials: { url: string; email: string; password: string },
): Promise<Shell> {
  const shell = new Shell(page);
  await shell.open(host);
  await expectVisible(shell.demoBadge);
  await shell.go('Connection');
  await new ConnectionScreen(page).signIn(credentials);
  await expectVisible(shell.account(credentials.email));
  await expectHidden(shell.demoBadge);
  return shell;
}
