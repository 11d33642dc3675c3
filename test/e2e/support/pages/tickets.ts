import type { Locator, Page } from 'playwright-core';

/** "Report a problem" on a payment, invoice or order page. */
export class ReportProblemForm {
  readonly openButton: Locator;
  readonly form: Locator;
  readonly subject: Locator;
  readonly message: Locator;
  readonly send: Locator;
  readonly saved: Locator;

  constructor(page: Page) {
    const main = page.getByRole('main');
    this.openButton = main.getByRole('button', { name: 'Report a problem' });
    this.form = main.getByRole('region', { name: 'Report a problem' });
    this.subject = this.form.getByLabel('Subject');
    this.message = this.form.getByLabel('What went wrong?');
    this.send = this.form.getByRole('button', { name: 'Send report' });
    this.saved = this.form.getByRole('status');
  }
}

/** The Tickets screen (staff: Support queue; a customer: My tickets) and one ticket's page. */
export class TicketsScreen {
  readonly table: Locator;
  readonly messages: Locator;
  readonly reply: Locator;
  readonly sendReply: Locator;
  readonly status: Locator;
  readonly assignee: Locator;
  readonly assigneeFilter: Locator;
  readonly statusFilter: Locator;

  constructor(readonly page: Page) {
    const main = page.getByRole('main');
    this.table = main.getByRole('region', { name: 'Tickets' });
    this.messages = main.getByRole('list', { name: 'Messages' }).getByRole('listitem');
    this.reply = main.getByLabel('Your reply');
    this.sendReply = main.getByRole('button', { name: 'Send reply' });
    this.status = main.getByRole('region', { name: 'Ticket status' }).getByLabel('Status');
    this.assignee = main.getByRole('region', { name: 'Ticket status' }).getByLabel('Assigned to');
    this.assigneeFilter = main.getByRole('group', { name: 'Filters' }).getByLabel('Assignee');
    this.statusFilter = main.getByRole('group', { name: 'Filters' }).getByLabel('Status');
  }

  ticketLink(subject: string): Locator {
    return this.table.getByRole('link', { name: subject });
  }
}
