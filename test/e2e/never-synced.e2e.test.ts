/**
 * A console signed in to a server it has never reached (offline from its very first start): its
 * lists are not "empty" — nothing has arrived yet — and it says so, rather than "No customers yet".
 */
import { describe, expect, it } from 'vitest';
import { expectText } from './support/expect-ui.js';
import { offlineConsole } from './support/offline-console.js';
import { Shell } from './support/pages/shell.js';

// No cache at all: the console creates it and never gets to sync into it.
const offline = offlineConsole({ name: 'never-synced', seed: () => undefined });

describe('a console that has never synced', () => {
  it('says its lists have not synced yet instead of calling them empty', async () => {
    const { page, pageErrors } = offline;
    const shell = new Shell(page);
    await expectText(shell.syncStatus, 'Offline — not synced yet');

    await shell.go('Customers');
    const main = page.getByRole('main');
    await expectText(main, 'Not synced with the server yet');
    await expectText(main, 'This fills in once the console reaches the server.');
    expect(await main.innerText()).not.toContain('No customers yet');

    await shell.go('Dashboard');
    await expectText(main, 'Not synced with the server yet');
    expect(await main.innerText()).not.toMatch(/No wallets yet|No activity yet/);
    // Nor is it "up to date with the server": it has never heard from it.
    await expectText(main.getByTestId('lag-monitor'), 'Not synced with the server yet');
    expect(pageErrors).toEqual([]);
  });
});
