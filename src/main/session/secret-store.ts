import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

/** Where the API credential lives between runs. It never reaches the renderer. */
export interface SecretStore {
  /** False where the credential can only be kept in memory (it is asked for again next run). */
  readonly persistent: boolean;
  load(): string | null;
  save(secret: string): void;
  clear(): void;
}

export class MemorySecretStore implements SecretStore {
  readonly persistent = false;
  private secret: string | null = null;
  load() {
    return this.secret;
  }
  save(secret: string) {
    this.secret = secret;
  }
  clear() {
    this.secret = null;
  }
}

/** The subset of Electron's safeStorage this needs (injected, so it is testable without Electron). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  getSelectedStorageBackend?(): string;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/**
 * Keeps the credential encrypted by the OS keychain (Electron safeStorage) in a file. Where only
 * the plain-text fallback exists (Linux without a keyring: backend "basic_text"), it refuses to
 * write anything and keeps the secret in memory for this run only.
 */
export class SafeSecretStore implements SecretStore {
  readonly persistent: boolean;
  private readonly memory = new MemorySecretStore();

  constructor(
    private readonly safe: SafeStorageLike,
    private readonly file: string,
  ) {
    const backend = safe.getSelectedStorageBackend?.();
    this.persistent = safe.isEncryptionAvailable() && backend !== 'basic_text' && backend !== 'unknown';
  }

  load(): string | null {
    if (!this.persistent) return this.memory.load();
    if (!existsSync(this.file)) return null;
    try {
      return this.safe.decryptString(readFileSync(this.file));
    } catch {
      return null;
    }
  }

  save(secret: string): void {
    if (!this.persistent) return this.memory.save(secret);
    writeFileSync(this.file, this.safe.encryptString(secret), { mode: 0o600 });
  }

  clear(): void {
    this.memory.clear();
    rmSync(this.file, { force: true });
  }
}
