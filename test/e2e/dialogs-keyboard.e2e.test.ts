/**
 * A dialog used from the keyboard alone: it opens on its first field, Tab and Shift+Tab go round
 * its controls without ever leaving it, Escape closes it and focus returns to what opened it.
 */
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { expectHidden, expectVisible, UI_TIMEOUT_MS } from './support/expect-ui.js';
import { test } from './support/fixtures.js';
import { CustomersScreen } from './support/pages/customers.js';
import { Shell } from './support/pages/shell.js';
import { WalletScreen } from './support/pages/wallet.js';

/** What has focus, as a person would name it: its accessible label or text, and whether it is in the dialog. */
function focused(page: Page) {
  return page.evaluate(() => {
    const doc = (globalThis as unknown as { document: { activeElement: any } }).document;
    const el = doc.activeElement;
    const labelled =
      el?.labels?.[0]?.textContent ?? el?.getAttribute?.('aria-label') ?? el?.textContent ?? '';
    return {
      tag: String(el?.tagName ?? ''),
      name: String(labelled).trim(),
      inDialog: !!el?.closest?.('dialog'),
    };
  });
}

describe('dialogs from the keyboard', () => {
  test('open on the first field, keep Tab inside, close on Escape back to their button', async ({
    host,
    page,
  }) => {
    const shell = new Shell(page);
    await shell.open(host);
    await shell.go('Customers');
    const customers = new CustomersScreen(page);
    await customers.newCustomerButton.focus();
    await page.keyboard.press('Enter');
    await expectVisible(customers.newCustomerDialog);
    await expect
      .poll(() => focused(page), { timeout: UI_TIMEOUT_MS })
      .toMatchObject({ tag: 'INPUT', inDialog: true });
    const start = await focused(page);
    expect(start.name).toMatch(/^Name/);

    // Twice round the dialog forwards: never the page behind, never the document itself.
    const seen: string[] = [];
    for (let i = 0; i < 20; i++) {
      await page.keyboard.press('Tab');
      const now = await focused(page);
      expect(now, `Tab ${i + 1}`).toMatchObject({ inDialog: true });
      seen.push(now.name);
    }
    expect(seen).toContain(start.name);
    expect(seen).toContain('Close');
    // And back: Shift+Tab from the close button (the first control) lands on the last one.
    await page.getByRole('dialog', { name: 'New customer' }).getByRole('button', { name: 'Close' }).focus();
    await page.keyboard.press('Shift+Tab');
    expect(await focused(page)).toMatchObject({ inDialog: true, tag: 'BUTTON' });
    expect((await focused(page)).name).not.toBe('Close');

    await page.keyboard.press('Escape');
    await expectHidden(customers.newCustomerDialog);
    expect((await focused(page)).name).toBe('New customer');
  });

  test('a refused submit moves focus to the field in error, not left on the button', async ({
    host,
    page,
  }) => {
    const shell = new Shell(page);
    await shell.open(host);
    await shell.go('Wallet');
    const wallet = new WalletScreen(page);
    await wallet.addCreditButton.focus();
    await page.keyboard.press('Enter');
    await expectVisible(wallet.addCreditDialog);
    const submit = wallet.addCreditDialog.getByRole('button', { name: 'Add credit', exact: true });
    const amount = wallet.addCreditDialog.getByLabel('Amount');
    const description = wallet.addCreditDialog.getByLabel('Description');

    // Nothing typed, Enter on the button: the amount is refused, and the person lands on it.
    await submit.focus();
    await page.keyboard.press('Enter');
    await expectVisible(wallet.addCreditDialog.getByText('Enter an amount.'));
    await expect.poll(() => focused(page), { timeout: UI_TIMEOUT_MS }).toMatchObject({ name: 'Amount' });
    expect(await amount.getAttribute('aria-invalid')).toBe('true');

    // A good amount but no description: this time the description takes focus.
    await page.keyboard.type('12.50');
    await description.fill('');
    await submit.focus();
    await page.keyboard.press('Enter');
    await expectVisible(wallet.addCreditDialog.getByText('Say what the credit is for.'));
    await expect
      .poll(() => focused(page), { timeout: UI_TIMEOUT_MS })
      .toMatchObject({ name: 'Description', inDialog: true });

    // The same refusal twice: focus comes back to the field again.
    await submit.focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => focused(page), { timeout: UI_TIMEOUT_MS })
      .toMatchObject({ name: 'Description', inDialog: true });
  });

  test('a mistyped email in New customer is refused in Vietnamese, on the field, before queuing', async ({
    host,
    page,
  }) => {
    const shell = new Shell(page);
    await shell.open(host);
    await page.getByRole('combobox', { name: 'Language' }).selectOption('vi');
    await page.getByRole('navigation').getByRole('link', { name: 'Khách hàng', exact: true }).click();
    await page.getByRole('main').getByRole('button', { name: 'Khách hàng mới' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Khách hàng mới' });
    // Before anything is created, the dialog says what Create will do, not that it was done: it
    // read "Khách hàng đã vào hàng đợi" (the customer has been queued) on opening.
    await expectVisible(
      dialog.getByText(
        'Khách hàng sẽ được đưa vào hàng đợi ngay và được tạo trên máy chủ khi máy chủ phản hồi.',
      ),
    );
    await expect(dialog.getByText(/đã vào hàng đợi/).count()).resolves.toBe(0);
    await dialog.getByLabel('Tên').fill('Trần Thị Mai');
    await dialog.getByLabel('Email').fill('mai.example.com');
    await dialog.getByRole('button', { name: 'Tạo khách hàng' }).click();

    await expectVisible(
      dialog.getByText('Đây không phải địa chỉ email: hãy viết theo dạng ten@example.com.'),
    );
    await expect(dialog.getByText(/must be an email/i).count()).resolves.toBe(0);
    await expect
      .poll(() => focused(page), { timeout: UI_TIMEOUT_MS })
      .toMatchObject({ name: 'Email', inDialog: true });
  });
});
