import { vietnamDmyDateTime } from '../../../src/server/gateways/vietqr/vietnam-time.js';
import { sendJson, startLoopbackServer } from './loopback-server.js';

/**
 * A Web2m emulator on loopback: GET /historyapi<bank>v3/<password>/<account>/<token> answers that
 * account's statement, newest first, in the shape src/server/gateways/web2m/history.ts reads, when
 * bank, password and token all match; anything else gets Web2m's refusal (status false).
 */

export interface Web2mAccount {
  bank: string;
  accountNumber: string;
  password: string;
  token: string;
}

interface Web2mLine {
  accountNumber: string;
  transactionID: string;
  amount: number;
  description: string;
  transactionDate: string;
  type: 'IN' | 'OUT';
}

export class Web2mEmulator {
  /** Every history request, by account, so a test can see that polling happened. */
  readonly requests: string[] = [];
  private readonly lines: Web2mLine[] = [];
  private nextId = 88_301;

  private constructor(
    readonly url: string,
    private readonly stop: () => Promise<void>,
    private readonly accounts: Web2mAccount[],
    private readonly now: () => Date,
  ) {}

  static async start(options: { accounts: Web2mAccount[]; now?: () => Date }): Promise<Web2mEmulator> {
    let emulator: Web2mEmulator | null = null;
    const server = await startLoopbackServer((request, _body, response) => {
      emulator?.answer(request.method ?? '', request.url ?? '', response);
    });
    emulator = new Web2mEmulator(
      server.url,
      server.close,
      options.accounts,
      options.now ?? (() => new Date()),
    );
    return emulator;
  }

  credit(line: { accountNumber: string; amount: number; description: string }): Web2mLine {
    return this.book({ ...line, type: 'IN' });
  }

  debit(line: { accountNumber: string; amount: number; description: string }): Web2mLine {
    return this.book({ ...line, type: 'OUT' });
  }

  close(): Promise<void> {
    return this.stop();
  }

  private book(line: Omit<Web2mLine, 'transactionID' | 'transactionDate'>): Web2mLine {
    const booked = {
      ...line,
      transactionID: `FT${this.nextId++}`,
      transactionDate: vietnamDmyDateTime(this.now()),
    };
    this.lines.push(booked);
    return booked;
  }

  private answer(method: string, url: string, response: Parameters<typeof sendJson>[0]) {
    const match = /^\/historyapi([a-z]+)v3\/([^/]+)\/([^/]+)\/([^/?]+)$/.exec(url);
    if (method !== 'GET' || !match) {
      sendJson(response, 404, { status: false, message: 'Not found' });
      return;
    }
    const [, bank, password, accountNumber, token] = match.map((part) => decodeURIComponent(part ?? ''));
    this.requests.push(accountNumber ?? '');
    const account = this.accounts.find(
      (a) =>
        a.bank === bank && a.accountNumber === accountNumber && a.password === password && a.token === token,
    );
    if (!account) {
      sendJson(response, 200, { status: false, message: 'Token het han hoac khong hop le' });
      return;
    }
    const transactions = this.lines
      .filter((l) => l.accountNumber === account.accountNumber)
      .reverse()
      .map(({ transactionID, amount, description, transactionDate, type }) => ({
        transactionID,
        amount,
        description,
        transactionDate,
        type,
      }));
    sendJson(response, 200, { status: true, message: 'Thành công', transactions });
  }
}
