import type { Page } from 'playwright-core';
import { describe, expect, inject } from 'vitest';
import { BrowserHost } from './support/browser-host.js';
import { expectText, expectVisible, UI_TIMEOUT_MS } from './support/expect-ui.js';
import { test } from './support/fixtures.js';
import { openTopUp } from './support/flows.js';
import { SandboxCheckoutPage } from './support/pages/top-up.js';
import { Shell } from './support/pages/shell.js';

/** "Balance $3,649.97" → 364997 (minor units of the header's USD wallet), parsed without floats. */
function usdCents(text: string): number {
  const match = /\$([\d,]+)\.(\d{2})/.exec(text);
  if (!match) throw new Error(`no USD amount in ${JSON.stringify(text)}`);
  return Number(match[1]!.replaceAll(',', '')) * 100 + Number(match[2]);
}

/**
 * A card top-up of `amount` from the header's Top Up, paid on the sandbox's hosted page (opened in a
 * page of its own); resolves once the console says it was paid.
 */
async function topUpByCard(page: Page, shell: Shell, amount: '10' | '25'): Promise<void> {
  const topUp = await openTopUp(page, shell);
  await topUp.amount.fill(amount);
  await topUp.method(/Sandbox test card/).check();
  const opened = page.context().waitForEvent('page', { timeout: UI_TIMEOUT_MS });
  await topUp.submit.click();
  const checkout = new SandboxCheckoutPage(await opened);
  await checkout.page.waitForLoadState();
  expect(checkout.page.url()).toMatch(/\/sandbox\/checkout\/sbx_/);
  await checkout.press('Pay');
  await expectText(checkout.status, 'Payment received');
  await checkout.page.close();
  await expectText(topUp.status, `Top-up of $${amount}.00 paid. New balance: `);
}

describe('the local demo after a restart', () => {
  test('a sandbox card top-up on the hosted page is still credited', async ({ host, page, screenshot }) => {
    const shell = new Shell(page);
    await shell.open(host);
    await expectVisible(shell.demoBadge);
    await expectText(shell.syncStatus, 'Online');
    // The first card top-up stores the demo's sandbox secret, sealed with its credentials key.
    await topUpByCard(page, shell, '10');

    // The console is closed and started again on the same data folder (a new port, a new token).
    await host.stop();
    const again = new BrowserHost({ appRoot: inject('appRoot'), dataDir: host.options.dataDir });
    try {
      await shell.open(again);
      await expectVisible(shell.demoBadge);
      await expectText(shell.syncStatus, 'Online');
      // Staff see a balance in the header only on a page about a wallet: the Wallet page opens on the
      // current one, a USD wallet (the one the first top-up credited and the next one credits).
      await shell.go('Wallet');
      const before = usdCents(await shell.balance.innerText());

      await topUpByCard(page, shell, '25');
      await expect
        .poll(async () => usdCents(await shell.balance.innerText()), { timeout: UI_TIMEOUT_MS })
        .toBe(before + 2_500);
      await screenshot('paid-after-restart');
    } catch (error) {
      console.error(`--- restarted browser host output ---\n${again.output()}`);
      throw error;
    } finally {
      await again.stop();
    }
  });
});
