import { createHash } from 'node:crypto';
import { vietnamIsoDateTime } from '../../../src/server/gateways/vietqr/vietnam-time.js';
import { sendJson, startLoopbackServer } from './loopback-server.js';

/**
 * A Pay2s emulator on loopback: it holds bank accounts' statements, serves the transaction API in
 * the documented shape (src/server/gateways/pay2s/history.ts), and pushes each new statement line to
 * a webhook URL with the bearer token, retrying until it is answered 200 {"success": true}
 * (src/server/gateways/pay2s/bearer.ts). Pay2s retries every 60 s, at most 6 times; tests pass a
 * tiny interval and wait on `delivered(...)`, never on a timer of their own.
 */

export interface Pay2sLine {
  id: string;
  gateway: string;
  transactionDate: string;
  transactionNumber: string;
  accountNumber: string;
  content: string;
  transferType: 'IN' | 'OUT';
  transferAmount: number;
  checksum: string;
}

export interface Pay2sAttempt {
  lineIds: string[];
  attempt: number;
  /** The HTTP status, or null when the request itself failed (connection refused, reset). */
  status: number | null;
  body: string | null;
  acknowledged: boolean;
}

export interface Pay2sEmulatorOptions {
  /** The bearer token pushes carry (Pay2s's per-webhook token). */
  webhookToken: string;
  /** The "pay2s-token" the transaction API requires. */
  apiToken: string;
  webhookUrl?: string;
  /** Documented: 60 s. */
  retryIntervalMs?: number;
  /** Documented: 6 retries after the first attempt. */
  maxRetries?: number;
  now?: () => Date;
  /** The bank name written on each line. */
  bank?: string;
}

export class Pay2sEmulator {
  readonly attempts: Pay2sAttempt[] = [];
  private readonly lines: Pay2sLine[] = [];
  private readonly pushes = new Map<string, Promise<Pay2sAttempt>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private nextId = 1_788_052;
  private closed = false;

  private constructor(
    readonly url: string,
    private readonly stop: () => Promise<void>,
    private readonly options: Pay2sEmulatorOptions,
  ) {}

  static async start(options: Pay2sEmulatorOptions): Promise<Pay2sEmulator> {
    let emulator: Pay2sEmulator | null = null;
    const server = await startLoopbackServer((request, body, response) => {
      if (request.method === 'POST' && request.url === '/userapi/transactions') {
        emulator?.history(request.headers['pay2s-token'], body, response);
      } else {
        sendJson(response, 404, { status: false, messages: 'Not found' });
      }
    });
    emulator = new Pay2sEmulator(server.url, server.close, options);
    return emulator;
  }

  setWebhookUrl(url: string): void {
    this.options.webhookUrl = url;
  }

  /** Money received on `accountNumber`; pushed at once. */
  credit(line: { accountNumber: string; amount: number; content: string }): Pay2sLine {
    return this.book([{ ...line, type: 'IN' }])[0] as Pay2sLine;
  }

  /** Money sent from `accountNumber` (a fee, a transfer out); pushed at once. */
  debit(line: { accountNumber: string; amount: number; content: string }): Pay2sLine {
    return this.book([{ ...line, type: 'OUT' }])[0] as Pay2sLine;
  }

  /** Several lines booked together and pushed as one batch, as Pay2s does. */
  book(
    entries: { accountNumber: string; amount: number; content: string; type: 'IN' | 'OUT' }[],
  ): Pay2sLine[] {
    const at = (this.options.now ?? (() => new Date()))();
    const lines = entries.map((entry): Pay2sLine => {
      const id = String(this.nextId++);
      return {
        id,
        gateway: this.options.bank ?? 'ACB',
        transactionDate: vietnamIsoDateTime(at),
        transactionNumber: String(Number(id) - 1_777_634),
        accountNumber: entry.accountNumber,
        content: entry.content,
        transferType: entry.type,
        transferAmount: entry.amount,
        // Pay2s does not document its checksum; an md5 of the line stands in for it.
        checksum: createHash('md5').update(`${id}:${entry.amount}:${entry.content}`).digest('hex'),
      };
    });
    this.lines.push(...lines);
    if (this.options.webhookUrl) {
      const push = this.push(lines);
      // Giving up is reported through delivered(); unobserved, it must not crash the test run.
      push.catch(() => undefined);
      for (const line of lines) this.pushes.set(line.id, push);
    }
    return lines;
  }

  /** Resolves with the acknowledged attempt for `lineId`'s push; rejects once Pay2s would give up. */
  delivered(lineId: string): Promise<Pay2sAttempt> {
    const push = this.pushes.get(lineId);
    return push ?? Promise.reject(new Error(`line ${lineId} was not pushed`));
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await this.stop();
  }

  private async push(lines: Pay2sLine[]): Promise<Pay2sAttempt> {
    const body = JSON.stringify({ transactions: lines });
    const maxRetries = this.options.maxRetries ?? 6;
    for (let attempt = 1; attempt <= maxRetries + 1; attempt++) {
      if (attempt > 1) await this.wait(this.options.retryIntervalMs ?? 60_000);
      if (this.closed) break;
      const result = await this.attempt(lines, body, attempt);
      this.attempts.push(result);
      if (result.acknowledged) return result;
    }
    throw new Error(`Pay2s gave up pushing lines ${lines.map((l) => l.id).join(', ')}`);
  }

  private async attempt(lines: Pay2sLine[], body: string, attempt: number): Promise<Pay2sAttempt> {
    const lineIds = lines.map((l) => l.id);
    try {
      const response = await fetch(this.options.webhookUrl ?? '', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.options.webhookToken}` },
        body,
      });
      const text = await response.text();
      let success = false;
      try {
        success = (JSON.parse(text) as { success?: unknown }).success === true;
      } catch {
        success = false;
      }
      return {
        lineIds,
        attempt,
        status: response.status,
        body: text,
        acknowledged: response.status === 200 && success,
      };
    } catch {
      return { lineIds, attempt, status: null, body: null, acknowledged: false };
    }
  }

  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }

  private history(
    token: string | string[] | undefined,
    body: string,
    response: Parameters<typeof sendJson>[0],
  ) {
    if (token !== this.options.apiToken) {
      sendJson(response, 200, { status: false, messages: 'Token invalid' });
      return;
    }
    let request: { bankAccounts?: unknown; begin?: unknown; end?: unknown };
    try {
      request = JSON.parse(body) as typeof request;
    } catch {
      sendJson(response, 400, { status: false, messages: 'Invalid JSON' });
      return;
    }
    const day = (text: unknown) => {
      const match = typeof text === 'string' ? /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text) : null;
      return match ? `${match[3]}-${match[2]}-${match[1]}` : null;
    };
    const [begin, end] = [day(request.begin), day(request.end)];
    if (typeof request.bankAccounts !== 'string' || begin === null || end === null) {
      sendJson(response, 200, {
        status: false,
        messages: 'bankAccounts, begin and end (dd/mm/yyyy) are required',
      });
      return;
    }
    const accounts = new Set(request.bankAccounts.split(',').map((a) => a.trim()));
    const transactions = this.lines
      .filter((l) => accounts.has(l.accountNumber))
      .filter((l) => l.transactionDate.slice(0, 10) >= begin && l.transactionDate.slice(0, 10) <= end)
      .map((l) => ({
        id: Number(l.id),
        transaction_date: l.transactionDate,
        transaction_id: l.transactionNumber,
        account_number: l.accountNumber,
        bank: l.gateway,
        amount: l.transferAmount,
        description: l.content,
        type: l.transferType,
        checksum: l.checksum,
      }));
    sendJson(response, 200, { status: true, messages: 'Thành công', transactions });
  }
}
