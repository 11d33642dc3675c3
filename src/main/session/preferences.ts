import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { languageSchema, type Language } from '../../shared/ipc-contract.js';

/**
 * Per-user display preferences, kept beside connection.json rather than in the cache: the cache may
 * be rebuilt from the server at any time, and the choice is the person's, made here, even offline.
 * Keyed by the signed-in account (API, reseller, principal), so two people sharing a computer each
 * keep their own language; `signed-out` holds the choice made on the connection screen.
 *
 * The server is told each account's choice too (its emails follow it: language-sync.ts);
 * `sentLanguages` is what it last took, so a choice it has not is sent again later.
 */
const preferencesFileSchema = z.object({
  languages: z.record(z.string(), languageSchema),
  /** Absent in files written before the server was told. */
  sentLanguages: z.record(z.string(), languageSchema).default({}),
});
type PreferencesFile = z.infer<typeof preferencesFileSchema>;

export const SIGNED_OUT_ACCOUNT = 'signed-out';

export class PreferenceStore {
  private readonly file: string;

  constructor(dataDir: string) {
    this.file = join(dataDir, 'preferences.json');
  }

  language(account: string): Language | null {
    const saved = this.read();
    return saved.languages[account] ?? saved.languages[SIGNED_OUT_ACCOUNT] ?? null;
  }

  setLanguage(account: string, language: Language): Language {
    const saved = this.read();
    saved.languages[account] = language;
    this.write(saved);
    return language;
  }

  /**
   * The account's own choice that the server has not taken yet, if any. Only a choice made while
   * signed in to it counts: the signed-out fallback may be someone else's.
   */
  unsentLanguage(account: string): Language | null {
    const saved = this.read();
    const chosen = saved.languages[account];
    return chosen !== undefined && saved.sentLanguages[account] !== chosen ? chosen : null;
  }

  /**
   * The language the server holds for the account (chosen on another console, PUT /v1/me/language),
   * taken as this console's choice for it when none was made here: someone who chose Tiếng Việt
   * once finds it on every console they sign in to. A choice made here stays, and is sent.
   */
  adoptServerLanguage(account: string, language: Language | null): void {
    if (!language) return;
    const saved = this.read();
    if (saved.languages[account] !== undefined) return;
    saved.languages[account] = language;
    saved.sentLanguages[account] = language;
    this.write(saved);
  }

  /** The server took `language` for the account (or will never take one: an API key). */
  languageSent(account: string, language: Language): void {
    const saved = this.read();
    saved.sentLanguages[account] = language;
    this.write(saved);
  }

  private write(saved: PreferencesFile) {
    writeFileSync(this.file, JSON.stringify(saved, null, 2));
  }

  private read(): PreferencesFile {
    const none = { languages: {}, sentLanguages: {} };
    if (!existsSync(this.file)) return none;
    try {
      const parsed = preferencesFileSchema.safeParse(JSON.parse(readFileSync(this.file, 'utf8')));
      return parsed.success ? parsed.data : none;
    } catch {
      return none; // unreadable: fall back to the default language
    }
  }
}
