import { describe } from 'vitest';
import { expectText } from './support/expect-ui.js';
import { signedOutTest as test } from './support/fixtures.js';
import { signInAsAdmin } from './support/flows.js';
import { InvoicesScreen } from './support/pages/invoices.js';

// Every test signs in to a hosted API: the console starts signed out, with no demo to load.

describe('voiding a partly paid invoice', () => {
  test('the Void dialog says how much goes back to which wallet, in English and Vietnamese', async ({
    api,
    host,
    page,
  }) => {
    const admin = await api.createReseller('Voiding Co');
    const customerId = await api.createCustomer(admin, { name: 'Ada Lovelace', email: 'ada@example.com' });
    const walletId = await api.createWallet(admin, customerId, 'USD');
    // The wallet pays $12.34 of the $25.00 invoice: partly paid, the wallet empty.
    await api.credit(admin, walletId, 1_234, 'Opening balance');
    const invoice = await api.openInvoice(admin, customerId, {
      currency: 'USD',
      description: 'Proxy plan',
      unitAmount: 2_500,
    });
    await api.request('POST', `/v1/invoices/${invoice.id}/pay`, {
      token: admin.apiKey,
      body: { source: 'wallet' },
      idempotent: true,
      expect: 200,
    });

    const shell = await signInAsAdmin(page, host, api, admin);
    await expectText(shell.syncStatus, 'Online');
    await shell.navLink('Invoices').click();
    const invoices = new InvoicesScreen(page);
    await invoices.table.getByRole('link', { name: invoice.number }).click();
    await expectText(invoices.status, 'Partially paid');
    await expectText(invoices.amountDue, '$12.66');

    await invoices.voidInvoice.click();
    const dialog = page.getByRole('dialog', { name: 'Void this invoice?' });
    await expectText(
      dialog,
      '$12.34 was paid on it: it goes back to Ada Lovelace · USD wallet first, as a refund.',
    );
    await dialog.getByRole('button', { name: 'Go back' }).click();

    await page.getByRole('combobox', { name: 'Language' }).selectOption('vi');
    await page.getByRole('main').getByRole('button', { name: 'Hủy hóa đơn' }).click();
    const vietnamese = page.getByRole('dialog', { name: 'Hủy hóa đơn này?' });
    await expectText(
      vietnamese,
      'Hóa đơn đã được thanh toán 12,34 US$: số tiền này sẽ được hoàn lại vào Ada Lovelace · ví USD trước.',
    );
    await vietnamese.getByRole('button', { name: 'Quay lại' }).click();

    await page.getByRole('combobox', { name: 'Ngôn ngữ (Language)' }).selectOption('en');
    await invoices.voidIt();
    await expectText(invoices.status, 'Void');
    // What the dialog said is what happened: $12.34 back in Ada's USD wallet.
    const wallets = await api.wallets(admin, customerId);
    if (wallets.find((w) => w.id === walletId)?.balance !== 1_234)
      throw new Error(`expected the USD wallet to hold 1234 again: ${JSON.stringify(wallets)}`);
  });
});
