import { describe, expect } from 'vitest';
import { expectHidden, expectText, expectVisible, UI_TIMEOUT_MS } from './support/expect-ui.js';
import { signedOutTest as test } from './support/fixtures.js';
import { pressSandboxButton } from '../support/payments.js';
import { signInAsAdmin } from './support/flows.js';
import { InvoicesScreen } from './support/pages/invoices.js';
import { PaymentReviews } from './support/pages/payment-reviews.js';
import { PaymentsScreen } from './support/pages/top-up.js';
import { offerVietQrBank, VIETQR_ACCOUNT as ACCOUNT } from './support/vietqr-bank.js';

// Every test signs in to a hosted API: the console starts signed out, with no demo to load.

/** The number of newer unpaid top-ups: more than two pages of the picker (100 each). */
const NEWER = 205;

describe('a bank transfer that matched no payment', () => {
  test('the admin applies it to the customer’s wallet from Needs review, and it is credited once', async ({
    api,
    host,
    page,
    screenshot,
  }) => {
    await api.ready();
    const admin = await api.createReseller('Hanoi Proxies');
    const bank = await offerVietQrBank(api, admin, 'CONG TY HANOI PROXIES', 'NAP');
    try {
      const customerId = await api.createCustomer(admin, {
        name: 'Tran Thi Binh',
        email: 'binh@example.com',
      });
      await api.createWallet(admin, customerId, 'VND');

      // The payer typed no usable memo: the transfer lands in review.
      const line = bank.credit({ accountNumber: ACCOUNT, amount: 150_000, content: 'chuyen tien nap' });
      await bank.delivered(line.id);

      const shell = await signInAsAdmin(page, host, api, admin);
      await shell.navLink('Payments').click();
      const reviews = new PaymentReviews(page);
      await reviews.tab.click();
      await expectVisible(reviews.table);
      const row = reviews.rows.filter({ hasText: 'chuyen tien nap' });
      await expectText(row, '₫150,000');
      // Its amount shows once, in its own Amount cell as the Payments list has it, not again in the
      // detail's sentence.
      await expectVisible(row.getByRole('cell', { name: '₫150,000', exact: true }));
      expect((await row.innerText()).split('₫150,000')).toHaveLength(2);
      await screenshot('review-unmatched');

      await reviews.applyToWallet(row).click();
      await expectVisible(reviews.dialog);
      await reviews.target('Wallet').selectOption({ label: 'Tran Thi Binh — VND' });
      await expectText(reviews.dialog, '₫150,000 will be credited to Tran Thi Binh — VND wallet');
      await screenshot('review-apply-dialog');
      await reviews.confirm('₫150,000').click();
      await expectHidden(reviews.dialog);
      await expectText(page.getByText('Nothing needs review'), 'Nothing needs review');

      const [wallet] = await api.wallets(admin, customerId);
      expect(wallet).toMatchObject({ currency: 'VND', balance: 150_000 });

      // Resolved: what was done, by whom, stays visible.
      await reviews.show.selectOption('resolved');
      await expectText(
        page.getByTestId('review-resolution'),
        `applied to wallet ${wallet!.id} by ${admin.email}`,
      );
      await screenshot('review-applied');
    } finally {
      await bank.close();
    }
  });

  test('the admin finds the unpaid top-up it belongs to among older ones, by its amount, and pays it once', async ({
    api,
    host,
    page,
    screenshot,
  }) => {
    await api.ready();
    const admin = await api.createReseller('Hanoi Proxies');
    const bank = await offerVietQrBank(api, admin, 'CONG TY HANOI PROXIES', 'NAP');
    try {
      const customerId = await api.createCustomer(admin, {
        name: 'Tran Thi Binh',
        email: 'binh@example.com',
      });
      const walletId = await api.createWallet(admin, customerId, 'VND');
      const topUp = (amount: number) =>
        api.request<{ id: string; status: string }>('POST', `/v1/wallets/${walletId}/top-ups`, {
          token: admin.apiKey,
          body: { amount, provider: 'vietqr' },
          idempotent: true,
        });
      // The top-up the transfer pays, then many newer ones, none of them paid and none of its amount.
      const owed = await topUp(150_000);
      for (let i = 0; i < NEWER; i += 8) {
        const amounts = Array.from({ length: Math.min(8, NEWER - i) }, (_, j) => 200_000 + (i + j) * 1_000);
        await Promise.all(amounts.map(topUp));
      }

      // The payer typed no memo: the transfer lands in review.
      const line = bank.credit({ accountNumber: ACCOUNT, amount: 150_000, content: 'chuyen tien' });
      await bank.delivered(line.id);

      const shell = await signInAsAdmin(page, host, api, admin);
      await shell.navLink('Payments').click();
      const reviews = new PaymentReviews(page);
      await reviews.tab.click();
      const row = reviews.rows.filter({ hasText: 'chuyen tien' });
      await expectText(row, '₫150,000');
      await reviews.applyToPayment(row).click();
      await expectVisible(reviews.dialog);

      // The newest hundred first, all of other amounts; the older ones on asking, until every one is listed.
      const picker = reviews.target('Payment');
      const sameAmount = picker.locator('optgroup[label="Same amount"] option');
      await expectText(reviews.dialog, 'Showing the newest 100');
      expect(await sameAmount.count()).toBe(0);
      const older = reviews.dialog.getByRole('button', { name: 'Show older payments' });
      await older.click();
      await expectText(reviews.dialog, 'Showing the newest 200');
      await older.click();
      await expectText(reviews.dialog, `Showing all ${NEWER + 1}`);
      expect(await picker.locator('option').count()).toBe(NEWER + 2); // and "Choose…"

      // The one of the transfer's amount is listed first, on its own.
      await expect.poll(() => sameAmount.count()).toBe(1);
      await expect.poll(() => picker.locator('option').nth(1).getAttribute('value')).toBe(owed.id);
      await picker.selectOption(owed.id);
      await screenshot('review-apply-to-payment');
      await reviews.confirm('₫150,000').click();
      await expectHidden(reviews.dialog);
      await expectText(page.getByText('Nothing needs review'), 'Nothing needs review');

      const paid = await api.request<{ status: string }>('GET', `/v1/payments/${owed.id}`, {
        token: admin.apiKey,
      });
      expect(paid.status).toBe('paid');
      const [wallet] = await api.wallets(admin, customerId);
      expect(wallet).toMatchObject({ currency: 'VND', balance: 150_000 });
    } finally {
      await bank.close();
    }
  });

  test('more transfers to review than one page: the newest hundred, then the older ones on asking', async ({
    api,
    host,
    page,
  }) => {
    await api.ready();
    const admin = await api.createReseller('Hanoi Proxies');
    const bank = await offerVietQrBank(api, admin, 'CONG TY HANOI PROXIES', 'NAP');
    try {
      const lines = bank.book(
        Array.from({ length: 105 }, (_, i) => ({
          accountNumber: ACCOUNT,
          amount: 10_000 + i,
          content: `khong ro ${i}`,
          type: 'IN' as const,
        })),
      );
      await bank.delivered(lines.at(-1)!.id);
      // The API acknowledges the push before it processes the lines: wait until every review exists.
      const reviewCount = async () =>
        (
          await api.request<{ items: unknown[] }>('GET', '/v1/payment-reviews?limit=500', {
            token: admin.apiKey,
          })
        ).items.length;
      await expect.poll(reviewCount, { timeout: UI_TIMEOUT_MS }).toBe(105);

      const shell = await signInAsAdmin(page, host, api, admin);
      await shell.navLink('Payments').click();
      const reviews = new PaymentReviews(page);
      await reviews.tab.click();
      await expectVisible(reviews.table);
      await expect.poll(() => reviews.rows.count(), { timeout: UI_TIMEOUT_MS }).toBe(100);
      await expectText(page.getByRole('main'), 'Showing the newest 100');
      await page.getByRole('button', { name: 'Show older reviews' }).click();
      await expect.poll(() => reviews.rows.count(), { timeout: UI_TIMEOUT_MS }).toBe(105);
      await expectText(page.getByRole('main'), 'Showing all 105');
      // Every transfer once.
      const numbers = (await reviews.rows.allInnerTexts()).map((text) =>
        Number(/khong ro (\d+)/.exec(text)?.[1]),
      );
      expect(numbers.sort((x, y) => x - y)).toEqual(Array.from({ length: 105 }, (_, i) => i));
    } finally {
      await bank.close();
    }
  });

  test('a checkout cancelled, then paid anyway: the admin applies its money to the invoice, which reads Paid', async ({
    api,
    host,
    page,
    screenshot,
  }) => {
    await api.ready();
    const admin = await api.createReseller('Saigon Hosting');
    await api.turnOnTestMode(admin);
    const customerId = await api.createCustomer(admin, { name: 'Le Van An', email: 'an@example.com' });
    const walletId = await api.createWallet(admin, customerId, 'USD');
    const invoice = await api.openInvoice(admin, customerId, {
      currency: 'USD',
      description: 'Proxy plan',
      unitAmount: 2_500,
    });
    // The payer opens a card checkout for it; staff then record a transfer of part of it, which
    // cancels that checkout; the payer pays it anyway.
    const card = await api.request<{ id: string; checkout: { url: string } }>(
      'POST',
      `/v1/invoices/${invoice.id}/payments`,
      { token: admin.apiKey, body: { provider: 'sandbox' }, idempotent: true },
    );
    await api.request('POST', `/v1/invoices/${invoice.id}/mark-paid`, {
      token: admin.apiKey,
      body: { amount: 1_000 },
      idempotent: true,
      expect: 200,
    });
    await pressSandboxButton(card.checkout.url, 'pay');
    const review = async () =>
      (
        await api.request<{ items: Array<{ paymentId: string | null; amount: number | null }> }>(
          'GET',
          '/v1/payment-reviews?status=open',
          { token: admin.apiKey },
        )
      ).items.find((r) => r.paymentId === card.id);
    await expect.poll(async () => (await review())?.amount, { timeout: UI_TIMEOUT_MS }).toBeGreaterThan(0);
    const { amount } = (await review())!;
    const balanceBefore = (await api.wallets(admin, customerId))[0]!.balance;

    const shell = await signInAsAdmin(page, host, api, admin);
    await shell.navLink('Payments').click();
    const reviews = new PaymentReviews(page);
    await reviews.tab.click();
    const row = reviews.rows.filter({ hasText: 'after this payment was cancelled' });
    await expectText(row, '$25.00');
    // From the keyboard: the button takes the focus and Enter opens the confirmation.
    await reviews.applyToInvoice(row).focus();
    await page.keyboard.press('Enter');
    const confirm = page.getByRole('dialog', { name: 'Apply to the invoice?' });
    await expectText(confirm, `Apply $25.00 to invoice ${invoice.number}?`);
    await screenshot('review-apply-to-invoice');
    await confirm.getByRole('button', { name: 'Apply to the invoice' }).click();
    await expectHidden(confirm);
    await expectText(page.getByText('Nothing needs review'), 'Nothing needs review');
    // Its money arrived and paid the invoice: the card payment reads Paid, no longer Cancelled.
    await page.getByRole('tab', { name: 'All payments' }).click();
    await expectText(new PaymentsScreen(page).rows.first(), 'Paid');

    await shell.navLink('Invoices').click();
    const invoices = new InvoicesScreen(page);
    await invoices.table.getByRole('link', { name: invoice.number }).click();
    await expectText(invoices.status, 'Paid');
    await expectText(invoices.amountDue, '$0.00');
    await screenshot('invoice-paid-from-review');

    // The money came in once; the 1 500 the invoice still needed went out; the rest stays.
    const [wallet] = await api.wallets(admin, customerId);
    expect(wallet).toMatchObject({ id: walletId, balance: balanceBefore + amount! - 1_500 });

    // Another customer paid a top-up into a wallet closed meanwhile: its money is held for staff in
    // a review, and the payment reads paid and waiting, with nothing to pay again or cancel.
    const binh = await api.createCustomer(admin, { name: 'Tran Thi Binh', email: 'binh@example.com' });
    const closing = await api.createWallet(admin, binh, 'USD');
    const topUp = await api.request<{ id: string; checkout: { url: string } }>(
      'POST',
      `/v1/wallets/${closing}/top-ups`,
      { token: admin.apiKey, body: { amount: 2_000, provider: 'sandbox' }, idempotent: true },
    );
    await api.request('POST', `/v1/wallets/${closing}/close`, {
      token: admin.apiKey,
      idempotent: true,
      expect: 200,
    });
    await pressSandboxButton(topUp.checkout.url, 'pay');
    await shell.navLink('Payments').click();
    const payments = new PaymentsScreen(page);
    const held = payments.rows.filter({ hasText: '$20.00' });
    await expectText(held, 'Paid — waiting for staff: the wallet could not take it');
    await payments.open(held).click();
    const progress = page.getByTestId('top-up-status');
    await expectText(progress, 'Paid — waiting for staff: the wallet could not take it');
    await expectText(progress, 'Staff will credit it');
    await expectHidden(page.getByRole('button', { name: 'Cancel payment' }));
    await expectHidden(page.getByRole('button', { name: 'Open the payment page' }));
    await expectHidden(page.getByRole('button', { name: 'Try again' }));
    await screenshot('payment-held-for-review');

    // An invoice's checkout paid into a wallet closed meanwhile: the invoice reads that its payment
    // arrived and waits for staff, in the list and on its page, and offers nothing to pay it again.
    const chi = await api.createCustomer(admin, { name: 'Pham Minh Chi', email: 'chi@example.com' });
    const chiWallet = await api.createWallet(admin, chi, 'USD');
    const owed = await api.openInvoice(admin, chi, {
      currency: 'USD',
      description: 'Proxy plan',
      unitAmount: 3_000,
    });
    const owedCard = await api.request<{ id: string; checkout: { url: string } }>(
      'POST',
      `/v1/invoices/${owed.id}/payments`,
      { token: admin.apiKey, body: { provider: 'sandbox' }, idempotent: true },
    );
    await api.request('POST', `/v1/wallets/${chiWallet}/close`, {
      token: admin.apiKey,
      idempotent: true,
      expect: 200,
    });
    await pressSandboxButton(owedCard.checkout.url, 'pay');
    await shell.navLink('Invoices').click();
    const owedRow = invoices.table.getByRole('row').filter({ hasText: owed.number });
    await expectText(owedRow, 'Payment arrived — waiting for staff');
    // The status filter agrees: not under Unpaid, under what its badge reads.
    const statusFilter = page.getByRole('combobox', { name: 'Status' });
    await statusFilter.selectOption({ label: 'Unpaid' });
    await expectHidden(owedRow);
    await statusFilter.selectOption({ label: 'Payment arrived — waiting for staff' });
    await expectText(owedRow, 'Payment arrived — waiting for staff');
    await statusFilter.selectOption({ label: 'All statuses' });
    await invoices.table.getByRole('link', { name: owed.number }).click();
    await expectText(invoices.status, 'Payment arrived — waiting for staff');
    await expectText(page.getByTestId('top-up-status'), 'Staff will credit it');
    await expectHidden(invoices.payFromWallet);
    await expectHidden(page.getByRole('button', { name: 'Pay by this method' }));
    await screenshot('invoice-payment-held-for-review');

    // Applying the held top-up's money to a payment: its own payment is offered, reading held; the
    // invoice's held payment is not (only its own review's money pays it: the API refuses).
    await shell.navLink('Payments').click();
    await reviews.tab.click();
    await reviews.applyToPayment(reviews.rows.filter({ hasText: '$20.00' })).click();
    await expectVisible(reviews.dialog);
    const targets = reviews.target('Payment').locator('option');
    // "Choose…" and the one payment.
    await expect.poll(() => targets.count()).toBe(2);
    expect(await targets.nth(1).getAttribute('value')).toBe(topUp.id);
    await expectText(targets.nth(1), 'paid — waiting for staff');
    await reviews.dialog.getByRole('button', { name: 'Cancel' }).click();
    await expectHidden(reviews.dialog);

    // Staff resolve that review without applying its money: the payment ends, closed by staff with
    // nothing credited, and no longer reads waiting for staff.
    // It asks first, saying the money will not be credited and the payment closes; Go back keeps it.
    const heldReview = reviews.rows.filter({ hasText: '$20.00' });
    const markResolved = heldReview.getByRole('button', { name: /^Mark resolved/ });
    await markResolved.click();
    const resolveFirst = page.getByRole('dialog', { name: 'Mark resolved without crediting?' });
    await expectVisible(resolveFirst);
    const said = page.locator(`[id="${await resolveFirst.getAttribute('aria-describedby')}"]`);
    await expectText(
      said,
      /^\$20\.00 arrived for this payment .*the payment is closed too .*the console will not credit that money anywhere/,
    );
    const hasFocus = (name: string) =>
      expect
        .poll(() =>
          resolveFirst.getByRole('button', { name, exact: true }).evaluate((el) => el.matches(':focus')),
        )
        .toBe(true);
    await hasFocus('Go back');
    await page.keyboard.press('Enter');
    await expectHidden(resolveFirst);
    await expectVisible(heldReview);
    // From the keyboard: Go back has focus first, the confirmation is next.
    await markResolved.focus();
    await page.keyboard.press('Enter');
    await hasFocus('Go back');
    await page.keyboard.press('Tab');
    await hasFocus('Mark resolved without crediting');
    await page.keyboard.press('Enter');
    await expectHidden(resolveFirst);
    await expectHidden(heldReview);
    await page.getByRole('tab', { name: 'All payments' }).click();
    const closed = payments.rows.filter({ hasText: '$20.00' });
    await expectText(closed, 'Cancelled');
    await payments.open(closed).click();
    await expectText(progress, 'Staff closed this payment without crediting it');
    await expectHidden(page.getByRole('button', { name: 'Cancel payment' }));
    await screenshot('payment-held-closed-by-staff');
  });

  test("a top-up cancelled, then paid anyway: its money applied to another customer's wallet, its page says where", async ({
    api,
    host,
    page,
    screenshot,
  }) => {
    await api.ready();
    const admin = await api.createReseller('Danang Proxies');
    await api.turnOnTestMode(admin);
    const an = await api.createCustomer(admin, { name: 'Le Van An', email: 'an@example.com' });
    const anWallet = await api.createWallet(admin, an, 'USD');
    const binh = await api.createCustomer(admin, { name: 'Tran Thi Binh', email: 'binh@example.com' });
    await api.createWallet(admin, binh, 'USD');
    // An cancels a top-up, then pays it at the provider anyway: nothing credited, a review holds it.
    const topUp = await api.request<{ id: string; checkout: { url: string } }>(
      'POST',
      `/v1/wallets/${anWallet}/top-ups`,
      { token: admin.apiKey, body: { amount: 3_000, provider: 'sandbox' }, idempotent: true },
    );
    await api.request('POST', `/v1/payments/${topUp.id}/cancel`, {
      token: admin.apiKey,
      body: {},
      idempotent: true,
      expect: 200,
    });
    await pressSandboxButton(topUp.checkout.url, 'pay');
    await expect
      .poll(
        async () =>
          (
            await api.request<{ items: Array<{ paymentId: string | null }> }>(
              'GET',
              '/v1/payment-reviews?status=open',
              { token: admin.apiKey },
            )
          ).items.some((r) => r.paymentId === topUp.id),
        { timeout: UI_TIMEOUT_MS },
      )
      .toBe(true);

    // Staff apply its money to Binh's wallet (the payer asked them to, say).
    const shell = await signInAsAdmin(page, host, api, admin);
    await shell.navLink('Payments').click();
    const reviews = new PaymentReviews(page);
    await reviews.tab.click();
    const row = reviews.rows.filter({ hasText: 'after this payment was cancelled' });
    await reviews.applyToWallet(row).click();
    await reviews.target('Wallet').selectOption({ label: 'Tran Thi Binh — USD' });
    await reviews.confirm('$30.00').click();
    await expectHidden(reviews.dialog);

    // The payment still reads Cancelled, and its page says where its money went, and when.
    await page.getByRole('tab', { name: 'All payments' }).click();
    const payments = new PaymentsScreen(page);
    const cancelled = payments.rows.filter({ hasText: '$30.00' });
    await expectText(cancelled, 'Cancelled');
    await payments.open(cancelled).click();
    const late = page.getByTestId('payment-late-money');
    await expectText(late, 'Staff applied this money to Tran Thi Binh · USD wallet.');
    await expectVisible(
      late.getByRole('link', { name: 'Staff applied this money to Tran Thi Binh · USD wallet.' }),
    );
    await screenshot('payment-late-money-applied-elsewhere');
  });
});
