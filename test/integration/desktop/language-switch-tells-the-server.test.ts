import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waitForStatus } from '../../support/core-client.js';
import { DesktopScene } from '../../support/desktop-scene.js';
import { http } from '../../support/http.js';
import type { Exchange, RecordingProxy } from '../../support/recording-proxy.js';
import { createReseller, customerWithWallet, get, post } from '../../support/tenant-over-http.js';

const PASSWORD = 'correct horse battery staple';

/** The console's language switch as the server learns it: PUT /v1/me/language, a preference. */
describe("desktop core: switching the language tells the server, for the person's emails", () => {
  let scene: DesktopScene;
  beforeEach(() => {
    scene = new DesktopScene();
  });
  afterEach(() => scene.close());

  /** A reseller, and a login of one of its customers, signed in to the console through `proxy`. */
  async function customerConsole() {
    const api = await scene.api();
    const acme = await createReseller(api.url, 'Acme Proxies');
    const { customerId } = await customerWithWallet(api.url, acme.apiKey, { name: 'Lan Nguyen', balance: 0 });
    const email = `lan-${Date.now()}@example.com`;
    await post(api.url, acme.apiKey, '/v1/users', {
      email,
      password: PASSWORD,
      role: 'customer',
      customerId,
    });
    const proxy = await scene.proxy(api.url);
    const dataDir = scene.dir('core');
    const { core, client } = await scene.core(dataDir);
    await client.invoke('session:connect', { method: 'password', url: proxy.url, email, password: PASSWORD });
    await waitForStatus(client, (s) => s.state === 'online');
    /** What the server holds now: the login's own language and its customer's. */
    const server = async () => {
      const session = await http<{ token: string }>(api.url, 'POST', '/v1/auth/login', {
        body: { email, password: PASSWORD },
      });
      const me = await get(api.url, session.body.token, '/v1/me');
      const customer = await get(api.url, acme.apiKey, `/v1/customers/${customerId}`);
      return { login: me.language, customer: customer.language };
    };
    return { api, proxy, core, client, dataDir, email, server };
  }

  const languageSent = (proxy: RecordingProxy, from: number, language: string) => (e: Exchange) =>
    e.order >= from &&
    e.method === 'PUT' &&
    e.path === '/v1/me/language' &&
    e.state === 'answered' &&
    e.status === 200 &&
    JSON.parse(e.body).language === language;

  it('online: the switch answers at once and the server then writes this person (and their customer) in it', async () => {
    const { proxy, client, server } = await customerConsole();
    expect(await server()).toEqual({ login: null, customer: null });

    const from = proxy.position;
    expect(await client.invoke('preferences:set-language', { language: 'vi' })).toEqual({ language: 'vi' });
    await proxy.waitFor(languageSent(proxy, from, 'vi'));
    expect(await server()).toEqual({ login: 'vi', customer: 'vi' });

    // Another choice is sent in turn (language-sync.test.ts: the same one twice is sent once).
    const again = proxy.position;
    await client.invoke('preferences:set-language', { language: 'en' });
    await proxy.waitFor(languageSent(proxy, again, 'en'));
    expect(await server()).toEqual({ login: 'en', customer: 'en' });
  });

  it('offline: the switch works and says nothing; the choice reaches the server when it answers again', async () => {
    const { api, proxy, client, server } = await customerConsole();
    await api.stop();
    await waitForStatus(client, (s) => s.state === 'offline');

    const from = proxy.position;
    expect(await client.invoke('preferences:set-language', { language: 'vi' })).toEqual({ language: 'vi' });
    expect(await client.invoke('preferences:language', {})).toEqual({ language: 'vi' });
    // It was tried and got no answer (the proxy answers 502 for the stopped API)…
    const tried = await proxy.waitFor((e) => e.order >= from && e.method === 'PUT' && e.state === 'failed');
    expect(tried.path).toBe('/v1/me/language');
    // …and the console tells nothing of it: the only error is the connection's own.
    const status = await client.invoke('sync:status', {});
    expect(status.error ?? '').not.toMatch(/language/i);

    await api.restart();
    await proxy.waitFor(languageSent(proxy, from, 'vi'));
    await waitForStatus(client, (s) => s.state === 'online');
    expect(await server()).toEqual({ login: 'vi', customer: 'vi' });
  });

  it('a language chosen on one console is the one the next console opens in for that person', async () => {
    const { proxy, client, email, server } = await customerConsole();
    const from = proxy.position;
    await client.invoke('preferences:set-language', { language: 'vi' });
    await proxy.waitFor(languageSent(proxy, from, 'vi'));
    expect(await server()).toEqual({ login: 'vi', customer: 'vi' });

    // Another computer: a console that never ran, signed in as the same person.
    const { client: other } = await scene.core(scene.dir('other-computer'));
    expect(await other.invoke('preferences:language', {})).toEqual({ language: null });
    const signIn = proxy.position;
    await other.invoke('session:connect', { method: 'password', url: proxy.url, email, password: PASSWORD });
    expect(await other.invoke('preferences:language', {})).toEqual({ language: 'vi' });
    await waitForStatus(other, (s) => s.state === 'online');
    // It is the server's own choice: nothing is sent back to it.
    expect(proxy.exchanges.filter((e) => e.order >= signIn && e.path === '/v1/me/language')).toEqual([]);

    // A choice made on this console afterwards is its own, and the server's again.
    const switched = proxy.position;
    await other.invoke('preferences:set-language', { language: 'en' });
    await proxy.waitFor(languageSent(proxy, switched, 'en'));
    expect(await server()).toEqual({ login: 'en', customer: 'en' });
  });

  it('a choice made offline in a console that is then closed is sent at the next sign-in', async () => {
    const { api, proxy, core, client, dataDir, email, server } = await customerConsole();
    await api.stop();
    await waitForStatus(client, (s) => s.state === 'offline');
    await client.invoke('preferences:set-language', { language: 'vi' });
    await proxy.waitFor((e) => e.method === 'PUT' && e.state === 'failed');
    await core.stop(); // the console is closed (stopping twice, as the scene does after, is safe)

    await api.restart();
    expect(await server()).toEqual({ login: null, customer: null });
    const from = proxy.position;
    // The console kept no credential (in memory only here): the person signs in again.
    const { client: reopened } = await scene.core(dataDir);
    await reopened.invoke('session:connect', {
      method: 'password',
      url: proxy.url,
      email,
      password: PASSWORD,
    });
    expect(await reopened.invoke('preferences:language', {})).toEqual({ language: 'vi' });
    await proxy.waitFor(languageSent(proxy, from, 'vi'));
    expect(await server()).toEqual({ login: 'vi', customer: 'vi' });
  });
});
