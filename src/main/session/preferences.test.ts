import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PreferenceStore, SIGNED_OUT_ACCOUNT } from './preferences.js';

describe('PreferenceStore', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'prefs-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps each account its own language, across restarts', () => {
    new PreferenceStore(dir).setLanguage('https://api.example|r1|u1', 'vi');
    new PreferenceStore(dir).setLanguage('https://api.example|r1|u2', 'en');
    const reopened = new PreferenceStore(dir);
    expect(reopened.language('https://api.example|r1|u1')).toBe('vi');
    expect(reopened.language('https://api.example|r1|u2')).toBe('en');
  });

  it('has no language until one is chosen; an account without one gets the last choice signed out', () => {
    const store = new PreferenceStore(dir);
    expect(store.language('demo|r1|u1')).toBeNull();
    store.setLanguage(SIGNED_OUT_ACCOUNT, 'vi');
    expect(store.language('demo|r1|u1')).toBe('vi');
  });

  it("takes the server's language for an account that made no choice here, and keeps one made here", () => {
    const store = new PreferenceStore(dir);
    store.adoptServerLanguage('https://api.example|r1|u1', 'vi');
    expect(store.language('https://api.example|r1|u1')).toBe('vi');
    // The server's own choice: nothing to send back.
    expect(store.unsentLanguage('https://api.example|r1|u1')).toBeNull();

    store.setLanguage('https://api.example|r1|u2', 'en');
    store.adoptServerLanguage('https://api.example|r1|u2', 'vi');
    expect(store.language('https://api.example|r1|u2')).toBe('en');
    store.adoptServerLanguage('https://api.example|r1|u3', null);
    expect(store.language('https://api.example|r1|u3')).toBeNull();
  });

  it('treats an unreadable file as no choice rather than failing to start', () => {
    writeFileSync(join(dir, 'preferences.json'), '{"languages":{"a":"klingon"}}');
    expect(new PreferenceStore(dir).language('a')).toBeNull();
    writeFileSync(join(dir, 'preferences.json'), 'not json');
    expect(new PreferenceStore(dir).language('a')).toBeNull();
  });
});

describe('PreferenceStore: what the server has been told', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'prefs-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("an account's own choice is unsent until the server took it; the signed-out choice is never sent", () => {
    const store = new PreferenceStore(dir);
    store.setLanguage(SIGNED_OUT_ACCOUNT, 'vi');
    expect(store.unsentLanguage('demo|r1|u1')).toBeNull();
    store.setLanguage('demo|r1|u1', 'vi');
    expect(store.unsentLanguage('demo|r1|u1')).toBe('vi');
    store.languageSent('demo|r1|u1', 'vi');
    expect(new PreferenceStore(dir).unsentLanguage('demo|r1|u1')).toBeNull();
    store.setLanguage('demo|r1|u1', 'en');
    expect(store.unsentLanguage('demo|r1|u1')).toBe('en');
  });

  it('a file from before the server was told keeps its choices, as not sent yet', () => {
    writeFileSync(join(dir, 'preferences.json'), '{"languages":{"a":"vi"}}');
    const store = new PreferenceStore(dir);
    expect(store.language('a')).toBe('vi');
    expect(store.unsentLanguage('a')).toBe('vi');
  });
});
