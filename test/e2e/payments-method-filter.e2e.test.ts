import { describe, expect } from 'vitest';
import { expectCount, UI_TIMEOUT_MS } from './support/expect-ui.js';
import { test } from './support/fixtures.js';
import { openDemoOnline } from './support/flows.js';
import { PaymentsScreen } from './support/pages/top-up.js';

describe("the Payments screen's method filter", () => {
  test('offers the methods this reseller’s payments use, not every method the console knows', async ({
    host,
    page,
  }) => {
    const shell = await openDemoOnline(page, host);
    await shell.navLink('Payments').click();
    const payments = new PaymentsScreen(page);
    // The demo's four test top-ups, all through the sandbox gateway.
    await expectCount(payments.rows, 4);
    const offered = () => payments.method.getByRole('option').allInnerTexts();
    await expect.poll(offered, { timeout: UI_TIMEOUT_MS }).toEqual(['All methods', 'Sandbox test card']);

    // Chosen, it narrows the list and stays offered.
    await payments.method.selectOption({ label: 'Sandbox test card' });
    await expectCount(payments.rows, 4);
    expect(await offered()).toEqual(['All methods', 'Sandbox test card']);
  });
});
