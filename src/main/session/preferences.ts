import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { languageSchema, type Language } from '../../shared/ipc-contract.js';

/**
 * Per-user display preferences, kept beside connection.json rather than in the cache: the cache may
 * be rebuilt from the server at any time, and a language choice is not the server's to know.
 * Keyed by the signed-in account (API, reseller, principal), so two people sharing a computer each
 * keep their own language; `signed-out` holds the choice made on the connection screen.
 */
const preferencesFileSchema = z.object({
  languages: z.record(z.string(), languageSchema),
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
    writeFileSync(this.file, JSON.stringify(saved, null, 2));
    return language;
  }

  private read(): PreferencesFile {
    if (!existsSync(this.file)) return { languages: {} };
    try {
      const parsed = preferencesFileSchema.safeParse(JSON.parse(readFileSync(this.file, 'utf8')));
      return parsed.success ? parsed.data : { languages: {} };
    } catch {
      return { languages: {} }; // unreadable: fall back to the default language
    }
  }
}
