import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import type { Api } from '../context.js';
import { openStore, type Store } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { seedDemo } from './seed.js';

const ADMIN = { email: 'admin@demo.reseller.local', password: 'demo-password-0123456789' };

let store: Store;
let app: Api;
afterEach(async () => {
  await app.close();
  await store.close();
});

async function asAdmin(url: string): Promise<any> {
  const login = await app.inject({ method: 'POST', url: '/v1/auth/login', payload: ADMIN });
  const token = (login.json() as { token: string }).token;
  const reply = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
  expect(reply.statusCode, reply.body).toBe(200);
  return reply.json();
}

describe('the local demo', () => {
  it("is in test mode: its admin's sandbox test gateway is on and offered", async () => {
    store = openStore('sqlite::memory:');
    await migrateToLatest(store);
    await seedDemo(store, ADMIN);
    app = await buildApp({ store });
    await app.ready();

    const settings = await asAdmin('/v1/payment-settings');
    expect(settings.testModeAllowed).toBe(true);
    expect(settings.methods.find((m: { provider: string }) => m.provider === 'sandbox')).toMatchObject({
      enabled: true,
      available: true,
    });
  });
});
