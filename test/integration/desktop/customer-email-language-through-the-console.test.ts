import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newestFeedPosition } from '../../support/billing-state.js';
import { waitUntil, waitUntilSettled } from '../../support/core-client.js';
import { DesktopScene } from '../../support/desktop-scene.js';
import { createReseller, customerWithWallet, get } from '../../support/tenant-over-http.js';

/** A reseller admin chooses the language of a customer's emails from the console. */
describe("desktop core: a customer's email language, set from the console", () => {
  let scene: DesktopScene;
  beforeEach(() => {
    scene = new DesktopScene();
  });
  afterEach(() => scene.close());

  it('a new customer is created with it through the outbox; an existing one gets it online', async () => {
    const api = await scene.api();
    const acme = await createReseller(api.url, 'Acme Proxies');
    const { customerId } = await customerWithWallet(api.url, acme.apiKey, { name: 'Ann Lee', balance: 0 });
    const { core, client } = await scene.core();
    await client.invoke('session:connect', { method: 'api_key', url: api.url, apiKey: acme.apiKey });
    const before = await newestFeedPosition(api.url, acme.apiKey);
    await waitUntilSettled(client, () => core.cache.cursor() >= before);

    const queued = await client.invoke('customers:create', {
      name: 'Nguyễn Văn Đức',
      email: 'duc@example.vn',
      language: 'vi',
    });
    expect(queued.payload).toMatchObject({ language: 'vi' });
    expect(await client.invoke('customers:get', { customerId: queued.customerId! })).toMatchObject({
      language: 'vi',
      languageSetBy: 'admin',
    });
    // Confirmed, and brought into the cache by the feed under its permanent id, with its language.
    const confirmed = await waitUntil(client, 'the confirmed customer in the cache', async () => {
      const found = await client.invoke('customers:search', { query: 'duc@example.vn', offset: 0, limit: 5 });
      const customer = found.items.find((c) => !c.pending);
      return customer?.language === 'vi' ? customer : null;
    });
    expect(confirmed).toMatchObject({ languageSetBy: 'admin' });
    const onServer = await get(api.url, acme.apiKey, `/v1/customers/${confirmed.id}`);
    expect(onServer).toMatchObject({ language: 'vi', languageSetBy: 'admin' });

    const saved = await client.invoke('customers:set-language', { customerId, language: 'vi' });
    expect(saved).toMatchObject({ id: customerId, language: 'vi', languageSetBy: 'admin', pending: false });
    expect(await client.invoke('customers:get', { customerId })).toMatchObject({ language: 'vi' });
    expect(await get(api.url, acme.apiKey, `/v1/customers/${customerId}`)).toMatchObject({ language: 'vi' });

    const cleared = await client.invoke('customers:set-language', { customerId, language: null });
    expect(cleared).toMatchObject({ language: null, languageSetBy: null });
    expect(await get(api.url, acme.apiKey, `/v1/customers/${customerId}`)).toMatchObject({ language: null });
  });
});
