import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, key, seedReseller, startApi, type TestApi } from '../../support/api.js';
import { DIALECTS } from '../../support/databases.js';

/**
 * Model-based property test of invoices and the ledger: random sequences of drafts, finalizes
 * (auto-pay on or off), wallet payments, voids and credits go to the real API (app.inject) and to a
 * plain model. After every sequence the invoices, the wallet and the ledger must agree with the model
 * and with each other: what an invoice says was paid (less refunded) is exactly what the ledger rows
 * naming it took from the wallet, and the wallet is the sum of its ledger.
 */
const NUM_RUNS = Number(process.env.INVOICE_PROPERTY_RUNS ?? 12);

type Line = { description: string; quantity: number; unitAmount: number; taxRateBps?: number };
type Command =
  | { kind: 'create'; currency: 'USD' | 'EUR'; lines: Line[] }
  | { kind: 'finalize'; pick: number; autoPay: boolean }
  | { kind: 'pay'; pick: number }
  | { kind: 'void'; pick: number }
  | { kind: 'credit'; amount: number };

interface InvoiceModel {
  id: string;
  currency: 'USD' | 'EUR';
  status: 'draft' | 'open' | 'partially_paid' | 'paid' | 'void';
  total: number;
  paid: number;
  refunded: number;
}

const line: fc.Arbitrary<Line> = fc.record(
  {
    description: fc.constantFrom('Hosting', 'Domain', 'Support'),
    quantity: fc.integer({ min: 1, max: 3 }),
    unitAmount: fc.integer({ min: 0, max: 40_000 }),
    taxRateBps: fc.constantFrom(0, 333, 500, 1_000, 2_000),
  },
  { requiredKeys: ['description', 'quantity', 'unitAmount'] },
);
const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({
    kind: fc.constant('create' as const),
    currency: fc.constantFrom('USD' as const, 'USD' as const, 'EUR' as const),
    lines: fc.array(line, { minLength: 1, maxLength: 3 }),
  }),
  fc.record({ kind: fc.constant('finalize' as const), pick: fc.nat(), autoPay: fc.boolean() }),
  fc.record({ kind: fc.constant('pay' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('void' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('credit' as const), amount: fc.integer({ min: 1, max: 30_000 }) }),
);

/** The server's rule, restated: tax rounded once on the invoice, half up. */
function totalOf(lines: Line[]): number {
  const subtotal = lines.reduce((s, l) => s + l.quantity * l.unitAmount, 0);
  const exact = lines.reduce((s, l) => s + BigInt(l.quantity * l.unitAmount) * BigInt(l.taxRateBps ?? 0), 0n);
  return subtotal + Number((exact + 5_000n) / 10_000n);
}

describe.each(DIALECTS)('invoices and the ledger stay consistent on %s', (dialect) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi(dialect);
  });
  afterAll(() => api.close());

  it('over random sequences of drafts, finalizes, payments, voids and credits', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 25 }), async (commands) => {
        const shop = await seedReseller(api.app, 'Model');
        let balance = 100_000;
        const invoices: InvoiceModel[] = [];
        const send = (method: 'POST', url: string, body?: unknown, keyed = true) =>
          call(api.app, method, url, {
            token: shop.admin,
            ...(keyed ? { key: key('m') } : {}),
            ...(body ? { body } : {}),
          });
        const applyWallet = (inv: InvoiceModel) => {
          if (inv.currency !== 'USD') return 0;
          const amount = Math.min(balance, inv.total - inv.paid);
          balance -= amount;
          inv.paid += amount;
          if (amount > 0) inv.status = inv.paid === inv.total ? 'paid' : 'partially_paid';
          return amount;
        };

        for (const c of commands) {
          const inv =
            invoices.length > 0 ? invoices[(c as { pick?: number }).pick! % invoices.length] : undefined;
          switch (c.kind) {
            case 'create': {
              const r = await send(
                'POST',
                `/v1/customers/${shop.customerId}/invoices`,
                { currency: c.currency, lines: c.lines },
                false,
              );
              expect(r.status, JSON.stringify(r.body)).toBe(201);
              expect(r.body.total).toBe(totalOf(c.lines));
              invoices.push({
                id: r.body.id,
                currency: c.currency,
                status: 'draft',
                total: r.body.total,
                paid: 0,
                refunded: 0,
              });
              break;
            }
            case 'finalize': {
              if (!inv) break;
              if (inv.status === 'draft') {
                await call(api.app, 'PATCH', `/v1/invoices/${inv.id}`, {
                  token: shop.admin,
                  body: { autoPay: c.autoPay },
                });
              }
              const r = await send('POST', `/v1/invoices/${inv.id}/finalize`);
              if (inv.status !== 'draft') {
                expect(r.status).toBe(409);
                break;
              }
              expect(r.status, JSON.stringify(r.body)).toBe(200);
              inv.status = inv.total === 0 ? 'paid' : 'open';
              if (inv.status === 'open' && c.autoPay) applyWallet(inv);
              break;
            }
            case 'pay': {
              if (!inv) break;
              const r = await send('POST', `/v1/invoices/${inv.id}/pay`, { source: 'wallet' });
              if (inv.status !== 'open' && inv.status !== 'partially_paid') {
                expect(r.status).toBe(409);
              } else if (applyWallet(inv) === 0) {
                expect(r.status).toBe(422);
              } else {
                expect(r.status, JSON.stringify(r.body)).toBe(200);
              }
              break;
            }
            case 'void': {
              if (!inv) break;
              const r = await send('POST', `/v1/invoices/${inv.id}/void`);
              if (inv.status === 'paid' || inv.status === 'void') {
                expect(r.status).toBe(409);
                break;
              }
              expect(r.status, JSON.stringify(r.body)).toBe(200);
              balance += inv.paid;
              inv.refunded = inv.paid;
              inv.status = 'void';
              break;
            }
            case 'credit': {
              const r = await send('POST', `/v1/wallets/${shop.walletId}/credits`, {
                amount: c.amount,
                description: 'Credit',
              });
              expect(r.status, JSON.stringify(r.body)).toBe(201);
              balance += c.amount;
              break;
            }
          }
        }

        const wallet = (await call(api.app, 'GET', `/v1/wallets/${shop.walletId}`, { token: shop.admin }))
          .body;
        expect(wallet.balance).toBe(balance);
        const ledger = await api.db.store.db
          .selectFrom('ledger_entries')
          .select(['amount', 'related_id', 'wallet_id'])
          .where('reseller_id', '=', shop.resellerId)
          .execute();
        expect(ledger.reduce((s, r) => s + Number(r.amount), 0)).toBe(balance);
        for (const m of invoices) {
          const real = (await call(api.app, 'GET', `/v1/invoices/${m.id}`, { token: shop.admin })).body;
          expect(real).toMatchObject({
            status: m.status,
            total: m.total,
            amountPaid: m.paid,
            amountRefunded: m.refunded,
            amountDue: m.status === 'void' ? 0 : m.total - m.paid,
          });
          expect(real.subtotal + real.tax).toBe(real.total);
          const taken = ledger.filter((r) => r.related_id === m.id).reduce((s, r) => s - Number(r.amount), 0);
          expect(taken).toBe(m.paid - m.refunded);
          expect(real.payments.reduce((s: number, a: { amount: number }) => s + a.amount, 0)).toBe(
            m.paid - m.refunded,
          );
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
