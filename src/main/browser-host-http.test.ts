import { describe, expect, it } from 'vitest';
import { decodedPath } from './browser-host-http.js';
import { parseIpcMessage } from './browser-host-ipc.js';

const ORIGIN = 'http://127.0.0.1:41234';

describe('decodedPath', () => {
  it.each([
    ['/', '/'],
    ['/assets/index-abc.js', '/assets/index-abc.js'],
    ['/assets/a%20b.css?x=1', '/assets/a b.css'],
    ['/%C3%A9t%C3%A9.png', '/été.png'],
  ])('reads %s as %s', (target, path) => {
    expect(decodedPath(target, ORIGIN)).toBe(path);
  });

  it.each([
    '/%E0%A4%A',
    '/%',
    '/%ZZ',
    '/%C0%AF',
    '/%FF',
    '/%ED%A0%80',
    '/a%00.html',
    '*',
    'http://evil.example/',
    '//evil.example/x',
    undefined,
  ])('refuses %s', (target) => {
    expect(decodedPath(target, ORIGIN)).toBeNull();
  });
});

describe('parseIpcMessage', () => {
  const text = (value: string) => parseIpcMessage(Buffer.from(value), false);

  it('reads an invoke, leaving its channel and input to the dispatcher', () => {
    expect(text('{"type":"invoke","id":7,"channel":"nope","input":[1]}')).toEqual({
      ok: true,
      value: { type: 'invoke', id: 7, channel: 'nope', input: [1] },
    });
  });

  it.each([
    '',
    'null',
    '[]',
    '"invoke"',
    '{"type":"invoke"}',
    '{"type":"invoke","id":-1}',
    '{"type":"x","id":1}',
  ])('closes with 1003 on %j', (raw) => {
    expect(text(raw)).toMatchObject({ ok: false, code: 1003 });
  });

  it('closes with 1003 on a binary message', () => {
    expect(parseIpcMessage(Buffer.from('{"type":"invoke","id":1}'), true)).toMatchObject({
      ok: false,
      code: 1003,
      reason: 'binary messages are not accepted',
    });
  });
});
