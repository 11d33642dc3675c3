import { describe, expect, it } from 'vitest';
import type { Session } from '../../shared/ipc-contract.js';
import type { ApiClient } from '../api/client.js';
import type { SessionManager } from '../session/session-manager.js';
import { createDispatcher, type Handlers } from './handle.js';
import type { HandlerContext } from './handler-context.js';
import { createTicketHandlers } from './ticket-handlers.js';

/** The ticket handlers over a recording fake API and a fake outbox that keeps what is queued. */
function world(role: Session['role'], client: Partial<ApiClient>, customerId: string | null = null) {
  const calls: string[] = [];
  const queued: Array<{ kind: string; payload: unknown; customerRef: string | null }> = [];
  const session = {
    signedIn: () => ({ account: 'acct', client: client as ApiClient }),
    get: () => ({ role, customerId }) as Session,
  } as unknown as SessionManager;
  const context = {
    session,
    cache: {
      ticketReads: { tickets: () => [], ticket: () => null },
      putTicket: () => calls.push('cache.putTicket'),
      putPayment: () => calls.push('cache.putPayment'),
    },
    real: (id: string) => id,
    engine: () => null,
    account: () => 'acct',
    enqueue: (intent: { kind: string; payload: unknown; customerRef: string | null; summary: unknown }) => {
      queued.push(intent);
      return {
        ...intent,
        id: `out_${queued.length}`,
        state: 'pending',
        customerId: intent.customerRef,
        walletId: null,
        currency: null,
        error: null,
        createdAt: '2030-01-01T00:00:00.000Z',
      };
    },
  } as unknown as HandlerContext;
  const dispatch = createDispatcher(
    createTicketHandlers(context) as unknown as Handlers,
    (s) => s === 'main',
  );
  return { calls, queued, call: (channel: string, input: unknown) => dispatch('main', channel, input) };
}

const REPORT = {
  subject: 'My top-up has not arrived',
  message: 'I paid an hour ago.',
  about: { kind: 'payment', id: 'pay_1' },
};

describe('ticket channels', () => {
  it('a customer reports a problem through the outbox, for itself only', async () => {
    const w = world('customer', {}, 'cus_me');
    expect(await w.call('tickets:open', REPORT)).toMatchObject({
      ok: true,
      value: {
        kind: 'ticket.open',
        summary: { key: 'ticketOpen', values: { subject: 'My top-up has not arrived' } },
      },
    });
    expect(w.queued[0]).toMatchObject({ customerRef: 'cus_me', payload: { about: REPORT.about } });
    expect(await w.call('tickets:open', { ...REPORT, customerId: 'cus_other' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden', field: 'customerId' },
    });
    expect(w.queued).toHaveLength(1);
  });

  it('a support agent answers through the outbox too; staff must name the customer of a new ticket', async () => {
    const w = world('support_agent', {});
    expect(await w.call('tickets:reply', { ticketId: 'tkt_1', message: 'Found it.' })).toMatchObject({
      ok: true,
      value: { kind: 'ticket.reply', payload: { ticketId: 'tkt_1', message: 'Found it.' } },
    });
    expect(await w.call('tickets:open', REPORT)).toMatchObject({
      ok: false,
      error: { code: 'validation', field: 'customerId' },
    });
  });

  it('a customer may not move a ticket; an empty message is refused naming the field', async () => {
    const w = world('customer', {}, 'cus_me');
    expect(await w.call('tickets:update', { ticketId: 'tkt_1', status: 'resolved' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await w.call('tickets:reply', { ticketId: 'tkt_1', message: '  ' })).toMatchObject({
      ok: false,
      error: { code: 'validation', field: 'message' },
    });
    expect(w.queued).toEqual([]);
  });

  it('verifying a payment asks the API and puts the payment it answers with in the cache', async () => {
    const payment = { id: 'pay_1', status: 'paid' };
    const w = world('customer', {
      verifyPayment: (id: string, body: unknown) => {
        w.calls.push(`verify ${id} ${JSON.stringify(body)}`);
        return Promise.resolve({
          outcome: 'credited',
          message: 'Credited',
          confirmationsNeeded: null,
          shortBy: null,
          payment,
        } as never);
      },
    });
    expect(await w.call('payments:verify', { paymentId: 'pay_1', txHash: 'ab'.repeat(32) })).toMatchObject({
      ok: true,
      value: { outcome: 'credited' },
    });
    expect(w.calls).toEqual([`verify pay_1 {"txHash":"${'ab'.repeat(32)}"}`, 'cache.putPayment']);
  });

  it('staff list who a ticket may be assigned to from the API; a customer is refused', async () => {
    const people = [{ id: 'usr_1', name: 'agent@example.com', role: 'support_agent' as const }];
    const agent = world('support_agent', { ticketAssignees: () => Promise.resolve({ items: people }) });
    expect(await agent.call('tickets:assignees', {})).toEqual({ ok: true, value: people });
    const customer = world(
      'customer',
      {
        ticketAssignees: () => Promise.reject(new Error('must not be asked')),
      },
      'cus_me',
    );
    expect(await customer.call('tickets:assignees', {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await agent.call('tickets:assignees', { all: true })).toMatchObject({
      ok: false,
      error: { code: 'validation' },
    });
  });
});
