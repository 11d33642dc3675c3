import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, key } from '../../support/api.js';
import { DIALECTS } from '../../support/databases.js';
import { startPaymentsApi, type PaymentsApi } from '../../support/payments.js';
import { createTenant, expectRefusal, ok, readFeed, settleFeed, type Tenant } from '../../support/tenants.js';

/** Support tickets through the API: the thread, the queue, roles, tenants, input and replays. */
describe.each(DIALECTS)('support tickets on %s', (dialect) => {
  let api: PaymentsApi;
  let t: Tenant;
  /** A sandbox top-up of t's customer, started by the customer: what "Report a problem" is pressed on. */
  let paymentId: string;

  beforeEach(async () => {
    api = await startPaymentsApi(dialect);
    t = await createTenant(api.app, 'Deskco');
    const payment = await ok(
      call(api.app, 'POST', `/v1/wallets/${t.walletId}/top-ups`, {
        token: t.customer,
        key: key('topup'),
        body: { amount: 5_000, provider: 'sandbox' },
      }),
    );
    paymentId = payment.id;
  });
  afterEach(() => api.close());

  const report = (token = t.customer, body: unknown = reportBody(), idempotencyKey?: string) =>
    call(api.app, 'POST', '/v1/tickets', {
      token,
      body,
      ...(idempotencyKey ? { key: idempotencyKey } : {}),
    });
  const reportBody = () => ({
    subject: 'My top-up has not arrived',
    message: 'I paid 50.00 USD an hour ago and my balance did not change.',
    about: { kind: 'payment', id: paymentId },
  });
  const reply = (id: string, token: string, body: unknown) =>
    call(api.app, 'POST', `/v1/tickets/${id}/messages`, { token, body });
  const userIdOf = async (token: string) =>
    (await ok(call(api.app, 'GET', '/v1/me', { token }))).principal.userId as string;
  const emailsTo = async (address: string) =>
    (
      await api.db.store.db.selectFrom('emails').select(['to_addresses', 'subject', 'text_body']).execute()
    ).filter((e) => (JSON.parse(e.to_addresses) as string[]).includes(address));

  it('a customer reports a problem with a payment, staff answer, the customer sees the answer and each side is emailed', async () => {
    const ticket = await ok(report());
    expect(ticket).toMatchObject({
      customerId: t.customerId,
      status: 'open',
      about: { kind: 'payment', id: paymentId },
      assigneeUserId: null,
      messages: [{ authorSide: 'customer', body: reportBody().message }],
    });

    // The staff queue: open and unassigned.
    const queue = await ok(
      call(api.app, 'GET', '/v1/tickets?status=open&assignee=none', { token: t.support }),
    );
    expect(queue.items.map((x: { id: string }) => x.id)).toEqual([ticket.id]);

    const answered = await ok(
      reply(ticket.id, t.support, { message: 'We see it: the bank confirmed it a minute ago.' }),
    );
    expect(answered.status).toBe('waiting_on_customer');
    const seen = await ok(call(api.app, 'GET', `/v1/tickets/${ticket.id}`, { token: t.customer }));
    expect(seen.messages.map((m: { authorSide: string; body: string }) => [m.authorSide, m.body])).toEqual([
      ['customer', reportBody().message],
      ['staff', 'We see it: the bank confirmed it a minute ago.'],
    ]);

    // The customer is emailed the answer (and was not emailed its own report).
    const customer = await ok(call(api.app, 'GET', `/v1/customers/${t.customerId}`, { token: t.admin }));
    const toCustomer = await emailsTo(customer.email);
    expect(toCustomer).toHaveLength(1);
    expect(toCustomer[0]!.text_body).toContain('the bank confirmed it a minute ago');

    // The customer writes again: open again, waiting for staff.
    expect((await ok(reply(ticket.id, t.customer, { message: 'Thanks, I see it now.' }))).status).toBe(
      'open',
    );

    // An admin assigns it to the support agent, who resolves it.
    const supportId = await userIdOf(t.support);
    const assigned = await ok(
      call(api.app, 'PATCH', `/v1/tickets/${ticket.id}`, {
        token: t.admin,
        body: { assigneeUserId: supportId },
      }),
    );
    expect(assigned.assigneeUserId).toBe(supportId);
    const mine = await ok(call(api.app, 'GET', `/v1/tickets?assignee=${supportId}`, { token: t.support }));
    expect(mine.items.map((x: { id: string }) => x.id)).toEqual([ticket.id]);
    expect((await ok(call(api.app, 'GET', '/v1/tickets?assignee=none', { token: t.support }))).items).toEqual(
      [],
    );
    const resolved = await ok(
      call(api.app, 'PATCH', `/v1/tickets/${ticket.id}`, { token: t.support, body: { status: 'resolved' } }),
    );
    expect(resolved.status).toBe('resolved');
    expect(
      (await ok(call(api.app, 'GET', '/v1/tickets?status=resolved', { token: t.customer }))).items,
    ).toHaveLength(1);
  });

  it('messages from the customer email the staff: the assignee once assigned, else every admin and agent', async () => {
    const ticket = await ok(report());
    const staffEmails = (await api.db.store.db.selectFrom('emails').select('to_addresses').execute()).map(
      (e) => JSON.parse(e.to_addresses) as string[],
    );
    // The report went to the staff (the admin and both support agents of createTenant), not the customer.
    expect(staffEmails).toHaveLength(1);
    expect(staffEmails[0]!.length).toBeGreaterThanOrEqual(2);
    const supportId = await userIdOf(t.support);
    await ok(
      call(api.app, 'PATCH', `/v1/tickets/${ticket.id}`, {
        token: t.admin,
        body: { assigneeUserId: supportId },
      }),
    );
    await ok(reply(ticket.id, t.customer, { message: 'Any news?' }));
    const last = await api.db.store.db
      .selectFrom('emails')
      .select(['to_addresses', 'subject'])
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const assignee = await api.db.store.db
      .selectFrom('users')
      .select('email')
      .where('id', '=', supportId)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(last.to_addresses)).toEqual([assignee.email]);
    expect(last.subject).toContain(ticket.id);
  });

  it('tickets travel the change feed to their own customer and the staff, never to another customer', async () => {
    const ticket = await ok(report());
    await ok(reply(ticket.id, t.support, { message: 'Looking into it.' }));
    await settleFeed(api.db.store);
    const customerFeed = (await readFeed(api.app, t.customer)).filter((c) => c.entity === 'ticket');
    expect(customerFeed.map((c) => [c.op, c.data.messages.length])).toEqual([
      ['create', 1],
      ['update', 2],
    ]);
    const staffFeed = (await readFeed(api.app, t.support)).filter((c) => c.entity === 'ticket');
    expect(staffFeed).toHaveLength(2);

    // The other customer (through a login of its own) sees none of it.
    const otherEmail = `other-${key()}@example.com`;
    await ok(
      call(api.app, 'POST', '/v1/users', {
        token: t.admin,
        body: {
          email: otherEmail,
          password: 'correct horse battery staple',
          role: 'customer',
          customerId: t.otherCustomerId,
        },
      }),
    );
    const other = (
      await ok(
        call(api.app, 'POST', '/v1/auth/login', {
          body: { email: otherEmail, password: 'correct horse battery staple' },
        }),
      )
    ).token;
    expect((await readFeed(api.app, other)).filter((c) => c.entity === 'ticket')).toEqual([]);
    expect((await ok(call(api.app, 'GET', '/v1/tickets', { token: other }))).items).toEqual([]);
    expectRefusal(
      await call(api.app, 'GET', `/v1/tickets/${ticket.id}`, { token: other }),
      404,
      'not_found',
      'id',
    );
    expectRefusal(await reply(ticket.id, other, { message: 'hello' }), 404, 'not_found', 'id');
  });

  it('tenants never see each other: another reseller gets 404 and an empty queue', async () => {
    const ticket = await ok(report());
    const u = await createTenant(api.app, 'Otherco');
    for (const token of [u.admin, u.support]) {
      expect((await ok(call(api.app, 'GET', '/v1/tickets', { token }))).items).toEqual([]);
      expectRefusal(
        await call(api.app, 'GET', `/v1/tickets/${ticket.id}`, { token }),
        404,
        'not_found',
        'id',
      );
      expectRefusal(await reply(ticket.id, token, { message: 'hi' }), 404, 'not_found', 'id');
      expectRefusal(
        await call(api.app, 'PATCH', `/v1/tickets/${ticket.id}`, { token, body: { status: 'resolved' } }),
        404,
        'not_found',
        'id',
      );
    }
    // Nor may another tenant's staff open a ticket about t's payment.
    expectRefusal(
      await report(u.admin, { ...reportBody(), customerId: u.customerId }),
      404,
      'not_found',
      'about.id',
    );
    expectRefusal(
      await report(u.admin, { ...reportBody(), customerId: t.customerId }),
      404,
      'not_found',
      'customerId',
    );
  });

  it('roles: a customer may not assign, resolve or choose a status; staff must name the customer', async () => {
    const ticket = await ok(report());
    expectRefusal(
      await call(api.app, 'PATCH', `/v1/tickets/${ticket.id}`, {
        token: t.customer,
        body: { status: 'resolved' },
      }),
      403,
      'forbidden',
    );
    expectRefusal(
      await reply(ticket.id, t.customer, { message: 'x', status: 'resolved' }),
      403,
      'forbidden',
      'status',
    );
    expectRefusal(
      await report(t.support, { subject: 'Call me', message: 'About the invoice.' }),
      400,
      'validation',
      'customerId',
    );
    // A customer's ticket is always its own, whatever customerId it sends.
    expectRefusal(
      await report(t.customer, { ...reportBody(), customerId: t.otherCustomerId }),
      404,
      'not_found',
      'customerId',
    );
    // A customer cannot attach another customer's payment, nor the staff one of another customer.
    const otherTopUp = await ok(
      call(api.app, 'POST', `/v1/wallets/${t.otherWalletId}/top-ups`, {
        token: t.admin,
        key: key(),
        body: { amount: 1_000, provider: 'sandbox' },
      }),
    );
    expectRefusal(
      await report(t.customer, { ...reportBody(), about: { kind: 'payment', id: otherTopUp.id } }),
      404,
      'not_found',
      'about.id',
    );
    // Assigning to a customer login is refused, naming the field.
    const customerUserId = await userIdOf(t.customer);
    expectRefusal(
      await call(api.app, 'PATCH', `/v1/tickets/${ticket.id}`, {
        token: t.admin,
        body: { assigneeUserId: customerUserId },
      }),
      400,
      'validation',
      'assigneeUserId',
    );
    // Support agents answer tickets, and still move no money.
    expectRefusal(
      await call(api.app, 'POST', `/v1/wallets/${t.walletId}/credits`, {
        token: t.support,
        key: key(),
        body: { amount: 100, description: 'goodwill' },
      }),
      403,
      'forbidden',
    );
  });

  it('the assignee picker: staff list the active admins and agents of their own tenant, customers are refused', async () => {
    const assignees = async (token: string) =>
      (await ok(call(api.app, 'GET', '/v1/tickets/assignees', { token }))).items as Array<{
        id: string;
        name: string;
        role: string;
      }>;
    const supportId = await userIdOf(t.support);
    const listed = await assignees(t.support);
    const support = await api.db.store.db
      .selectFrom('users')
      .select('email')
      .where('id', '=', supportId)
      .executeTakeFirstOrThrow();
    expect(listed).toContainEqual({ id: supportId, name: support.email, role: 'support_agent' });
    expect(listed).toContainEqual(expect.objectContaining({ id: t.userId, role: 'support_agent' }));
    expect(listed.some((u) => u.role === 'reseller_admin')).toBe(true);
    expect(listed.map((u) => u.id)).not.toContain(await userIdOf(t.customer));
    expect(listed.map((u) => u.name)).toEqual([...listed.map((u) => u.name)].sort());
    // The reseller's API key (an admin) lists the same people.
    expect(await assignees(t.admin)).toEqual(listed);

    // A disabled login is no longer offered.
    await ok(call(api.app, 'PATCH', `/v1/users/${t.userId}`, { token: t.admin, body: { disabled: true } }));
    expect((await assignees(t.support)).map((u) => u.id)).not.toContain(t.userId);

    // Customers are refused; another tenant's staff see only their own people.
    expectRefusal(
      await call(api.app, 'GET', '/v1/tickets/assignees', { token: t.customer }),
      403,
      'forbidden',
    );
    const u = await createTenant(api.app, 'Pickerco');
    const theirs = await assignees(u.support);
    expect(theirs.length).toBeGreaterThanOrEqual(2);
    const ours = new Set(listed.map((x) => x.id));
    expect(theirs.filter((x) => ours.has(x.id))).toEqual([]);

    // Whoever the picker offers can be assigned, and the ticket lands in their queue.
    const ticket = await ok(report());
    await ok(
      call(api.app, 'PATCH', `/v1/tickets/${ticket.id}`, {
        token: t.support,
        body: { assigneeUserId: supportId },
      }),
    );
    const mine = await ok(call(api.app, 'GET', `/v1/tickets?assignee=${supportId}`, { token: t.support }));
    expect(mine.items.map((x: { id: string }) => x.id)).toEqual([ticket.id]);
  });

  it('bad input is a 400 naming the field, and writes nothing', async () => {
    const cases: Array<[unknown, string]> = [
      [{ ...reportBody(), subject: '' }, 'subject'],
      [{ ...reportBody(), subject: 'x'.repeat(201) }, 'subject'],
      [{ ...reportBody(), message: '   ' }, 'message'],
      [{ subject: 'Hi' }, 'message'],
      [{ ...reportBody(), about: { kind: 'refund', id: paymentId } }, 'about.kind'],
      [{ ...reportBody(), extra: 1 }, 'extra'],
    ];
    for (const [body, field] of cases) {
      const r = await report(t.customer, body);
      expect.soft(r.body?.error?.field, JSON.stringify(body)).toBe(field);
      expect(r.status).toBe(400);
    }
    const ticket = await ok(report());
    expectRefusal(await reply(ticket.id, t.support, { message: '' }), 400, 'validation', 'message');
    expectRefusal(
      await reply(ticket.id, t.support, { message: 'ok', status: 'closed' }),
      400,
      'validation',
      'status',
    );
    expectRefusal(
      await call(api.app, 'PATCH', `/v1/tickets/${ticket.id}`, { token: t.admin, body: {} }),
      400,
      'validation',
      'status',
    );
    expectRefusal(
      await call(api.app, 'GET', '/v1/tickets?status=closed', { token: t.admin }),
      400,
      'validation',
      'status',
    );
    expect((await ok(call(api.app, 'GET', '/v1/tickets', { token: t.admin }))).items).toHaveLength(1);
  });

  it('a write sent twice under one Idempotency-Key opens one ticket; another body under it is refused', async () => {
    const k = key('ticket');
    const first = await report(t.customer, reportBody(), k);
    const again = await report(t.customer, reportBody(), k);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.id).toBe(first.body.id);
    expectRefusal(
      await report(t.customer, { ...reportBody(), subject: 'Something else' }, k),
      422,
      'idempotency_key_reused',
      'Idempotency-Key',
    );
    expect((await ok(call(api.app, 'GET', '/v1/tickets', { token: t.admin }))).items).toHaveLength(1);

    const replyKey = key('reply');
    for (let i = 0; i < 2; i++) {
      await ok(
        call(api.app, 'POST', `/v1/tickets/${first.body.id}/messages`, {
          token: t.support,
          key: replyKey,
          body: { message: 'Once only' },
        }),
      );
    }
    const ticket = await ok(call(api.app, 'GET', `/v1/tickets/${first.body.id}`, { token: t.customer }));
    expect(ticket.messages).toHaveLength(2);
  });
});
