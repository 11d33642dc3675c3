import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmbeddedApi, type EmbeddedApi } from '../embedded.js';

let dir: string;
let api: EmbeddedApi | null = null;
afterEach(async () => {
  await api?.close();
  api = null;
  rmSync(dir, { recursive: true, force: true });
});

/** GET as the demo's admin, signed in as the console signs in. */
async function asAdmin(embedded: EmbeddedApi, path: string): Promise<any> {
  const login = await fetch(`${embedded.url}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(embedded.credentials),
  });
  const { token } = (await login.json()) as { token: string };
  const reply = await fetch(`${embedded.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  expect(reply.status, path).toBe(200);
  return reply.json();
}

describe("the local demo's payments", () => {
  it('went through the sandbox gateway: paid ones credited as test top-ups, a declined and a processing one not; made on the first start only', async () => {
    dir = mkdtempSync(join(tmpdir(), 'demo-payments-'));
    api = await startEmbeddedApi({ dataDir: dir });

    const payments = (await asAdmin(api, '/v1/payments?limit=100')).items;
    expect(payments.map((p: any) => [p.status, p.currency, p.amount]).sort()).toEqual([
      ['failed', 'USD', 10_000],
      ['paid', 'EUR', 4_000],
      ['paid', 'USD', 2_500],
      ['processing', 'VND', 500_000],
    ]);
    for (const payment of payments) {
      expect(payment).toMatchObject({ provider: 'sandbox', test: true });
      if (payment.status !== 'paid') {
        expect(payment.transactionId).toBeNull();
        continue;
      }
      // Credited by the webhook's processing, as a gateway top-up of exactly the amount, to its wallet.
      const row = await asAdmin(api, `/v1/wallet-transactions/${payment.transactionId}`);
      expect(row).toMatchObject({
        type: 'top_up',
        amount: payment.amount,
        walletId: payment.walletId,
        relatedId: payment.id,
        test: true,
      });
      const wallet = await asAdmin(api, `/v1/wallets/${payment.walletId}`);
      const history = (await asAdmin(api, `/v1/wallets/${payment.walletId}/transactions?limit=500`)).items;
      expect(wallet.balance).toBe(history.reduce((sum: number, t: any) => sum + t.amount, 0));
    }
    // The declined card and the checkout still processing credited nothing.
    const walletsOf = (status: string) =>
      payments.filter((p: any) => p.status === status).map((p: any) => p.walletId);
    for (const walletId of [...walletsOf('failed'), ...walletsOf('processing')]) {
      const topUps = (await asAdmin(api, `/v1/wallets/${walletId}/transactions?type=top_up`)).items;
      expect(topUps).toEqual([]);
    }

    await api.close();
    api = await startEmbeddedApi({ dataDir: dir });
    expect((await asAdmin(api, '/v1/payments?limit=100')).items).toHaveLength(4);
  });
});
