import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../shared/api/audit';
import type { DesktopApi, InvoiceView } from '../../shared/ipc-contract';
import { testInvoice } from '../../shared/testing/records';
import { auditInvoices } from './audit-invoices';

const record = (i: number): AuditRecord => ({
  id: `aud_${i}`,
  actor: { userId: null, apiKeyId: null, role: 'reseller_admin' },
  action: 'invoice.marked_paid',
  entityType: i % 5 === 0 ? 'wallet' : 'invoice',
  entityId: i % 5 === 0 ? `wal_${i}` : `inv_${i}`,
  before: null,
  after: { status: 'paid' },
  reason: null,
  at: '2026-12-05T10:00:00.000Z',
});

/** A desktop API that answers invoice reads from a map and counts the requests it gets. */
function countingDesktop() {
  const asked: string[] = [];
  const invoice = (id: string) =>
    ({ ...testInvoice({ id, number: `INV-${id}`, currency: 'EUR' }), pending: false }) as InvoiceView;
  const desktop = {
    invoicesNamed: async ({ invoiceIds }: { invoiceIds: string[] }) => {
      asked.push('invoices:named');
      return { ok: true, value: invoiceIds.map(invoice) };
    },
    invoicesGet: async ({ invoiceId }: { invoiceId: string }) => {
      asked.push('invoices:get');
      return { ok: true, value: invoice(invoiceId) };
    },
  } as unknown as DesktopApi;
  return { asked, desktop };
}

const saved = (globalThis as { window?: unknown }).window;
afterEach(() => {
  (globalThis as { window?: unknown }).window = saved;
});

describe('the invoices an audit page names', () => {
  it.each([4, 50, 200])('are read in one request for %i records, each by its number', async (rows) => {
    const { asked, desktop } = countingDesktop();
    (globalThis as { window?: unknown }).window = { desktop };
    const records = Array.from({ length: rows }, (_, i) => record(i + 1));
    const invoices = await new QueryClient().fetchQuery(auditInvoices(records));
    expect(asked).toEqual(['invoices:named']);
    const named = records.filter((r) => r.entityType === 'invoice');
    expect(named.map((r) => invoices.get(r.entityId)?.number)).toEqual(named.map((r) => `INV-${r.entityId}`));
    // Records about other things are never looked up as invoices.
    expect(invoices.has('wal_5')).toBe(false);
  });
});
