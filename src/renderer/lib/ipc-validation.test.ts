import { afterEach, describe, expect, it } from 'vitest';
import { createDispatcher, type Handlers } from '../../main/ipc/handle';
import { readable } from '../../main/ipc/recon-handlers';
import { parseStatement } from '../../main/recon/statement-csv';
import type { BankColumnMapping } from '../../shared/recon';
import { i18n } from '../i18n';
import { errorMessage, fieldError, IpcError } from './ipc';

/**
 * What a form shows beside a field when main's own check of the IPC input refused it: the answer
 * comes from the real dispatcher and contract (no handler is reached), as the renderer receives it.
 */
const dispatch = createDispatcher<null>(
  new Proxy({} as Handlers, {
    get: (_target, channel: string) => () => Promise.reject(new Error(`reached ${channel}`)),
  }),
  () => true,
);

async function refusal(channel: string, input: unknown): Promise<IpcError> {
  const result = await dispatch(null, channel, input);
  if (result.ok) throw new Error(`${channel} took ${JSON.stringify(input)}`);
  return new IpcError(result.error);
}

const customer = { name: 'Công ty An Phát', email: 'ke-toan@anphat.vn' };

describe("main's refusal of a form's field, beside that field", () => {
  afterEach(() => i18n.changeLanguage('en'));

  it('reads in Vietnamese for a Vietnamese user: too long, empty, not an email', async () => {
    await i18n.changeLanguage('vi');
    const tooLong = await refusal('customers:create', { ...customer, externalRef: 'x'.repeat(101) });
    expect(fieldError(tooLong, 'externalRef')).toBe('Dài quá 100 ký tự.');
    const empty = await refusal('tickets:open', { subject: '   ', message: 'Nạp tiền chưa vào ví' });
    expect(fieldError(empty, 'subject')).toBe('Không được để trống.');
    const notEmail = await refusal('payers:create', { customerId: 'cus_1', name: 'An', email: 'an@' });
    expect(fieldError(notEmail, 'email')).toBe('Không phải là địa chỉ email.');
  });

  it('reads in English for an English user, and keeps the English message for logs and callers', async () => {
    const tooLong = await refusal('customers:create', { ...customer, externalRef: 'x'.repeat(101) });
    expect(fieldError(tooLong, 'externalRef')).toBe('Longer than 100 characters.');
    expect(tooLong.message).toMatch(/^externalRef: /);
  });

  it('keeps a message the contract wrote for one field, which says more than a length', async () => {
    const tooLarge = await refusal('statements:verify', {
      filename: 'x.pdf',
      base64: 'A'.repeat(28_000_001),
    });
    expect(fieldError(tooLarge, 'base64')).toBe('Is larger than a statement can be (20 MB)');
  });
});

describe("a field missing or of the wrong type, refused by main's check or the API's", () => {
  afterEach(() => i18n.changeLanguage('en'));

  it('reads in Vietnamese beside the field', async () => {
    await i18n.changeLanguage('vi');
    const missing = await refusal('payers:create', { customerId: 'cus_1' });
    expect(fieldError(missing, 'name')).toBe('Bắt buộc.');
    // As the billing API answers a body its schema refuses (app.ts), through main to the form.
    const api = (key: string, values: Record<string, string> = {}) =>
      new IpcError({
        code: 'validation',
        message: 'quantity: Invalid input: expected number, received string',
        field: 'lines.0.quantity',
        reason: { key, values },
      });
    expect(fieldError(api('field_wrong_type', { expected: 'number' }), 'quantity')).toBe('Phải là một số.');
    expect(fieldError(api('field_wrong_type', { expected: 'string' }), 'quantity')).toBe('Phải là văn bản.');
    expect(fieldError(api('field_required'), 'quantity')).toBe('Bắt buộc.');
    // A type the console does not word keeps the English.
    expect(fieldError(api('field_wrong_type', { expected: 'bigint' }), 'quantity')).toBe(
      'Quantity: Invalid input: expected number, received string',
    );
  });
});

describe("an email missing or malformed, refused by main's check or the API's, beside the field", () => {
  afterEach(() => i18n.changeLanguage('en'));
  const connect = { method: 'password', url: 'https://billing.example.com', password: 'mật khẩu dài' };

  it('says in Vietnamese that a missing or blank email is required, and a malformed one is not an email', async () => {
    await i18n.changeLanguage('vi');
    expect(fieldError(await refusal('session:connect', { ...connect, email: '' }), 'email')).toBe(
      'Bắt buộc.',
    );
    expect(fieldError(await refusal('customers:create', { name: customer.name }), 'email')).toBe('Bắt buộc.');
    expect(fieldError(await refusal('customers:create', { ...customer, email: '  ' }), 'email')).toBe(
      'Bắt buộc.',
    );
    expect(fieldError(await refusal('session:connect', { ...connect, email: 'ke-toan@' }), 'email')).toBe(
      'Không phải là địa chỉ email.',
    );
  });

  it('says the same in English', async () => {
    expect(fieldError(await refusal('session:connect', { ...connect, email: '' }), 'email')).toBe(
      'Required.',
    );
    expect(fieldError(await refusal('session:connect', { ...connect, email: 'ke-toan@' }), 'email')).toBe(
      'Not an email address.',
    );
  });
});

describe("main's refusal of a number that is not whole, beside its field", () => {
  afterEach(() => i18n.changeLanguage('en'));
  const alerts = (runwayDays: number) =>
    refusal('alerts:update-settings', { walletId: 'wal_1', settings: { runwayDays, channels: ['desktop'] } });
  const product = { name: 'Proxy dân cư', prices: { VND: 50_000 }, period: 'month' };
  const draft = { customerId: 'cus_1', currency: 'VND' };
  const line = { description: 'Tên miền', unitAmount: 1_000 };

  it('reads in Vietnamese, naming days or minutes when the field counts them', async () => {
    await i18n.changeLanguage('vi');
    expect(fieldError(await alerts(2.5), 'runwayDays')).toBe('Số ngày phải là số nguyên.');
    expect(fieldError(await alerts(0), 'runwayDays')).toBe('Không được nhỏ hơn 1.');
    expect(fieldError(await alerts(366), 'runwayDays')).toBe('Không được lớn hơn 365.');
    const timeout = await refusal('products:create', { ...product, provisioningTimeoutMinutes: 1.5 });
    expect(fieldError(timeout, 'provisioningTimeoutMinutes')).toBe('Số phút phải là số nguyên.');
    const lines = await refusal('invoices:create-draft', { ...draft, lines: [{ ...line, quantity: 1.5 }] });
    expect(fieldError(lines, 'quantity')).toBe('Phải là số nguyên.');
    const order = await refusal('orders:place', { ...draft, productId: 'prd_1', quantity: 1.5 });
    expect(fieldError(order, 'quantity')).toBe('Phải là số nguyên.');
  });

  it('reads in English, and keeps the English message for logs', async () => {
    const runway = await alerts(2.5);
    expect(fieldError(runway, 'runwayDays')).toBe('Must be a whole number of days.');
    expect(runway.message).toBe('settings.runwayDays: must be a whole number of days');
    const timeout = await refusal('products:create', { ...product, provisioningTimeoutMinutes: 1.5 });
    expect(fieldError(timeout, 'provisioningTimeoutMinutes')).toBe('Must be a whole number of minutes.');
    // A bound the contract states in another unit than the field's keeps its words.
    const tooLong = await refusal('products:create', { ...product, provisioningTimeoutMinutes: 43_201 });
    expect(fieldError(tooLong, 'provisioningTimeoutMinutes')).toBe('Must be at most 30 days');
    const lines = await refusal('invoices:create-draft', { ...draft, lines: [{ ...line, quantity: 1.5 }] });
    expect(fieldError(lines, 'quantity')).toBe('Must be a whole number.');
  });
});

describe("main's refusal of an amount or a number out of range, beside its field", () => {
  afterEach(() => i18n.changeLanguage('en'));
  const credit = { walletId: 'wal_1', description: 'Quà tặng' };

  it('reads in Vietnamese, the amount formatted for the currency the form knows', async () => {
    await i18n.changeLanguage('vi');
    const tooLarge = await refusal('wallets:credit', { ...credit, amount: 100_000_000_000_001 });
    expect(fieldError(tooLarge, 'amount', { currency: 'VND' })).toBe(
      'Không được lớn hơn 100.000.000.000.000\u00a0₫.',
    );
    // A form that does not know the currency still says what is wrong, without minor units.
    expect(fieldError(tooLarge, 'amount')).toBe('Số tiền quá lớn.');
    expect(errorMessage(tooLarge)).toBe('Số tiền quá lớn.');
    const zero = await refusal('wallets:credit', { ...credit, amount: 0 });
    expect(fieldError(zero, 'amount', { currency: 'VND' })).toBe('Phải lớn hơn 0.');
    const draft = { customerId: 'cus_1', currency: 'VND', lines: [{ description: 'Tên miền', quantity: 1 }] };
    const negative = await refusal('invoices:create-draft', {
      ...draft,
      lines: [{ ...draft.lines[0], unitAmount: -1 }],
    });
    expect(fieldError(negative, 'unitAmount', { currency: 'VND' })).toBe('Không được là số âm.');
    const many = await refusal('orders:place', {
      customerId: 'cus_1',
      productId: 'prd_1',
      quantity: 10_001,
      currency: 'VND',
    });
    expect(fieldError(many, 'quantity')).toBe('Không được lớn hơn 10.000.');
  });

  it('reads in English with the amount in the currency, and keeps the English message for logs', async () => {
    const tooSmall = await refusal('wallets:adjust', {
      walletId: 'wal_1',
      amount: -100_000_000_000_001,
      reason: 'Correction',
    });
    expect(fieldError(tooSmall, 'amount', { currency: 'USD' })).toBe(
      'Must be at least -$1,000,000,000,000.00.',
    );
    expect(fieldError(tooSmall, 'amount')).toBe('That amount is too small.');
    expect(tooSmall.message).toBe('amount: must be at least -100000000000000 minor units');
  });
});

describe("main's refusal of a bank statement it cannot read", () => {
  afterEach(() => i18n.changeLanguage('en'));
  const mapping = {
    date: 'Ngày GD',
    amount: 'Số tiền',
    description: 'Nội dung',
    reference: 'Số bút toán',
    dateFormat: 'DD/MM/YYYY',
    currency: 'VND',
  } as const;
  const reconDispatch = createDispatcher<null>(
    new Proxy({} as Handlers, {
      get: (_target, channel: string) =>
        channel === 'recon:import'
          ? ({ csv, mapping }: { csv: string; mapping: BankColumnMapping }) =>
              readable(() => ({ matches: parseStatement(csv, mapping).map(() => never()) }))
          : () => Promise.reject(new Error(`reached ${channel}`)),
    }),
    () => true,
  );
  const refused = async (csv: string) => {
    const result = await reconDispatch(null, 'recon:import', { bank: 'VCB', csv, mapping });
    if (result.ok) throw new Error('the statement was read');
    return new IpcError(result.error);
  };
  const header = 'Ngày GD,Số tiền,Nội dung,Số bút toán';

  it('says in Vietnamese which row and column hold what it cannot read', async () => {
    await i18n.changeLanguage('vi');
    expect(errorMessage(await refused(`${header}\n01/12/2026,năm trăm,NAP TIEN,FT001`))).toBe(
      'Dòng 1: cột "Số tiền" (số tiền) ghi "năm trăm", không phải một số tiền VND.',
    );
    expect(errorMessage(await refused(`${header}\n2026-12-01,500.000,NAP TIEN,FT001`))).toBe(
      'Dòng 1: cột "Ngày GD" (ngày) ghi "2026-12-01", không phải một ngày dạng DD/MM/YYYY.',
    );
    expect(errorMessage(await refused(`${header}\n01/12/2026,500.000,NAP TIEN,`))).toBe(
      'Dòng 1: cột "Số bút toán" (mã tham chiếu ngân hàng) để trống.',
    );
    expect(
      errorMessage(await refused('Ngày,Số tiền,Nội dung,Số bút toán\n01/12/2026,500.000,NAP TIEN,FT001')),
    ).toBe(
      'Không có cột "Ngày GD" (ngày) trong tệp này (các cột của tệp: Ngày, Số tiền, Nội dung, Số bút toán).',
    );
    expect(errorMessage(await refused(header))).toBe('Tệp này không có dòng nào dưới dòng tiêu đề.');
  });
});

function never(): never {
  throw new Error('a line of a statement that cannot be read was matched');
}
