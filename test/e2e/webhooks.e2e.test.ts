import { describe, expect } from 'vitest';
import { namesWithoutTheirText } from './support/accessible-names.js';
import { Webhook } from 'standardwebhooks';
import { expectText, expectVisible, textOf, UI_TIMEOUT_MS } from './support/expect-ui.js';
import { signedOutTest as test } from './support/fixtures.js';
import { signInAsAdmin } from './support/flows.js';
import { WebhooksScreen } from './support/pages/webhooks.js';
import { startReceiver } from '../support/webhook-receiver.js';

// Every test signs in to a hosted API: the console starts signed out, with no demo to load.

describe('outgoing webhooks in the console', () => {
  test('an admin adds an endpoint for a local receiver, sends a test event and sees it and a real event delivered', async ({
    api,
    host,
    page,
    screenshot,
  }) => {
    const receiver = await startReceiver();
    try {
      const admin = await api.createReseller('Fabrikam Hosting');
      const shell = await signInAsAdmin(page, host, api, admin);
      await shell.go('Webhooks');
      const webhooks = new WebhooksScreen(page);
      await expectVisible(webhooks.heading);

      const secret = await webhooks.add(receiver.url, ['wallet.created', 'payment.succeeded']);
      expect(secret).toMatch(/^whsec_/);
      await expectText(webhooks.endpoint(receiver.url), /wallet\.created.*payment\.succeeded.*Enabled/);
      await webhooks.sendTest(receiver.url);

      // The receiver gets it, signed with the secret shown once (checked by the reference library).
      await receiver.waitFor(1);
      const [received] = receiver.received;
      expect(new Webhook(secret).verify(received!.body, received!.headers)).toMatchObject({
        type: 'webhook.test',
      });

      // The delivery log shows it delivered, with its attempt.
      await expect
        .poll(
          async () => {
            await webhooks.refreshDeliveries();
            return textOf(webhooks.delivery('webhook.test'));
          },
          { timeout: UI_TIMEOUT_MS, message: 'the test delivery shown as delivered' },
        )
        .toMatch(/Delivered/);
      // A real event: a wallet opened through the API reaches the receiver and shows in the log.
      const customerId = await api.createCustomer(admin, { name: 'Ada', email: 'ada@example.com' });
      const walletId = await api.createWallet(admin, customerId, 'USD');
      await receiver.waitFor(2);
      expect(
        new Webhook(secret).verify(receiver.received[1]!.body, receiver.received[1]!.headers),
      ).toMatchObject({
        type: 'wallet.created',
        data: { wallet: { id: walletId, customerId } },
      });
      await expect
        .poll(
          async () => {
            await webhooks.refreshDeliveries();
            return textOf(webhooks.delivery('wallet.created'));
          },
          { timeout: UI_TIMEOUT_MS, message: 'the wallet.created delivery shown as delivered' },
        )
        .toMatch(/Delivered/);
      await expect(page.getByTestId('webhook-secret').count()).resolves.toBe(0);
      // Each button is named by what it shows, then which endpoint or event it acts on.
      expect(await namesWithoutTheirText(page)).toEqual([]);
      await screenshot('deliveries');
    } finally {
      await receiver.close();
    }
  });

  test('a refused endpoint URL is explained beside the field in the console’s language', async ({
    api,
    host,
    page,
  }) => {
    const admin = await api.createReseller('Fabrikam Hosting');
    const shell = await signInAsAdmin(page, host, api, admin);
    await shell.go('Webhooks');
    await expectVisible(new WebhooksScreen(page).heading);
    await page.getByRole('combobox', { name: 'Language' }).selectOption('vi');
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Webhook' }));

    await page.getByRole('main').getByRole('button', { name: 'Thêm địa chỉ nhận' }).click();
    const dialog = page.getByRole('dialog', { name: 'Thêm địa chỉ nhận' });
    const url = dialog.getByRole('textbox', { name: 'URL địa chỉ nhận' });
    const add = dialog.getByRole('button', { name: 'Thêm địa chỉ nhận' });

    // Not https: refused by the API, worded in Vietnamese rather than in the API's English.
    await url.fill('ftp://example.com/hooks');
    await add.click();
    await expectVisible(dialog.getByText('URL phải bắt đầu bằng https://.'));
    await expect(dialog.getByText(/must be an https/).count()).resolves.toBe(0);

    // A link-local address (cloud metadata), refused even where private networks are allowed.
    await url.fill('https://169.254.169.254/hooks');
    await add.click();
    await expectVisible(
      dialog.getByText(/^URL trỏ tới 169\.254\.169\.254, nơi máy chủ này không được phép kết nối/),
    );
    await expect(dialog.getByText(/not reachable/).count()).resolves.toBe(0);
  });
});
