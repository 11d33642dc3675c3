/**
 * The convergence test: a model-based test (fast-check) of several desktops signed in to one billing
 * API as one reseller, each behind a network of its own that goes down and up at random, writing
 * through their outboxes (customers, wallets, merchant credits, adjustments both ways, each through
 * the IPC channel a user's click would call) while another client changes the same records over
 * HTTP with the reseller's API key. When the dust settles (every network up, every outbox empty,
 * every cache at the feed's newest position: waited for as states, never for time):
 *
 * 1. every desktop's cache equals the server's view of that reseller, row for row (customers,
 *    wallets with their balances, every wallet's ledger rows);
 * 2. every write acknowledged (queued by a desktop, or answered over HTTP) is on the server exactly
 *    once, in the wallet it was made on, and nothing else is: each wallet's rows are exactly the
 *    model's, and its balance their sum;
 * 3. no queued write was refused (the model only makes writes the server must accept).
 *
 * Short form in `npm test`; the long form by environment: CONVERGE_RUNS (runs, default 3),
 * CONVERGE_ACTIONS (actions per run, default 30), CONVERGE_DESKTOPS (2 or 3, default 3),
 * CONVERGE_SEED (default 16), CONVERGE_SHRINK=1 to let fast-check shrink a failing run.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDesktopCore, type DesktopCore } from '../../src/main/core.js';
import { MemorySecretStore } from '../../src/main/session/secret-store.js';
import { isLocalId } from '../../src/main/outbox/outbox-store.js';
import type { WalletTransaction } from '../../src/shared/api/wallets.js';
import type { IpcResult } from '../../src/shared/ipc-contract.js';
import type { ApiProcess } from '../support/api-process.js';
import { cacheState, newestFeedPosition, serverState } from '../support/billing-state.js';
import { inProcessClient, waitUntil, waitUntilSettled, type CoreClient } from '../support/core-client.js';
import { CutProxy } from '../support/cut-proxy.js';
import { DesktopScene, TRUSTED_WINDOW } from '../support/desktop-scene.js';
import { http } from '../support/http.js';
import { createReseller, customerWithWallet } from '../support/tenant-over-http.js';

const RUNS = Number(process.env.CONVERGE_RUNS ?? 3);
const ACTIONS = Number(process.env.CONVERGE_ACTIONS ?? 30);
const DESKTOPS = Number(process.env.CONVERGE_DESKTOPS ?? 3);
const SEED = Number(process.env.CONVERGE_SEED ?? 16);
const SHRINK = process.env.CONVERGE_SHRINK === '1';
const CURRENCIES = ['USD', 'EUR', 'GBP'] as const;
/** Minor units a wallet made over HTTP starts with: room for negative adjustments. */
const OPENING = 20_000;

type Sender = typeof TRUSTED_WINDOW;
type Owner = 'http' | number;

interface ModelCustomer {
  email: string;
  owner: Owner;
  /** What its owner names it by: a server id (HTTP), or the local id the desktop was answered. */
  ref: string;
  currencies: string[];
}

interface ModelWallet {
  owner: Owner;
  ref: string;
  customerEmail: string;
  currency: string;
  /**
   * The least the wallet can hold on the server whatever order the queued writes arrive in: only
   * money the server has already acknowledged, less every negative adjustment made on it. A negative
   * adjustment is made only within it, so the server never refuses one.
   */
  floor: number;
  /** Every ledger row the wallet must end with: signed minor units and description. */
  rows: Array<{ type: string; amount: number; description: string }>;
}

interface Model {
  online: boolean[];
  customers: ModelCustomer[];
  wallets: ModelWallet[];
}

interface Desktop {
  core: DesktopCore<Sender>;
  client: CoreClient;
  proxy: CutProxy;
}

interface World {
  api: ApiProcess;
  apiKey: string;
  run: number;
  desktops: Desktop[];
  next: number;
}

const figures = {
  runs: 0,
  actions: 0,
  desktopWrites: 0,
  offlineWrites: 0,
  serverWrites: 0,
  skipped: 0,
  /** Refused `not_found`: made elsewhere (over HTTP, another desktop), not pulled here yet. */
  refusedNotPulled: 0,
  /** Refused `not_found`: created by this desktop, confirmed by the server, not pulled yet. */
  refusedOwnNotPulled: 0,
  cuts: 0,
  connectionsCut: 0,
  connectionsRefused: 0,
  cachesCompared: 0,
  rowsChecked: 0,
  violations: 0,
};

type Action =
  | { kind: 'offline'; d: number }
  | { kind: 'online'; d: number }
  | { kind: 'customer'; d: number }
  | { kind: 'wallet'; d: number; pick: number; currency: number }
  | { kind: 'credit'; d: number; pick: number; amount: number }
  | { kind: 'adjust'; d: number; pick: number; amount: number }
  | { kind: 'server-customer' }
  | { kind: 'server-credit'; pick: number; amount: number }
  | { kind: 'server-adjust'; pick: number; amount: number };

const desktop = fc.integer({ min: 0, max: DESKTOPS - 1 });
const pick = fc.nat({ max: 1000 });
const amount = fc.integer({ min: 1, max: 5_000 });
const signed = fc.integer({ min: -5_000, max: 5_000 }).filter((n) => n !== 0);

/** One action, weighted towards writes: a toggle of the network every few of them. */
const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 2, arbitrary: desktop.map((d) => ({ kind: 'offline' as const, d })) },
  { weight: 2, arbitrary: desktop.map((d) => ({ kind: 'online' as const, d })) },
  { weight: 1, arbitrary: desktop.map((d) => ({ kind: 'customer' as const, d })) },
  {
    weight: 2,
    arbitrary: fc
      .record({ d: desktop, pick, currency: fc.nat({ max: CURRENCIES.length - 1 }) })
      .map((a) => ({ kind: 'wallet' as const, ...a })),
  },
  {
    weight: 4,
    arbitrary: fc.record({ d: desktop, pick, amount }).map((a) => ({ kind: 'credit' as const, ...a })),
  },
  {
    weight: 4,
    arbitrary: fc
      .record({ d: desktop, pick, amount: signed })
      .map((a) => ({ kind: 'adjust' as const, ...a })),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'server-customer' as const }) },
  {
    weight: 2,
    arbitrary: fc.record({ pick, amount }).map((a) => ({ kind: 'server-credit' as const, ...a })),
  },
  {
    weight: 2,
    arbitrary: fc.record({ pick, amount: signed }).map((a) => ({ kind: 'server-adjust' as const, ...a })),
  },
);

async function act(model: Model, world: World, a: Action): Promise<void> {
  figures.actions += 1;
  const tag = () => `r${world.run}-${++world.next}`;
  switch (a.kind) {
    case 'offline': {
      // Going offline twice, or online twice, is no step at all.
      if (!model.online[a.d]) return skip();
      const { proxy, client } = world.desktops[a.d]!;
      proxy.cut();
      figures.cuts += 1;
      model.online[a.d] = false;
      // The desktop notices (its live stream broke): what it is asked next is queued offline.
      await waitUntil(client, `desktop ${a.d} offline`, async () => {
        const status = await client.invoke('sync:status', {});
        return status.state === 'offline' ? status : null;
      });
      return;
    }
    case 'online': {
      if (model.online[a.d]) return skip();
      const { proxy, client } = world.desktops[a.d]!;
      proxy.restore();
      model.online[a.d] = true;
      // The user's "Sync now": reconnect at once rather than at the end of the backoff.
      await client.invoke('sync:now', {});
      return;
    }
    case 'customer': {
      const { client } = world.desktops[a.d]!;
      const email = `${tag()}-d${a.d}@example.com`;
      const queued = await client.invoke('customers:create', { name: `Customer ${email}`, email });
      model.customers.push({ email, owner: a.d, ref: queued.customerId!, currencies: [] });
      desktopWrote(model, a.d);
      return;
    }
    case 'wallet': {
      const own = model.customers.filter((c) => c.owner === a.d);
      const customer = own[a.pick % Math.max(own.length, 1)];
      const currency = CURRENCIES[a.currency]!;
      // One wallet per currency per customer: the model never asks for a second.
      if (!customer || customer.currencies.includes(currency)) return skip();
      const answer = await world.desktops[a.d]!.client.call('wallets:create', {
        customerId: customer.ref,
        currency,
      });
      if (stillSyncing(world.desktops[a.d]!, customer.ref, answer)) return;
      if (!answer.ok)
        throw new Error(`wallets:create refused by desktop ${a.d}: ${JSON.stringify(answer.error)}`);
      customer.currencies.push(currency);
      model.wallets.push({
        owner: a.d,
        ref: answer.value.walletId!,
        customerEmail: customer.email,
        currency,
        floor: 0,
        rows: [],
      });
      desktopWrote(model, a.d);
      return;
    }
    case 'credit':
    case 'adjust': {
      const wallet = model.wallets[a.pick % Math.max(model.wallets.length, 1)];
      if (!wallet) return skip();
      // Another desktop's wallet is known here only by its server id, once that desktop's creation of
      // it was confirmed (its local id means nothing to this desktop).
      const walletId =
        wallet.owner === 'http' || wallet.owner === a.d
          ? wallet.ref
          : world.desktops[wallet.owner]!.core.outbox.resolve(wallet.ref);
      if (walletId === null || isLocalId(walletId)) return skip();
      const amount = a.kind === 'adjust' && a.amount < 0 && wallet.floor < -a.amount ? -a.amount : a.amount;
      const description = `${a.kind} ${tag()} by d${a.d}`;
      const { client } = world.desktops[a.d]!;
      const answer =
        a.kind === 'credit'
          ? await client.call('wallets:credit', {
              walletId,
              amount,
              description,
              confirmed: true,
            })
          : await client.call('wallets:adjust', {
              walletId,
              amount,
              reason: description,
              confirmed: true,
            });
      if (stillSyncing(world.desktops[a.d]!, walletId, answer)) return;
      if (!answer.ok) throw new Error(`${a.kind} refused by desktop ${a.d}: ${JSON.stringify(answer.error)}`);
      if (amount < 0) wallet.floor += amount;
      wallet.rows.push({ type: a.kind === 'credit' ? 'credit' : 'adjustment', amount, description });
      desktopWrote(model, a.d);
      return;
    }
    case 'server-customer': {
      const made = await customerWithWallet(world.api.url, world.apiKey, {
        name: `Customer ${tag()} over HTTP`,
        balance: OPENING,
      });
      const customer = await http(world.api.url, 'GET', `/v1/customers/${made.customerId}`, {
        token: world.apiKey,
      });
      model.customers.push({
        email: customer.body.email,
        owner: 'http',
        ref: made.customerId,
        currencies: ['USD'],
      });
      model.wallets.push({
        owner: 'http',
        ref: made.walletId,
        customerEmail: customer.body.email,
        currency: 'USD',
        floor: OPENING,
        rows: [{ type: 'credit', amount: OPENING, description: 'Initial balance' }],
      });
      figures.serverWrites += 1;
      return;
    }
    case 'server-credit':
    case 'server-adjust': {
      const wallet = model.wallets[a.pick % Math.max(model.wallets.length, 1)];
      if (!wallet) return skip();
      // A desktop's wallet, once the server has it: the HTTP client knows it by its server id.
      const walletId =
        wallet.owner === 'http' ? wallet.ref : world.desktops[wallet.owner]!.core.outbox.resolve(wallet.ref);
      if (walletId === null || isLocalId(walletId)) return skip();
      const credit = a.kind === 'server-credit';
      const amount = !credit && a.amount < 0 && wallet.floor < -a.amount ? -a.amount : a.amount;
      const description = `${a.kind} ${tag()}`;
      const reply = await http(
        world.api.url,
        'POST',
        `/v1/wallets/${walletId}/${credit ? 'credits' : 'adjustments'}`,
        {
          token: world.apiKey,
          key: `converge-${SEED}-${description.replace(/\W+/g, '-')}`,
          body: credit ? { amount, description } : { amount, reason: description },
        },
      );
      if (reply.status !== 201) throw new Error(`${a.kind}: ${reply.status} ${JSON.stringify(reply.body)}`);
      // Acknowledged by the server: money every later negative adjustment may count on.
      wallet.floor += amount;
      wallet.rows.push({ type: credit ? 'credit' : 'adjustment', amount, description });
      figures.serverWrites += 1;
      return;
    }
  }
}

/** Two customers with a funded USD wallet each, made over HTTP before the desktops sign in. */
async function seed(model: Model, world: World): Promise<void> {
  await act(model, world, { kind: 'server-customer' });
  await act(model, world, { kind: 'server-customer' });
  figures.actions -= 2;
}

/**
 * A write refused with `not_found` on a record the server has but this desktop's cache does not yet:
 * one made over HTTP or by another desktop that the feed has not brought here yet, or one this desktop created whose creation the
 * server confirmed (its local id now names a server id) before the pull that brings it. The console
 * refuses the click ("still syncing"); nothing is queued, so nothing is owed. Any other refusal fails.
 */
function stillSyncing(desktop: Desktop, ref: string, answer: IpcResult<unknown>): boolean {
  if (answer.ok || answer.error.code !== 'not_found') return false;
  const id = desktop.core.outbox.resolve(ref);
  if (id === null || isLocalId(id)) return false;
  if (isLocalId(ref)) figures.refusedOwnNotPulled += 1;
  else figures.refusedNotPulled += 1;
  return true;
}

function skip(): void {
  figures.skipped += 1;
}

function desktopWrote(model: Model, d: number): void {
  figures.desktopWrites += 1;
  if (!model.online[d]) figures.offlineWrites += 1;
}

async function openDesktop(scene: DesktopScene, api: ApiProcess, apiKey: string, name: string) {
  const proxy = await CutProxy.start(api.port);
  const core = await createDesktopCore<Sender>(
    {
      dataDir: scene.dir(name),
      secrets: new MemorySecretStore(),
      openExternal: async () => false,
      log: () => undefined,
    },
    (sender) => sender === TRUSTED_WINDOW,
  );
  const client = inProcessClient(core, TRUSTED_WINDOW);
  await client.invoke('session:connect', { method: 'api_key', url: proxy.url, apiKey });
  return { core, client, proxy };
}

/** Every network up, every outbox empty, every cache at the newest feed position. */
async function settle(world: World): Promise<void> {
  for (const { proxy } of world.desktops) proxy.restore();
  for (const [d, { client }] of world.desktops.entries()) {
    const items = await waitUntil(client, `desktop ${d}: online and its outbox sent`, async (note) => {
      const status = await client.invoke('sync:status', {});
      const list = await client.invoke('outbox:list', {});
      note({ status, outbox: list.map((i) => [i.kind, i.state, i.error]) });
      if (list.some((i) => i.state === 'rejected')) return list;
      // Still offline from a reconnect that raced the restore: the user's "Sync now", not the backoff.
      if (status.state === 'offline') await client.invoke('sync:now', {});
      return list.length === 0 && status.state !== 'offline' ? list : null;
    });
    expect(items, `desktop ${d}: no queued write refused`).toEqual([]);
  }
  const newest = await newestFeedPosition(world.api.url, world.apiKey);
  for (const { core, client } of world.desktops) {
    await waitUntilSettled(client, () => core.cache.cursor() >= newest);
    await core.engine()!.idle();
  }
}

async function checkConverged(model: Model, world: World): Promise<void> {
  const server = await serverState(world.api.url, world.apiKey);
  for (const [d, { client }] of world.desktops.entries()) {
    expect(await cacheState(client), `desktop ${d}'s cache equals the server`).toEqual(server);
    figures.cachesCompared += 1;
  }
  const emailOf = new Map(server.customers.map((c) => [c.id, c.email]));
  expect(server.customers.map((c) => c.email).sort()).toEqual(model.customers.map((c) => c.email).sort());
  const walletKey = (email: string | undefined, currency: string) => `${email} ${currency}`;
  expect(server.wallets.map((w) => walletKey(emailOf.get(w.customerId), w.currency)).sort()).toEqual(
    model.wallets.map((w) => walletKey(w.customerEmail, w.currency)).sort(),
  );
  const rowsOf = new Map<string, WalletTransaction[]>();
  for (const t of server.transactions) rowsOf.set(t.walletId, [...(rowsOf.get(t.walletId) ?? []), t]);
  const row = (r: { type: string; amount: number; description: string | null }) =>
    `${r.type} ${r.amount} ${r.description}`;
  for (const wallet of server.wallets) {
    const expected = model.wallets.find(
      (w) =>
        walletKey(w.customerEmail, w.currency) === walletKey(emailOf.get(wallet.customerId), wallet.currency),
    )!;
    const rows = rowsOf.get(wallet.id) ?? [];
    // Exactly once: the same rows, none missing, none doubled, none from nowhere.
    expect(
      rows.map(row).sort(),
      `the ledger of ${expected.customerEmail}'s ${wallet.currency} wallet`,
    ).toEqual(expected.rows.map(row).sort());
    expect(wallet.balance).toBe(expected.rows.reduce((sum, r) => sum + r.amount, 0));
    figures.rowsChecked += rows.length;
  }
}

describe('convergence: desktops offline and online at random while the server changes', () => {
  const scene = new DesktopScene();
  let api: ApiProcess;
  beforeAll(async () => {
    api = await scene.api();
  });
  afterAll(async () => {
    await scene.close();
    console.log(`convergence figures: ${JSON.stringify({ seed: SEED, desktops: DESKTOPS, ...figures })}`);
  });

  it(
    'every cache ends equal to the server, every acknowledged write applied exactly once',
    async () => {
      let run = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(action, { minLength: ACTIONS, maxLength: ACTIONS }), async (list) => {
          run += 1;
          // A reseller of its own per run: runs share the API process, never records.
          const { apiKey } = await createReseller(api.url, `Converge ${SEED} run ${run}`);
          const model: Model = { online: Array(DESKTOPS).fill(true), customers: [], wallets: [] };
          const world: World = { api, apiKey, run, desktops: [], next: 0 };
          await seed(model, world);
          try {
            for (let d = 0; d < DESKTOPS; d++)
              world.desktops.push(await openDesktop(scene, api, apiKey, `run${run}-desktop${d}`));
            await settle(world);
            for (const a of list) await act(model, world, a);
            await settle(world);
            await checkConverged(model, world);
            figures.runs += 1;
          } catch (error) {
            figures.violations += 1;
            throw error;
          } finally {
            for (const { core, proxy } of world.desktops) {
              figures.connectionsCut += proxy.counts.cut;
              figures.connectionsRefused += proxy.counts.refused;
              await core.stop();
              await proxy.close();
            }
          }
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: !SHRINK, verbose: 1 },
      );
    },
    // The long form sets its own bound through CONVERGE_RUNS × CONVERGE_ACTIONS.
    Math.max(60_000, RUNS * ACTIONS * 1_000),
  );
});
