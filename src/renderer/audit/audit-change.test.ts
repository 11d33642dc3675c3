import { afterEach, describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../shared/api/audit';
import { i18n } from '../i18n';
import { formatDateTime } from '../lib/format';
import {
  auditReason,
  changedFields,
  currencyOf,
  isMoneyField,
  shownAmount,
  statedInvoiceNumber,
  valueWords,
  walletOf,
} from './audit-change';

const record = (over: Partial<AuditRecord>): AuditRecord => ({
  id: 'aud_1',
  actor: { userId: null, apiKeyId: null, role: 'system' },
  action: 'wallet.credited',
  entityType: 'wallet',
  entityId: 'wal_1',
  before: null,
  after: null,
  reason: null,
  at: '2026-12-05T10:00:00.000Z',
  ...over,
});

describe('what an audit record changed', () => {
  it('a movement: the balance before and after, and the amount moved', () => {
    expect(
      changedFields({ balance: 9_750 }, { balance: 9_668, amount: -82, transactionId: 'txn_1' }),
    ).toEqual([
      { field: 'balance', before: 9_750, after: 9_668 },
      { field: 'amount', before: undefined, after: -82 },
      { field: 'transactionId', before: undefined, after: 'txn_1' },
    ]);
  });

  it('an update names only the fields that changed, nested values compared whole', () => {
    expect(
      changedFields(
        { name: 'Proxy', prices: { USD: 150 }, active: true },
        { name: 'Proxy', prices: { USD: 175 }, active: true },
      ),
    ).toEqual([{ field: 'prices', before: { USD: 150 }, after: { USD: 175 } }]);
  });

  it('a new record lists what it was created with; the currency is said by its amounts', () => {
    expect(changedFields(null, { walletId: 'wal_1', amount: 500, currency: 'USD' })).toEqual([
      { field: 'walletId', before: undefined, after: 'wal_1' },
      { field: 'amount', before: undefined, after: 500 },
    ]);
  });

  it('an auto top-up changed while its charge waits on its provider: the wait in the console’s language', () => {
    const waiting = {
      provider: 'stripe',
      code: 'gateway_unavailable',
      asks: 3,
      since: '2026-12-03T10:02:00.000Z',
      retryAt: '2026-12-03T10:09:00.000Z',
    };
    expect(
      changedFields(
        { enabled: true, chargeUnconfirmed: waiting },
        { enabled: false, chargeUnconfirmed: null },
      ),
    ).toEqual([
      { field: 'enabled', before: true, after: false },
      {
        field: 'chargeUnconfirmed',
        before: `Waiting for Stripe to confirm the last charge: asked 3 times since ${formatDateTime(waiting.since)}; asking again at ${formatDateTime(waiting.retryAt)}.`,
        after: null,
      },
    ]);
  });

  it('an auto top-up switched on again: its last error and why it was off in the console’s language, their kinds not listed apart', async () => {
    const declined = { key: 'payment_failed', values: { code: 'declined' } };
    const before = {
      enabled: false,
      consecutiveFailures: 4,
      lastError: 'The payment was declined.',
      lastErrorReason: declined,
      disabledReason:
        'Switched off after 4 failed charges in a row (last: The payment was declined.). Check the payment method, then switch auto top-up on again.',
      disabledWhy: 'failures',
    };
    const after = {
      enabled: true,
      consecutiveFailures: 0,
      lastError: null,
      lastErrorReason: null,
      disabledReason: null,
      disabledWhy: null,
    };
    await i18n.changeLanguage('vi');
    try {
      expect(changedFields(before, after)).toEqual([
        { field: 'enabled', before: false, after: true },
        { field: 'consecutiveFailures', before: 4, after: 0 },
        { field: 'lastError', before: 'Thanh toán bị từ chối', after: null },
        {
          field: 'disabledReason',
          before:
            'Đã tắt sau 4 lần trừ tiền thất bại liên tiếp (lần cuối: Thanh toán bị từ chối). Hãy kiểm tra phương thức thanh toán, rồi bật lại tự động nạp tiền.',
          after: null,
        },
      ]);
      // Without a kind this console knows (a record from before them): the server’s English.
      expect(
        changedFields({ lastError: 'card declined', disabledReason: 'Switched off.' }, { lastError: null }),
      ).toEqual([
        { field: 'lastError', before: 'card declined', after: null },
        { field: 'disabledReason', before: 'Switched off.', after: undefined },
      ]);
    } finally {
      await i18n.changeLanguage('en');
    }
  });

  it('a field only the record before had is listed as gone', () => {
    expect(changedFields({ status: 'pending', note: 'x' }, { status: 'pending' })).toEqual([
      { field: 'note', before: 'x', after: undefined },
    ]);
  });

  it('a value that is not an object is one field', () => {
    expect(changedFields(null, ['a', 'b'])).toEqual([
      { field: 'value', before: undefined, after: ['a', 'b'] },
    ]);
    expect(changedFields('on', 'off')).toEqual([{ field: 'value', before: 'on', after: 'off' }]);
  });
});

describe('the currency of an audit record', () => {
  const wallets = new Map([['wal_1', 'VND']]);
  const walletCurrency = (id: string) => wallets.get(id);

  it('as the record states it', () => {
    const hold = record({
      entityType: 'hold',
      entityId: 'hld_1',
      after: { walletId: 'wal_9', amount: 5, currency: 'EUR' },
    });
    expect(currencyOf(hold, walletCurrency)).toBe('EUR');
  });

  it("else its wallet's: the record's own entity, or the wallet it names", () => {
    expect(currencyOf(record({ after: { balance: 1 } }), walletCurrency)).toBe('VND');
    const capture = record({
      entityType: 'hold',
      entityId: 'hld_1',
      after: { walletId: 'wal_1', charged: 3 },
    });
    expect(walletOf(capture)).toBe('wal_1');
    expect(currencyOf(capture, walletCurrency)).toBe('VND');
  });

  it('unknown when neither says, or the code is not a currency', () => {
    expect(
      currencyOf(record({ entityId: 'wal_gone', after: { balance: 1 } }), walletCurrency),
    ).toBeUndefined();
    expect(
      currencyOf(record({ entityType: 'product', after: { currency: 'XXX' } }), walletCurrency),
    ).toBeUndefined();
  });
});

describe('a record about an invoice', () => {
  const invoices = new Map([['inv_1', { number: 'INV-2026-000012', currency: 'EUR' }]]);
  const invoiceCurrency = (id: string) => invoices.get(id)?.currency;
  const noWallet = () => undefined;
  const older = record({
    action: 'invoice.marked_paid',
    entityType: 'invoice',
    entityId: 'inv_1',
    after: { status: 'paid', amountPaid: 10_000 },
  });

  it("its amounts are money in the invoice's currency: as the record states it, else the cached invoice's", () => {
    expect(isMoneyField('amountPaid')).toBe(true);
    expect(isMoneyField('refunded')).toBe(true);
    expect(currencyOf(older, noWallet, invoiceCurrency)).toBe('EUR');
    const stated = record({ ...older, after: { amountPaid: 10_000, currency: 'VND' } });
    expect(currencyOf(stated, noWallet, invoiceCurrency)).toBe('VND');
    expect(currencyOf({ ...older, entityId: 'inv_unknown' }, noWallet, invoiceCurrency)).toBeUndefined();
    // Another entity's id is never looked up as an invoice.
    expect(currencyOf({ ...older, entityType: 'product' }, noWallet, invoiceCurrency)).toBeUndefined();
  });

  it('is named by its number, which is then not repeated as a field of what changed', () => {
    const recorded = record({
      ...older,
      after: { status: 'paid', amount: 4_000, currency: 'USD', number: 'INV-2026-000012' },
    });
    expect(statedInvoiceNumber(recorded)).toBe('INV-2026-000012');
    expect(statedInvoiceNumber(older)).toBeUndefined();
    expect(statedInvoiceNumber(record({ after: { number: 'X' } }))).toBeUndefined();
    expect(changedFields(null, recorded.after).map((c) => c.field)).toEqual(['status', 'amount']);
  });
});

describe('which way an amount moved the wallet', () => {
  it('a refund or a payout is money leaving the wallet, whatever sign the record stored', () => {
    expect(shownAmount('payment.refunded', 'amount', 3_000)).toEqual({ amount: -3_000, signed: true });
    expect(shownAmount('wallet.paid_out', 'amount', 3_000)).toEqual({ amount: -3_000, signed: true });
    expect(shownAmount('payment.refunded', 'amount', -3_000)).toEqual({ amount: -3_000, signed: true });
  });

  it('a movement keeps its own sign; an amount that moved nothing is shown unsigned', () => {
    expect(shownAmount('wallet.credited', 'amount', 500)).toEqual({ amount: 500, signed: true });
    expect(shownAmount('wallet.debited', 'amount', -82)).toEqual({ amount: -82, signed: true });
    expect(shownAmount('transaction.refunded', 'amount', 450)).toEqual({ amount: 450, signed: true });
    expect(shownAmount('hold.placed', 'amount', 500)).toEqual({ amount: 500, signed: false });
    expect(shownAmount('top_up_link.created', 'amount', 500)).toEqual({ amount: 500, signed: false });
    expect(shownAmount('invoice.marked_paid', 'amount', 4_000)).toEqual({ amount: 4_000, signed: false });
    expect(shownAmount('wallet.closed', 'balance', 0)).toEqual({ amount: 0, signed: false });
  });
});

/**
 * Every field a server audit record carries (the before/after objects passed to recordAudit under
 * src/server), less those said otherwise (IMPLIED_FIELDS). A new field needs a label here and in
 * both catalogs, or it shows as its raw key.
 */
const SERVER_FIELDS = [
  ...['balance', 'amount', 'transactionId', 'charged', 'refunded', 'amountPaid', 'status', 'walletId'],
  ...['name', 'email', 'externalRef', 'language', 'role', 'customerId', 'prefix', 'disabled'],
  ...['prices', 'period', 'active', 'bankReference', 'date', 'paymentId', 'resolution', 'autoPay'],
  ...['bankDetails', 'offerTopUp', 'orderIds', 'totals', 'enabled', 'threshold', 'targetBalance'],
  ...['paymentMethodId', 'state', 'consecutiveFailures', 'attemptsToday', 'nextAttemptAt', 'lastError'],
  ...['disabledReason', 'updatedAt', 'runwayDays', 'channels', 'emails', 'stateSince', 'expiresAt'],
  ...['refundId', 'method', 'reference', 'methods', 'limits', 'cryptoGapLimit', 'url', 'description'],
  ...['events', 'provider', 'fields', 'receivedOn', 'value', 'chargeUnconfirmed'],
];

describe('every field the server records has a label', () => {
  afterEach(() => i18n.changeLanguage('en'));
  it.each(['en', 'vi'])('in %s', async (language) => {
    await i18n.changeLanguage(language);
    const unlabelled = SERVER_FIELDS.filter((field) => !i18n.exists(`audit:field.${field}`));
    expect(unlabelled).toEqual([]);
    expect(i18n.t('audit:field.bankReference')).not.toBe('bankReference');
  });
});

describe('why, in the console’s language', () => {
  afterEach(() => i18n.changeLanguage('en'));
  const refund = record({
    action: 'transaction.refunded',
    after: {
      balance: 1_000,
      amount: 450,
      transactionId: 'txn_2',
      wording: {
        kind: 'order_unprovisioned',
        order: 'ORD-1',
        missing: 3,
        quantity: 10,
        product: 'Mobile proxy',
      },
    },
    reason: 'Refund: 3 of 10 × Mobile proxy not provisioned (ORD-1)',
  });

  it('words a movement the server worded itself, and leaves the wording out of what changed', async () => {
    await i18n.changeLanguage('vi');
    expect(auditReason(refund)).toBe('Hoàn tiền: 3 trên 10 × Mobile proxy không được cung cấp (ORD-1)');
    expect(changedFields(null, refund.after).map((c) => c.field)).toEqual([
      'balance',
      'amount',
      'transactionId',
    ]);
  });

  it('shows a reason a person gave as they wrote it', async () => {
    await i18n.changeLanguage('vi');
    expect(auditReason(record({ reason: 'Welcome credit', after: { balance: 5, amount: 5 } }))).toBe(
      'Welcome credit',
    );
    expect(auditReason(record({ reason: null }))).toBeNull();
  });

  it('words stored moments, days, statuses and roles, and leaves other text as it is', async () => {
    expect(valueWords('expiresAt', '2026-12-06T03:00:00.000Z')).not.toContain('T03');
    expect(valueWords('expiresAt', '2026-12-06T03:00:00.000Z')).toMatch(/Dec 6, 2026/);
    expect(valueWords('dueDate', '2026-12-31')).toBe('Dec 31, 2026');
    expect(valueWords('status', 'partially_paid')).toBe('Partly paid');
    expect(valueWords('role', 'support_agent')).toBe('Support agent');
    expect(valueWords('status', 'some_future_status')).toBe('some_future_status');
    expect(valueWords('name', 'active')).toBe('active');
    expect(valueWords('language', 'vi')).toBe('Vietnamese (Tiếng Việt)');
    await i18n.changeLanguage('vi');
    expect(valueWords('status', 'closed')).toBe('Đã đóng');
    expect(valueWords('language', 'en')).toBe('Tiếng Anh (English)');
    expect(valueWords('dueDate', '2026-12-31')).toMatch(/31.*12.*2026/);
  });
});
