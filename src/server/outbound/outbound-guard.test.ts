import type { LookupAddress } from 'node:dns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendJson, startLoopbackServer } from '../../../test/support/emulators/loopback-server.js';
import { OutboundGuard, OutboundRefusedError, type Resolve } from './guarded-fetch.js';

/** Names the tests resolve themselves; nothing here ever asks a real DNS server or leaves 127.0.0.1. */
const NAMES: Record<string, LookupAddress[]> = {
  'bank.example': [{ address: '127.0.0.1', family: 4 }],
  'metadata.example': [{ address: '169.254.169.254', family: 4 }],
  'intranet.example': [{ address: '10.1.2.3', family: 4 }],
  'v6-loopback.example': [{ address: '::1', family: 6 }],
  'mapped.example': [{ address: '::ffff:127.0.0.1', family: 6 }],
  // One public and one loopback answer: the loopback one must not be reachable by retrying.
  'rebind.example': [
    { address: '93.184.216.34', family: 4 },
    { address: '127.0.0.1', family: 4 },
  ],
};
const asked: string[] = [];
const resolve: Resolve = async (hostname) => {
  asked.push(hostname);
  const addresses = NAMES[hostname];
  if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
  return addresses;
};

describe('the outbound-URL guard', () => {
  /** A gateway on loopback that counts every request it gets. */
  let target: { url: string; port: string; hits: string[]; close: () => Promise<void> };
  /** A second one, only ever named in a redirect. */
  let other: { url: string; hits: string[]; close: () => Promise<void> };

  beforeAll(async () => {
    const hits: string[] = [];
    const server = await startLoopbackServer((request, _body, response) => {
      hits.push(request.url ?? '');
      if (request.url === '/redirect-metadata') {
        response.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data' }).end();
      } else if (request.url === '/redirect-loopback') {
        response.writeHead(307, { location: `${other.url}/` }).end();
      } else if (request.url === '/big') {
        sendJson(response, 200, { pad: 'x'.repeat(5_000) });
      } else if (request.url === '/big-chunked') {
        response.writeHead(200, { 'content-type': 'application/json' });
        for (let i = 0; i < 10; i++) response.write('x'.repeat(500));
        response.end();
      } else if (request.url === '/silent') {
        // Never answers: the guard's deadline ends it.
      } else {
        sendJson(response, 200, { ok: true, method: request.method, token: request.headers['pay2s-token'] });
      }
    });
    target = { ...server, port: new URL(server.url).port, hits };
    const otherHits: string[] = [];
    const second = await startLoopbackServer((request, _body, response) => {
      otherHits.push(request.url ?? '');
      sendJson(response, 200, {});
    });
    other = { ...second, hits: otherHits };
  });
  afterAll(async () => {
    await target.close();
    await other.close();
  });

  const strict = new OutboundGuard({ allowPrivateNetworks: false, resolve });
  const onPremise = new OutboundGuard({ allowPrivateNetworks: true, resolve, maxResponseBytes: 1_000 });
  /** Its deadline is short: the request it is given is never answered. */
  const impatient = new OutboundGuard({ allowPrivateNetworks: true, resolve, timeoutMs: 200 });

  const FORBIDDEN: Array<[what: string, url: string, reason: RegExp]> = [
    ['plain http', 'http://api.pay2s.vn/', /https/],
    ['cloud metadata over http', 'http://169.254.169.254/latest/meta-data', /https/],
    ['cloud metadata', 'https://169.254.169.254/latest/meta-data', /link-local/],
    ['loopback', 'https://127.0.0.1/', /loopback/],
    ['loopback, elsewhere in 127/8', 'https://127.10.20.30/', /loopback/],
    ['10/8', 'https://10.0.0.1/', /private network/],
    ['172.16/12', 'https://172.16.5.4/', /private network/],
    ['172.16/12, its last address', 'https://172.31.255.255/', /private network/],
    ['192.168/16', 'https://192.168.1.1/', /private network/],
    ['CGNAT 100.64/10', 'https://100.64.0.1/', /carrier-grade NAT/],
    ['unspecified', 'https://0.0.0.0/', /unspecified/],
    ['multicast', 'https://224.0.0.1/', /multicast/],
    ['broadcast', 'https://255.255.255.255/', /broadcast/],
    ['reserved 240/4', 'https://240.0.0.1/', /reserved/],
    ['documentation', 'https://192.0.2.10/', /documentation/],
    ['decimal IPv4', 'https://2130706433/', /127\.0\.0\.1.*loopback/],
    ['hex IPv4', 'https://0x7f.1/', /127\.0\.0\.1.*loopback/],
    ['octal IPv4', 'https://017700000001/', /127\.0\.0\.1.*loopback/],
    ['short IPv4', 'https://127.1/', /loopback/],
    ['one hex number', 'https://0x7f000001/', /127\.0\.0\.1.*loopback/],
    ['a trailing dot', 'https://127.0.0.1./', /loopback/],
    ['percent-encoded digits', 'https://%31%32%37.0.0.1/', /127\.0\.0\.1.*loopback/],
    ['full-width dots', 'https://127\u30020\u30020\u30021/', /127\.0\.0\.1.*loopback/],
    ['IPv4-translated', 'https://[::ffff:0:127.0.0.1]/', /loopback address, in IPv4-translated/],
    ['decimal metadata', 'https://2852039166/', /169\.254\.169\.254.*link-local/],
    ['IPv6 loopback', 'https://[::1]/', /loopback/],
    ['IPv6 unspecified', 'https://[::]/', /unspecified/],
    ['IPv6 unique-local', 'https://[fd12:3456::1]/', /unique-local/],
    ['IPv6 link-local', 'https://[fe80::1]/', /link-local/],
    ['IPv6 multicast', 'https://[ff02::1]/', /multicast/],
    ['IPv4-mapped, dotted', 'https://[::ffff:127.0.0.1]/', /loopback address, in IPv4-mapped/],
    ['IPv4-mapped, hex', 'https://[::ffff:7f00:1]/', /loopback address, in IPv4-mapped/],
    ['IPv4-mapped metadata', 'https://[::ffff:169.254.169.254]/', /link-local address .*, in IPv4-mapped/],
    ['IPv4-mapped 10/8', 'https://[::ffff:a00:1]/', /private network.*IPv4-mapped/],
    ['NAT64 of metadata', 'https://[64:ff9b::a9fe:a9fe]/', /link-local address .*, in NAT64/],
    ['6to4 of 10.0.0.1', 'https://[2002:a00:1::1]/', /private network.*6to4/],
    ['Teredo', 'https://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/', /Teredo/],
    ['localhost', 'https://localhost/', /loopback name/],
    ['localhost, upper case with a dot', 'https://LOCALHOST./', /loopback name/],
    ['a .localhost name', 'https://api.localhost/', /loopback name/],
    ['a user name and password', 'https://user:secret@api.pay2s.vn/', /user name/],
    ['another scheme', 'file:///etc/passwd', /https/],
    ['not a URL', 'api.pay2s.vn', /not a URL/],
  ];

  it.each(FORBIDDEN)('refuses %s when saved and when requested (%s)', async (_what, url, reason) => {
    const saved = strict.check(url);
    expect(saved.ok).toBe(false);
    expect(saved.ok ? '' : saved.reason).toMatch(reason);
    await expect(strict.fetch(url)).rejects.toThrow(OutboundRefusedError);
  });

  it('accepts a public https URL when saved (nothing is requested to say so)', () => {
    expect(strict.check('https://api.pay2s.vn')).toMatchObject({ ok: true });
    expect(strict.check('https://[2606:4700::1111]/chain')).toMatchObject({ ok: true });
    expect(strict.check('https://8.8.8.8/')).toMatchObject({ ok: true });
  });

  it('makes no request to a loopback gateway, however its address is written or resolved', async () => {
    const port = target.port;
    const urls = [
      `https://127.0.0.1:${port}/`,
      `http://127.0.0.1:${port}/`,
      `https://2130706433:${port}/`,
      `https://0x7f.1:${port}/`,
      `https://[::ffff:127.0.0.1]:${port}/`,
      `https://localhost:${port}/`,
      // Names whose addresses are only known at connect time.
      `https://bank.example:${port}/`,
      `https://mapped.example:${port}/`,
      `https://v6-loopback.example:${port}/`,
      `https://rebind.example:${port}/`,
      `https://metadata.example:${port}/latest/meta-data`,
      `https://intranet.example:${port}/`,
    ];
    for (const url of urls) {
      await expect(strict.fetch(url), url).rejects.toThrow(OutboundRefusedError);
    }
    await expect(strict.fetch(`https://bank.example:${port}/`)).rejects.toThrow(
      /bank\.example resolves to an address that is a loopback address/,
    );
    expect(asked).toEqual(expect.arrayContaining(['bank.example', 'rebind.example', 'metadata.example']));
    expect(target.hits).toEqual([]);
  });

  it('with OUTBOUND_ALLOW_PRIVATE_NETWORKS, reaches a loopback gateway, by address or by a name resolved at connect time', async () => {
    const direct = await onPremise.fetch(`${target.url}/userapi/transactions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'pay2s-token': 'api-token' },
      body: '{}',
    });
    expect(direct.status).toBe(200);
    expect(await direct.json()).toEqual({ ok: true, method: 'POST', token: 'api-token' });
    const named = await onPremise.fetch(`http://bank.example:${target.port}/by-name`);
    expect(await named.json()).toMatchObject({ ok: true });
    expect(target.hits).toEqual(['/userapi/transactions', '/by-name']);
  });

  it('even then, refuses link-local (cloud metadata), multicast and reserved targets', async () => {
    for (const url of [
      'http://169.254.169.254/latest/meta-data',
      'http://[fe80::1]/',
      'http://224.0.0.1/',
      'http://[::ffff:169.254.169.254]/',
    ]) {
      expect(onPremise.check(url).ok, url).toBe(false);
      await expect(onPremise.fetch(url), url).rejects.toThrow(OutboundRefusedError);
    }
    await expect(onPremise.fetch(`http://metadata.example:${target.port}/`)).rejects.toThrow(/link-local/);
    expect(target.hits).toEqual(['/userapi/transactions', '/by-name']);
  });

  it('does not follow a redirect, to a private address or anywhere else', async () => {
    await expect(onPremise.fetch(`${target.url}/redirect-metadata`)).rejects.toThrow(
      /answered 302; redirects are not followed/,
    );
    await expect(onPremise.fetch(`${target.url}/redirect-loopback`)).rejects.toThrow(
      /answered 307; redirects are not followed/,
    );
    expect(other.hits).toEqual([]);
  });

  it('refuses an answer larger than the cap, declared or streamed, and gives up on one that never comes', async () => {
    await expect(onPremise.fetch(`${target.url}/big`)).rejects.toThrow(/larger than 1000 bytes/);
    await expect(onPremise.fetch(`${target.url}/big-chunked`)).rejects.toThrow(/larger than 1000 bytes/);
    await expect(impatient.fetch(`${target.url}/silent`)).rejects.toThrow(/timeout|aborted/i);
  });
});
