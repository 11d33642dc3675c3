import { z } from 'zod';
import { minorUnits } from '../../../shared/money.js';
import type { OutboundFetch } from '../../outbound/guarded-fetch.js';
import type { ProviderEvent } from '../provider.js';
import { vietnamDate } from '../vietqr/vietnam-time.js';
import { pay2sHistoryResponseSchema } from './history.js';

export class BankFeedError extends Error {
  override readonly name = 'BankFeedError';
}

/**
 * Reads one account's statement from Pay2s's transaction API (history.ts has the documented shape)
 * as bank-credit events, keyed `pay2s:<id>` exactly as the push keys the same line (bearer.ts), so
 * a line seen both ways is one event. A refusal or an unreadable answer throws: the payment stays
 * open and is asked about again, never read as "nothing arrived".
 */
export async function fetchPay2sCredits(
  options: { apiBase: string; apiToken: string; accountNumber: string; from: Date; to: Date },
  signal?: AbortSignal,
  http: OutboundFetch = fetch,
): Promise<Extract<ProviderEvent, { kind: 'bank_credit' }>[]> {
  const response = await http(`${options.apiBase.replace(/\/+$/, '')}/userapi/transactions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'pay2s-token': options.apiToken },
    body: JSON.stringify({
      bankAccounts: options.accountNumber,
      begin: vietnamDate(options.from),
      end: vietnamDate(options.to),
    }),
    signal: signal ?? null,
  });
  if (!response.ok) throw new BankFeedError(`Pay2s transaction API answered ${response.status}`);
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    throw new BankFeedError('Pay2s transaction API sent a body that is not JSON');
  }
  const parsed = pay2sHistoryResponseSchema.safeParse(json);
  if (!parsed.success) {
    throw new BankFeedError(
      `Pay2s transaction API sent an unexpected answer: ${z.prettifyError(parsed.error)}`,
    );
  }
  if (!parsed.data.status) {
    throw new BankFeedError(`Pay2s refused the statement request: ${parsed.data.messages ?? 'status false'}`);
  }
  return parsed.data.transactions
    .filter((line) => line.type === 'IN')
    .map((line) => ({
      kind: 'bank_credit',
      provider: 'vietqr',
      eventId: `pay2s:${line.id}`,
      accountNumber: line.account_number,
      amount: { kind: 'fiat', currency: 'VND', amount: minorUnits(line.amount) },
      content: line.description,
      bookedAt: line.transaction_date,
    }));
}
