/**
 * The bank test (after Jepsen's): clients move money between the wallets of one reseller through two
 * API processes on one database (PostgreSQL, or one SQLite file) while a fault proxy adds
 * latency, drops and resets connections and an API process is killed and restarted. A transfer is a
 * debit on one wallet then a credit on another, each under its own Idempotency-Key; a client retries
 * an unanswered request with the same key until it is answered. Checked throughout and at the end:
 *   1. the total across wallets equals what was credited, less the transfers open at that moment
 *      (debited, credit not yet acknowledged), and never more — at every read (one statement);
 *   2. no wallet is ever negative (every read, through the API as well);
 *   3. every acknowledged movement is in the ledger exactly once, and nothing else is;
 *   4. no Idempotency-Key is answered twice differently;
 *   5. at the end, with every transfer closed, the total is exactly what was credited.
 * Short form in `npm test`; long form: `npm run test:faults` (BANK_SEED, BANK_TRANSFERS, BANK_KILLS).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { OPERATOR_TOKEN } from '../support/api.js';
import { ApiCluster } from '../support/api-cluster.js';
import { DIALECTS, freshDatabase, type TestDatabase } from '../support/databases.js';
import { seededRandom } from '../support/fault-proxy.js';
import { http } from '../support/http.js';

const SEED = Number(process.env.BANK_SEED ?? 16);
const TRANSFERS = Number(process.env.BANK_TRANSFERS ?? 120);
const KILLS = Number(process.env.BANK_KILLS ?? 1);
const CLIENTS = Number(process.env.BANK_CLIENTS ?? 5);
const WALLETS = 4;
/** Each wallet's merchant credit, minor units (200.00 USD): small enough that debits get refused. */
const FUNDING = 20_000;
const FAULTS = { latencyMs: [0, 4] as [number, number], dropRate: 0.05, resetRate: 0.05 };
/** Where the long form writes its figures (docs/reliability.md quotes them). */
const REPORT = process.env.BANK_REPORT;

const folder = mkdtempSync(join(tmpdir(), 'bank-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

interface Answer {
  status: number;
  text: string;
}

/** One HTTP request on a connection of its own; rejects on any network failure. */
function send(port: number, method: string, path: string, token: string, key?: string, body?: unknown) {
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  return new Promise<Answer>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent: false,
        timeout: 15_000,
        headers: {
          authorization: `Bearer ${token}`,
          ...(key ? { 'idempotency-key': key } : {}),
          ...(payload
            ? { 'content-type': 'application/json', 'content-length': String(payload.length) }
            : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('no answer in time')));
    req.on('error', reject);
    req.end(payload);
  });
}

describe.each(DIALECTS)('bank test on %s', (dialect) => {
  let db: TestDatabase | undefined;
  let cluster: ApiCluster | undefined;
  afterAll(async () => {
    await cluster?.stop();
    await db?.drop();
  });

  it(`${TRANSFERS} transfers by ${CLIENTS} clients through faults and ${KILLS} crash(es): no money lost, doubled or overdrawn`, async () => {
    const started = Date.now();
    db = await freshDatabase(dialect, dialect === 'sqlite' ? { file: join(folder, 'bank.sqlite') } : {});
    // Two processes on one database: PostgreSQL, or one SQLite file (WAL: SQLite's locks serialise
    // the writers of one machine; see docs/reliability.md).
    cluster = await ApiCluster.start(
      db,
      2,
      { seed: SEED, ...FAULTS },
      {
        PAYMENT_JOBS: 'false',
      },
    );
    const random = seededRandom(SEED);
    const direct = cluster.directUrl();

    // A reseller, and one USD wallet for each of its customers (a customer has one wallet per
    // currency), each funded by a merchant credit.
    const reseller = await http(direct, 'POST', '/v1/resellers', {
      token: OPERATOR_TOKEN,
      body: {
        name: 'Bank',
        adminEmail: `bank-${SEED}@example.com`,
        adminPassword: 'correct horse battery staple',
      },
    });
    const admin = reseller.body.apiKey as string;
    const resellerId = reseller.body.id as string;
    const wallets: string[] = [];
    const acknowledged = new Map<string, string>(); // transaction id → key
    for (let w = 0; w < WALLETS; w++) {
      const customer = await http(direct, 'POST', '/v1/customers', {
        token: admin,
        body: { name: `Bank customer ${w}`, email: `bank-${w}@example.com`, externalRef: `bank-${w}` },
      });
      const wallet = await http(direct, 'POST', `/v1/customers/${customer.body.id}/wallets`, {
        token: admin,
        body: { currency: 'USD' },
      });
      const credit = await http(direct, 'POST', `/v1/wallets/${wallet.body.id}/credits`, {
        token: admin,
        key: `fund-${w}`,
        body: { amount: FUNDING, description: 'Merchant credit' },
      });
      expect(credit.status, JSON.stringify(credit.body)).toBe(201);
      acknowledged.set(credit.body.transaction.id, `fund-${w}`);
      wallets.push(wallet.body.id as string);
    }
    const credited = FUNDING * WALLETS;

    const figures = {
      dialect,
      seed: SEED,
      apiProcesses: cluster.size,
      clients: CLIENTS,
      transfers: 0,
      refusedTransfers: 0,
      requests: 0,
      retries: 0,
      serverErrors: 0,
      snapshotReads: 0,
      apiReads: 0,
      kills: 0,
      faults: cluster.faults(),
      violations: [] as string[],
      seconds: 0,
    };
    const violation = (what: string) => figures.violations.push(what);

    /** Every final answer (not a 5xx) each key got, as text: they must all be the same. */
    const answers = new Map<string, Set<string>>();
    /** Transfers debited or being debited whose credit is not acknowledged: amount by transfer. */
    const open = new Map<number, number>();
    let openSum = 0;
    const reads = new Set<{ maxOpen: number }>();
    const opened = (t: number, amount: number) => {
      open.set(t, amount);
      openSum += amount;
      for (const r of reads) r.maxOpen = Math.max(r.maxOpen, openSum);
    };
    const closed = (t: number) => {
      openSum -= open.get(t) ?? 0;
      open.delete(t);
    };

    /** Sends until answered (any status below 500), on a random process, same key every time. */
    const until = async (method: string, path: string, key?: string, body?: unknown): Promise<Answer> => {
      for (let attempt = 0; ; attempt++) {
        if (attempt > 0) figures.retries += 1;
        const target = Math.floor(random() * cluster!.size);
        await cluster!.up(target);
        figures.requests += 1;
        let answer: Answer;
        try {
          answer = await send(cluster!.proxyPort(target), method, path, admin, key, body);
        } catch {
          continue; // unanswered: dropped, reset, or the process died
        }
        if (answer.status >= 500) {
          figures.serverErrors += 1;
          continue;
        }
        if (key) {
          const seen = answers.get(key) ?? new Set<string>();
          seen.add(`${answer.status} ${answer.text}`);
          answers.set(key, seen);
        }
        return answer;
      }
    };

    /** One statement: a consistent snapshot of every wallet, checked against the open transfers. */
    const snapshot = async () => {
      const read = { maxOpen: openSum };
      reads.add(read);
      const row = await sql<{ total: number | string; low: number | string }>`
        select sum(balance) as total, min(balance) as low from wallets where reseller_id = ${resellerId}`
        .execute(db!.store.db)
        .then((r) => r.rows[0]!);
      reads.delete(read);
      figures.snapshotReads += 1;
      const total = Number(row.total);
      if (Number(row.low) < 0) violation(`a wallet was negative: ${row.low}`);
      if (total > credited) violation(`total ${total} above the ${credited} credited`);
      if (total < credited - read.maxOpen)
        violation(`total ${total} below ${credited} less the ${read.maxOpen} open in transfers`);
    };

    let next = 0;
    const killsAt = Array.from({ length: KILLS }, (_, k) => Math.floor((TRANSFERS * (k + 1)) / (KILLS + 1)));
    const crashes: Promise<void>[] = [];
    const client = async () => {
      while (next < TRANSFERS) {
        const t = next++;
        if (killsAt.includes(t)) crashes.push(cluster!.crash(killsAt.indexOf(t) % cluster!.size));
        const from = Math.floor(random() * WALLETS);
        const to = (from + 1 + Math.floor(random() * (WALLETS - 1))) % WALLETS;
        const amount = 1 + Math.floor(random() * 4_000);
        const reference = `bank-${SEED}-t${t}`;
        opened(t, amount);
        const debit = await until('POST', `/v1/wallets/${wallets[from]}/debits`, `${reference}-debit`, {
          amount,
          description: `Transfer ${t} out`,
          reference,
        });
        if (debit.status === 422 && JSON.parse(debit.text).error.code === 'insufficient_funds') {
          closed(t);
          figures.refusedTransfers += 1;
        } else if (debit.status !== 201) {
          violation(`transfer ${t}: debit answered ${debit.status} ${debit.text}`);
          closed(t);
        } else {
          acknowledged.set(JSON.parse(debit.text).transaction.id, `${reference}-debit`);
          const credit = await until('POST', `/v1/wallets/${wallets[to]}/credits`, `${reference}-credit`, {
            amount,
            description: `Transfer ${t} in`,
            reference,
          });
          if (credit.status !== 201)
            violation(`transfer ${t}: credit answered ${credit.status} ${credit.text}`);
          else acknowledged.set(JSON.parse(credit.text).transaction.id, `${reference}-credit`);
          closed(t);
          figures.transfers += 1;
        }
        await snapshot();
        if (t % 5 === 0) {
          const w = Math.floor(random() * WALLETS);
          const read = await until('GET', `/v1/wallets/${wallets[w]}`);
          figures.apiReads += 1;
          const wallet = JSON.parse(read.text);
          if (read.status !== 200) violation(`GET wallet ${w}: ${read.status}`);
          else if (wallet.balance < 0 || wallet.availableBalance < 0) violation(`wallet ${w} read negative`);
        }
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, client));
    await Promise.all(crashes);
    cluster.calm();

    // At the end, every transfer closed: exactly what was credited, each wallet its ledger's sum.
    await snapshot();
    const totals = await db.store.db
      .selectFrom('wallets')
      .select(['id', 'balance'])
      .where('reseller_id', '=', resellerId)
      .execute();
    expect(totals.reduce((sum, w) => sum + Number(w.balance), 0)).toBe(credited);
    const ledger = await db.store.db
      .selectFrom('ledger_entries')
      .select(['id', 'wallet_id', 'amount', 'reference'])
      .where('reseller_id', '=', resellerId)
      .execute();
    for (const w of totals) {
      const sum = ledger.filter((e) => e.wallet_id === w.id).reduce((s, e) => s + Number(e.amount), 0);
      if (sum !== Number(w.balance)) violation(`wallet ${w.id}: balance ${w.balance}, ledger ${sum}`);
    }
    const ids = ledger.map((e) => e.id);
    for (const id of acknowledged.keys())
      if (ids.filter((x) => x === id).length !== 1)
        violation(`acknowledged movement ${id} not once in the ledger`);
    for (const e of ledger)
      if (!acknowledged.has(e.id)) violation(`ledger row ${e.id} was never acknowledged`);
    const perReference = new Map<string, number>();
    for (const e of ledger)
      if (e.reference) perReference.set(e.reference, (perReference.get(e.reference) ?? 0) + 1);
    for (const [reference, count] of perReference)
      if (count !== 2) violation(`transfer ${reference} has ${count} ledger rows`);
    for (const [key, seen] of answers)
      if (seen.size !== 1) violation(`key ${key} answered ${seen.size} ways`);

    figures.kills = cluster.kills;
    figures.faults = cluster.faults();
    figures.seconds = Math.round((Date.now() - started) / 100) / 10;
    console.log(`bank test figures: ${JSON.stringify(figures)}`);
    if (REPORT) writeFileSync(`${REPORT}.${dialect}.json`, `${JSON.stringify(figures, null, 2)}\n`);
    expect(figures.violations).toEqual([]);
    // Faults drop or reset connections; none makes the API itself fail a request.
    expect(figures.serverErrors).toBe(0);
    expect(figures.transfers).toBeGreaterThan(0);
    expect(figures.kills).toBe(KILLS);
    expect(ledger.length).toBe(WALLETS + 2 * figures.transfers);
  }, 240_000);
});
