import { describe } from 'vitest';
import { expectText, expectVisible } from './support/expect-ui.js';
import { signedOutTest as test } from './support/fixtures.js';
import { signInWithFundedWallet } from './support/flows.js';

// Every test signs in to a hosted API: the console starts signed out, with no demo to load.

describe('a console left open across an update', () => {
  test('a page whose code is gone says to reload, and reloading opens it', async ({
    api,
    host,
    page,
    screenshot,
  }) => {
    const { shell } = await signInWithFundedWallet(api, host, page, 'Updated Hosting', {
      name: 'Ada Lovelace',
      email: 'ada@example.com',
    });
    // As after an update of the console: the Audit trail's code of the old build is no longer served.
    const oldAuditCode = '**/assets/AuditPage-*';
    await page.route(oldAuditCode, (route) => route.fulfill({ status: 404, body: 'Not Found' }));
    await shell.navLink('Audit trail').click();
    const alert = page.getByRole('main').getByRole('alert');
    // "Try again" used to fail the same way for ever: React keeps a page's failed load.
    await expectText(alert, 'The console was updated');
    await screenshot('console-updated');

    // The new build serves it: one reload and the page opens, the person still signed in.
    await page.unroute(oldAuditCode);
    await alert.getByRole('button', { name: 'Reload' }).click();
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Audit trail' }));
    await expectText(shell.syncStatus, 'Online');
  });
});
