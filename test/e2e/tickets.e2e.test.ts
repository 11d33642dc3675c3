import { describe, expect } from 'vitest';
import { expectCount, expectText, expectVisible } from './support/expect-ui.js';
import { signedOutTest as test } from './support/fixtures.js';
import { signInToHostedApi } from './support/flows.js';
import { ConnectionScreen } from './support/pages/connection.js';
import { ReportProblemForm, TicketsScreen } from './support/pages/tickets.js';

// Every test signs in to a hosted API: the console starts signed out, with no demo to load.

const SUBJECT = 'My top-up never arrived';

describe('support tickets', () => {
  test('a customer reports a problem from a payment, staff answer, and the customer sees the answer', async ({
    api,
    host,
    page,
    screenshot,
  }) => {
    const admin = await api.createReseller('Helpdesk Hosting');
    await api.turnOnTestMode(admin);
    const customerId = await api.createCustomer(admin, { name: 'Ada Lovelace', email: 'ada@example.com' });
    const walletId = await api.createWallet(admin, customerId, 'USD');
    const payment = await api.request<{ id: string }>('POST', `/v1/wallets/${walletId}/top-ups`, {
      token: admin.apiKey,
      body: { amount: 2_500, provider: 'sandbox' },
      idempotent: true,
    });
    const customer = { email: 'ada@example.com', password: 'analytical engine 1843' };
    await api.request('POST', '/v1/users', {
      token: admin.apiKey,
      body: { ...customer, role: 'customer', customerId },
    });
    const agent = { email: 'agent@helpdesk.example.com', password: 'helpful support agent' };
    await api.createUser(admin, { ...agent, role: 'support_agent' });

    // The customer opens the payment and reports the problem, with the payment attached.
    const shell = await signInToHostedApi(page, host, { url: api.url, ...customer });
    // Straight to the payment's page (a same-document hash change, as a link does).
    await page.goto(`${page.url().split('#')[0]}#/payments/${payment.id}`);
    const report = new ReportProblemForm(page);
    await report.openButton.click();
    await report.subject.fill(SUBJECT);
    await report.message.fill('I paid $25.00 and my balance did not change.');
    await report.send.click();
    await expectText(report.saved, /sent to support \(see My tickets\)/);
    await screenshot('report-a-problem');

    // It reaches My tickets once the outbox has sent it.
    await shell.navLink('My tickets').click();
    const tickets = new TicketsScreen(page);
    await expectVisible(tickets.ticketLink(SUBJECT));
    await expectText(tickets.table, new RegExp(`Payment ${payment.id}.*Open`));

    // The support agent finds it in the queue and answers.
    await shell.signOutButton.click();
    await shell.go('Connection');
    const connection = new ConnectionScreen(page);
    await connection.signIn({ url: api.url, ...agent });
    // On the payment's page, staff open a ticket *for* the customer, and are told the customer sees it.
    await page.goto(`${page.url().split('#')[0]}#/payments/${payment.id}`);
    const forCustomer = page
      .getByRole('main')
      .getByRole('button', { name: 'Open a ticket for the customer' });
    await forCustomer.click();
    await expectText(
      page.getByRole('region', { name: 'Open a ticket for the customer' }),
      'The customer sees this ticket and every message in it',
    );
    await expectVisible(page.getByRole('textbox', { name: 'Message to the customer' }));
    await shell.navLink('Support queue').click();
    // The queue says whose each ticket is, linked to the customer's page.
    await expectText(tickets.table, new RegExp(`${SUBJECT}.*Ada Lovelace`));
    await expectVisible(tickets.table.getByRole('link', { name: 'Ada Lovelace' }));
    await tickets.ticketLink(SUBJECT).click();
    await expectText(tickets.messages, /Ada Lovelace|ada@example.com/);
    await tickets.reply.fill('We found it: the payment is still open. Finish it at the payment page.');
    await tickets.sendReply.click();
    await expectCount(tickets.messages, 2);
    // Online, it is simply sent: "sent when online" was said to an agent who was online.
    await expectText(page.getByRole('main').getByRole('form', { name: 'Reply' }), 'Reply sent.');
    await expectText(tickets.status, /Waiting on customer/);
    await screenshot('staff-answer');

    // The agent takes the ticket (by keyboard, from the picker) and finds it under "Assigned to me".
    await expectText(tickets.assignee, /Me \(agent@helpdesk\.example\.com\)/);
    await tickets.assignee.focus();
    await tickets.assignee.selectOption({ label: 'Me (agent@helpdesk.example.com)' });
    await expectText(tickets.assignee.locator('option:checked'), /^Me \(agent@/);
    await shell.navLink('Support queue').click();
    await tickets.statusFilter.selectOption({ label: 'Any status' });
    await tickets.assigneeFilter.selectOption({ label: 'Unassigned' });
    await expectText(tickets.table, /No tickets match these filters/);
    await tickets.assigneeFilter.selectOption({ label: 'Assigned to me' });
    await expectVisible(tickets.ticketLink(SUBJECT));
    await expectText(tickets.table, new RegExp(`${SUBJECT}.*Me`));
    await screenshot('assigned-to-me');
    // A language switch keeps the queue's filters (it used to go back to Open, anyone's).
    const language = page.getByRole('combobox', { name: /Language/ });
    await language.selectOption('vi');
    await expectVisible(page.getByRole('main').getByRole('link', { name: SUBJECT }));
    expect(await page.getByRole('main').getByLabel('Người phụ trách').inputValue()).toBe('me');
    await language.selectOption('en');
    expect(await tickets.assigneeFilter.inputValue()).toBe('me');
    expect(await tickets.statusFilter.inputValue()).toBe('');
    await expectVisible(tickets.ticketLink(SUBJECT));

    // The customer, back, sees the answer on the ticket.
    await shell.signOutButton.click();
    await shell.go('Connection');
    await connection.signIn({ url: api.url, ...customer });
    await shell.navLink('My tickets').click();
    await tickets.ticketLink(SUBJECT).click();
    await expectCount(tickets.messages, 2);
    await expectText(tickets.messages.nth(1), /Support \(agent@helpdesk\.example\.com\).*We found it/);
    await screenshot('customer-sees-answer');
  });
});
