import { describe, expect } from 'vitest';
import { expectText, expectVisible, UI_TIMEOUT_MS } from './support/expect-ui.js';
import { test } from './support/fixtures.js';
import { openDemoOnline } from './support/flows.js';
import { PaymentSettingsScreen } from './support/pages/payment-settings.js';

describe('settings forms', () => {
  test('a save the server refuses naming a field moves focus to that field, in view', async ({
    host,
    page,
  }) => {
    const shell = await openDemoOnline(page, host);
    // A short window: the credentials form is long, and its first fields are out of view at its end.
    await page.setViewportSize({ width: 1024, height: 600 });

    await shell.navLink('Payment settings').click();
    const settings = new PaymentSettingsScreen(page);
    await expectVisible(settings.heading);
    const crypto = settings.credentials('Crypto');
    await expectVisible(crypto);

    // A private key pasted by mistake: refused by the server, beside its field.
    const key = crypto.getByLabel('Bitcoin account key');
    await key.fill(
      'zprvAdG4iTXWBoARxkkzNpNh8r6Qag3irQB8PzEMkAFeTRXxHpbF9z4QgEvBRmfvqWvGp42t42nvgGpNgYSJA9iefm1yYNZKEm7z6qUWCroSQnE',
    );
    await crypto.getByRole('button', { name: 'Save Crypto credentials' }).click();
    await expectText(crypto, 'private keys are never accepted');

    // Focus went to the field in error, which is in view.
    await expect
      .poll(
        () => key.evaluate((el) => el === (el.ownerDocument as { activeElement: unknown }).activeElement),
        {
          timeout: UI_TIMEOUT_MS,
        },
      )
      .toBe(true);
    const inView = await key.evaluate((el) => {
      const box = el.getBoundingClientRect();
      const view = el.ownerDocument.defaultView as { innerHeight: number };
      return box.top >= 0 && box.bottom <= view.innerHeight;
    });
    expect(inView).toBe(true);
  });

  test('a limit the form itself refuses moves focus to that field, not left on Save', async ({
    host,
    page,
  }) => {
    const shell = await openDemoOnline(page, host);
    await shell.navLink('Payment settings').click();
    const settings = new PaymentSettingsScreen(page);
    await expectVisible(settings.heading);

    const minimum = settings.minimum('USD');
    await minimum.fill('ten dollars');
    const save = settings.limits('USD').getByRole('button', { name: 'Save USD limits' });
    await save.focus();
    await page.keyboard.press('Enter');
    await expectText(settings.limits('USD'), 'Use digits and one decimal point');
    await expect
      .poll(
        () => minimum.evaluate((el) => el === (el.ownerDocument as { activeElement: unknown }).activeElement),
        { timeout: UI_TIMEOUT_MS },
      )
      .toBe(true);
  });

  test('a confirmation amount above the maximum per movement takes focus to the field', async ({
    host,
    page,
  }) => {
    const shell = await openDemoOnline(page, host);
    await shell.navLink('Payment settings').click();
    await expectVisible(new PaymentSettingsScreen(page).heading);
    const card = page
      .getByRole('main')
      .getByRole('form', { name: 'USD', exact: false })
      .filter({
        has: page.getByRole('button', { name: 'Save USD movement limits' }),
      });
    const confirmAbove = card.getByLabel('Ask for confirmation above (USD)');
    await card.getByLabel('Maximum per movement (USD)').fill('100');
    await confirmAbove.fill('5000');
    const save = card.getByRole('button', { name: 'Save USD movement limits' });
    await save.focus();
    await page.keyboard.press('Enter');
    await expectText(card, 'Must not be above the maximum per movement.');
    await expect
      .poll(
        () =>
          confirmAbove.evaluate(
            (el) => el === (el.ownerDocument as { activeElement: unknown }).activeElement,
          ),
        { timeout: UI_TIMEOUT_MS },
      )
      .toBe(true);
  });
});
