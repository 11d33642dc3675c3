import { cpSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Session, TopUpTrack } from '../../../src/shared/ipc-contract.js';
import { type CoreClient, demoUsdWallet, waitForStatus, waitUntil } from '../../support/core-client.js';
import { DesktopScene } from '../../support/desktop-scene.js';
import { pressSandboxButton } from '../../support/payments.js';

const ENDED = ['paid', 'failed', 'cancelled', 'expired'];

/**
 * A sandbox card top-up through the console, paid on the hosted page as a browser would; resolves
 * with where it ended: the payment, or the refusal the outbox got for it.
 */
async function sandboxTopUp(client: CoreClient, walletId: string, amount: number) {
  const queued = await client.invoke('top-ups:create', { walletId, amount, provider: 'sandbox' });
  const localId = String(queued.payload.localId);
  const track = (): Promise<TopUpTrack | null> => client.invoke('payments:get', { paymentId: localId });
  const started = await waitUntil(client, 'the top-up started, or refused', async (note) => {
    const t = await track();
    note(t);
    if (t?.kind === 'payment') return t;
    return t?.kind === 'queued' && t.item.error ? t : null;
  });
  if (started.kind !== 'payment' || started.payment.checkout?.kind !== 'redirect') return started;
  expect((await pressSandboxButton(started.payment.checkout.url, 'pay')).status).toBe(200);
  return waitUntil(client, 'the top-up ended', async (note) => {
    const t = await track();
    note(t?.kind === 'payment' ? t.payment.status : t);
    return t?.kind === 'payment' && ENDED.includes(t.payment.status) ? t : null;
  });
}

describe('local demo restarted on the same data folder', () => {
  /**
   * A demo's first run, once for the file: started (the demo seeded), a sandbox top-up paid (which
   * provisions the demo's sandbox secret, sealed with the credentials key), stopped. Each test
   * restarts its own copy of the folder.
   */
  const firstRun = new DesktopScene();
  let firstRunDir: string;
  /** The demo's USD wallet as the first run left it in the cache, the top-up credited. */
  let wallet: Awaited<ReturnType<typeof demoUsdWallet>>;
  beforeAll(async () => {
    firstRunDir = firstRun.dir('console');
    const first = await firstRun.core(firstRunDir);
    await first.core.start();
    const seeded = await demoUsdWallet(first.client);
    expect(await sandboxTopUp(first.client, seeded.id, 2_500)).toMatchObject({
      kind: 'payment',
      payment: { status: 'paid' },
    });
    wallet = await waitUntil(first.client, 'the first top-up credited in the cache', async (note) => {
      const w = await first.client.invoke('wallets:get', { walletId: seeded.id });
      note(w?.balance);
      return w && w.balance === seeded.balance + 2_500 ? w : null;
    });
    await first.core.stop();
  });
  afterAll(() => firstRun.close());

  let scene: DesktopScene;
  let dataDir: string;
  beforeEach(() => {
    scene = new DesktopScene();
    dataDir = scene.dir('console');
    cpSync(firstRunDir, dataDir, { recursive: true });
  });
  afterEach(() => scene.close());

  /**
   * The restarted core, its demo API loaded at once: nothing here is about the first screen, which
   * the last test covers (a renderer that never says so would hold the API back for seconds).
   */
  const restart = () => scene.core(dataDir, { firstScreenWaitMs: 0 });

  it('keeps the key its gateway secrets are sealed with: a sandbox top-up after the restart is credited', async () => {
    const second = await restart();
    await second.core.start();
    const before = (await demoUsdWallet(second.client)).balance;
    const after = await sandboxTopUp(second.client, wallet.id, 1_000);
    expect(after).toMatchObject({ kind: 'payment', payment: { status: 'paid', amount: 1_000 } });
    const credited = await waitUntil(second.client, 'the credited balance', async (note) => {
      const w = await second.client.invoke('wallets:get', { walletId: wallet.id });
      note(w?.balance);
      return w && w.balance === before + 1_000 ? w : null;
    });
    expect(credited.balance).toBe(before + 1_000);

    // The key lives with the data, readable by its owner only.
    const keyFile = join(dataDir, 'demo-api', 'billing.sqlite.credentials-key');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
  });

  it('a demo folder from before the key was kept (secrets sealed with a lost key) gets a sandbox that works again', async () => {
    // What earlier versions left behind: the sealed sandbox secret, and no key to open it.
    rmSync(join(dataDir, 'demo-api', 'billing.sqlite.credentials-key'));

    const second = await restart();
    await second.core.start();
    expect(await sandboxTopUp(second.client, wallet.id, 1_000)).toMatchObject({
      kind: 'payment',
      payment: { status: 'paid', amount: 1_000 },
    });
  });

  it('is signed in from its cache at once, loads its API once the first screen is shown, and syncs then', async () => {
    // No fallback within the test: only the renderer's word starts the API.
    const second = await scene.core(dataDir, { firstScreenWaitMs: 10 * 60_000 });
    const sessions: Session[] = [];
    second.client.on('session:changed', (session) => sessions.push(session));
    const starting = second.core.start();

    // Before the demo API has loaded (start() has not resolved): signed in as last time, the
    // wallets read from the cache, no API origin trusted yet, nothing syncing.
    expect(sessions).toEqual([
      expect.objectContaining({ state: 'signed_in', mode: 'demo', role: 'reseller_admin', apiUrl: null }),
    ]);
    expect(await second.client.invoke('wallets:list', {})).toContainEqual(
      expect.objectContaining({ id: wallet.id, balance: wallet.balance, currency: 'USD' }),
    );
    expect(await second.client.invoke('sync:status', {})).toMatchObject({ state: 'idle' });
    // The dashboard's lag monitor is answered from the cache too (gateway activity once connected):
    // a first screen waiting on the API would never be shown.
    expect(await second.client.invoke('sync:lag', {})).toMatchObject({ behind: 0, gateways: null });
    // A call that needs the API, made now, waits for it: the answer is the server's, not "offline".
    const options = second.client.invoke('top-ups:options', { walletId: wallet.id });

    // The renderer painted what it read: the API may load now (start() resolves once it is up).
    expect(await second.client.invoke('session:first-screen-shown', {})).toBeNull();
    await starting;
    expect(await options).toMatchObject({ offline: false, walletId: wallet.id });
    expect(sessions).toHaveLength(2);
    expect(sessions[1]).toMatchObject({
      state: 'signed_in',
      mode: 'demo',
      apiUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
    });
    expect(second.core.trustedOrigins()).toEqual([sessions[1]!.apiUrl]);
    await waitForStatus(second.client, (s) => s.state === 'online' && s.lastSyncedAt !== null);
  });
});
