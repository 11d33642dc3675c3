import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SafeSecretStore, type SafeStorageLike } from './secret-store.js';

/** Stands in for the OS keychain: reversible, and visibly not the plain text. */
function fakeSafeStorage(backend: string, available = true): SafeStorageLike {
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString: (plain) => Buffer.from(plain, 'utf8').reverse(),
    decryptString: (encrypted) => Buffer.from(encrypted).reverse().toString('utf8'),
  };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rc-secrets-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('SafeSecretStore', () => {
  it('keeps the credential encrypted on disk across instances', () => {
    const file = join(dir, 'credential.bin');
    new SafeSecretStore(fakeSafeStorage('gnome_libsecret'), file).save('rs_secret-token');
    expect(readFileSync(file).toString('utf8')).not.toContain('rs_secret-token');
    const again = new SafeSecretStore(fakeSafeStorage('gnome_libsecret'), file);
    expect(again.persistent).toBe(true);
    expect(again.load()).toBe('rs_secret-token');
    again.clear();
    expect(existsSync(file)).toBe(false);
  });

  it.each([
    ['basic_text', true],
    ['gnome_libsecret', false],
  ])(
    'refuses to write anything where only plain text is available (%s, encryption %s)',
    (backend, available) => {
      const file = join(dir, 'credential.bin');
      const store = new SafeSecretStore(fakeSafeStorage(backend, available), file);
      expect(store.persistent).toBe(false);
      store.save('rs_secret-token');
      expect(existsSync(file)).toBe(false);
      // It still works for this run, from memory.
      expect(store.load()).toBe('rs_secret-token');
    },
  );
});
