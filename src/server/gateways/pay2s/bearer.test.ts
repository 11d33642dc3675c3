import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IncomingWebhook } from '../provider.js';
import { PAY2S_ACK, pay2sPushSchema, verifyPay2sPush } from './bearer.js';
import { pay2sHistoryResponseSchema } from './history.js';

const TOKEN = 'e3a19a5a65a48ff3b3ef198fcb2a5a6c';
const OTHER_WEBHOOK_TOKEN = '9f2c7d1e4b8a6f3c0d5e2a7b1c9f4e8d';
const NOW = new Date('2030-05-01T12:00:00Z');

// The documented sample push (https://docs.pay2s.vn/webhook/tai-lieu-ky-thuat.html), plus an OUT line.
const BODY = JSON.stringify({
  transactions: [
    {
      id: '1788052',
      gateway: 'ACB',
      transactionDate: '2025-04-01 00:02:18',
      transactionNumber: '10418',
      accountNumber: '12805521',
      content: 'SHOPVPS12537 GD 789604-040125 00:05:38',
      transferType: 'IN',
      transferAmount: 50000,
      checksum: '7e2b3bbc03d1083017e3d2a96d3b8e01',
    },
    {
      id: '1788053',
      gateway: 'ACB',
      transactionDate: '2025-04-01 00:03:00',
      transactionNumber: '10419',
      accountNumber: '12805521',
      content: 'PHI SMS',
      transferType: 'OUT',
      transferAmount: 11000,
      checksum: '0e2b3bbc03d1083017e3d2a96d3b8e02',
    },
  ],
});

const push = (
  body: string | Uint8Array = BODY,
  authorization: string | null = `Bearer ${TOKEN}`,
): IncomingWebhook => ({
  rawBody: typeof body === 'string' ? Buffer.from(body) : body,
  headers: authorization === null ? {} : { authorization },
  receivedAt: NOW,
});
const verify = (webhook: IncomingWebhook) => verifyPay2sPush(webhook, { token: TOKEN });

describe('Pay2s push: genuine', () => {
  it('accepts the documented push and turns each line into an event keyed by Pay2s’s id', () => {
    expect(verify(push())).toEqual({
      ok: true,
      events: [
        {
          kind: 'bank_credit',
          provider: 'vietqr',
          eventId: 'pay2s:1788052',
          accountNumber: '12805521',
          amount: { kind: 'fiat', currency: 'VND', amount: 50000 },
          content: 'SHOPVPS12537 GD 789604-040125 00:05:38',
          bookedAt: '2025-04-01 00:02:18',
        },
        { kind: 'ignored', provider: 'vietqr', eventId: 'pay2s:1788053', eventType: 'bank.transfer_out' },
      ],
    });
  });

  it('takes the auth scheme in any case, as HTTP does', () => {
    expect(verify(push(BODY, `bearer ${TOKEN}`)).ok).toBe(true);
    expect(verify(push(BODY, `BEARER ${TOKEN}`)).ok).toBe(true);
  });

  it('answers what stops Pay2s retrying', () => {
    expect(JSON.stringify(PAY2S_ACK)).toBe('{"success":true}');
  });
});

describe('Pay2s push: negative suite', () => {
  it('rejects a missing, malformed or wrong token, and another webhook’s token', () => {
    expect(verify(push(BODY, null))).toMatchObject({ ok: false, reason: 'missing_signature' });
    expect(verify(push(BODY, ''))).toMatchObject({ ok: false, reason: 'missing_signature' });
    for (const header of [
      TOKEN,
      `Basic ${TOKEN}`,
      `Bearer  ${TOKEN}`,
      `Bearer ${TOKEN} x`,
      'Bearer',
      `Token ${TOKEN}`,
    ]) {
      expect(verify(push(BODY, header))).toMatchObject({ ok: false, reason: 'malformed_signature' });
    }
    expect(verify(push(BODY, `Bearer ${OTHER_WEBHOOK_TOKEN}`))).toMatchObject({
      ok: false,
      reason: 'bad_signature',
    });
    expect(verify(push(BODY, `Bearer ${TOKEN.slice(0, -1)}`))).toMatchObject({
      ok: false,
      reason: 'bad_signature',
    });
    expect(verify(push(BODY, `Bearer ${TOKEN}0`))).toMatchObject({ ok: false, reason: 'bad_signature' });
    expect(verify(push(BODY, `Bearer ${TOKEN.toUpperCase()}`))).toMatchObject({
      ok: false,
      reason: 'bad_signature',
    });
  });

  it('rejects a token sent twice with different values', () => {
    const webhook = {
      ...push(),
      headers: { authorization: [`Bearer ${OTHER_WEBHOOK_TOKEN}`, `Bearer ${TOKEN}`] },
    };
    expect(verify(webhook)).toMatchObject({ ok: false, reason: 'missing_signature' });
  });

  it('rejects bodies that are not a Pay2s push, even with the right token', () => {
    const line = JSON.parse(BODY).transactions[0];
    for (const body of [
      'not json',
      '{}',
      '{"transactions":[]}',
      JSON.stringify({ transactions: [{ ...line, transferAmount: 50000.5 }] }),
      JSON.stringify({ transactions: [{ ...line, transferAmount: -50000 }] }),
      JSON.stringify({ transactions: [{ ...line, transferAmount: '5e4' }] }),
      JSON.stringify({ transactions: [{ ...line, transferType: 'SIDEWAYS' }] }),
      JSON.stringify({ transactions: [{ ...line, id: '' }] }),
      JSON.stringify({ transactions: [{ ...line, accountNumber: undefined }] }),
    ]) {
      expect(verify(push(body))).toMatchObject({ ok: false, reason: 'malformed_body' });
    }
    expect(verify(push(Buffer.from([0x7b, 0xff, 0x7d])))).toMatchObject({
      ok: false,
      reason: 'malformed_body',
    });
  });

  it('never turns a bit-flipped body into a different credit without the token', () => {
    // The token authenticates the sender, not the body (TLS protects it in transit); what a flip
    // must never do is get past a wrong token, and a flipped body that still parses is re-queried.
    const bytes = Buffer.from(BODY);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: bytes.length - 1 }),
        fc.integer({ min: 0, max: 7 }),
        (at, bit) => {
          const flipped = Buffer.from(bytes);
          flipped[at] = (flipped[at] ?? 0) ^ (1 << bit);
          expect(verify(push(flipped, `Bearer ${OTHER_WEBHOOK_TOKEN}`)).ok).toBe(false);
          const withToken = verify(push(flipped));
          if (withToken.ok)
            expect(pay2sPushSchema.safeParse(JSON.parse(flipped.toString('utf8'))).success).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('carries no timestamp: a replay repeats the same event ids, which the store drops', () => {
    const first = verify(push());
    const replay = verifyPay2sPush(
      { ...push(), receivedAt: new Date('2031-01-01T00:00:00Z') },
      { token: TOKEN },
    );
    expect(first.ok && replay.ok && first.events.map((e) => e.eventId)).toEqual(
      replay.ok && replay.events.map((e) => e.eventId),
    );
  });

  it('refuses to run without a configured token', () => {
    expect(() => verifyPay2sPush(push(), { token: '' })).toThrow();
  });
});

describe('Pay2s transaction API response', () => {
  it('reads the documented sample', () => {
    const sample = {
      status: true,
      messages: 'Thành công',
      transactions: [
        {
          id: 2288,
          transaction_date: '2024-08-03 02:23:11',
          transaction_id: '10439',
          account_number: '737478888',
          bank: 'ACB',
          amount: 2000,
          description: 'QR - GP2BKPT410 GD 750915-080324 02:23:07',
          type: 'IN',
          checksum: '861aa38ef4f0309b9204a0345af0b445',
        },
      ],
    };
    expect(pay2sHistoryResponseSchema.parse(sample).transactions[0]).toMatchObject({
      id: '2288',
      amount: 2000,
      type: 'IN',
    });
    expect(
      pay2sHistoryResponseSchema.parse({ status: false, messages: 'Token invalid' }).transactions,
    ).toEqual([]);
    expect(
      pay2sHistoryResponseSchema.safeParse({
        ...sample,
        transactions: [{ ...sample.transactions[0], amount: 1.5 }],
      }).success,
    ).toBe(false);
  });
});
