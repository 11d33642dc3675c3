import { ApiError } from '../api/client.js';
import type { PreferenceStore } from './preferences.js';
import type { SignedIn } from './session-manager.js';

/**
 * Tells the billing API the language the signed-in person chose with the console's switch
 * (PUT /v1/me/language), so that the emails it sends them (and, for a customer's login, its
 * customer) are written in it. A preference, not a write the person waits for: the switch never
 * fails because of it, and nothing is shown when it cannot be sent. A choice not sent yet (offline,
 * the API down or still loading) stays in preferences.json and is sent again when the console is
 * next online: the sync engine's live stream reconnecting, or the next sign-in.
 */
export class LanguageSync {
  private sending: Promise<void> | null = null;
  /** Asked for while a send was under way: sent after it, for the account signed in by then. */
  private next: SignedIn | null = null;

  constructor(
    private readonly o: {
      preferences: PreferenceStore;
      log(message: string, error?: unknown): void;
    },
  ) {}

  /** Sends `signedIn`'s unsent choice, if it has one; never rejects. One send at a time. */
  send(signedIn: SignedIn | null): Promise<void> {
    if (!signedIn) return this.sending ?? Promise.resolve();
    this.next = signedIn;
    this.sending ??= (async () => {
      try {
        while (this.next) {
          const account = this.next;
          this.next = null;
          await this.sendOnce(account);
        }
      } catch (error) {
        this.o.log('could not tell the server the chosen language', error);
      } finally {
        this.sending = null;
      }
    })();
    return this.sending;
  }

  private async sendOnce({ client, account }: SignedIn): Promise<void> {
    const language = this.o.preferences.unsentLanguage(account);
    if (!language) return;
    try {
      await client.setMyLanguage(language);
      this.o.preferences.languageSent(account, language);
    } catch (error) {
      // An API key has no language of its own (403), and a server may refuse it for good: asking
      // again would only fail again. Anything else (offline, 5xx, an expired session) is tried later.
      if (error instanceof ApiError && error.permanent) {
        this.o.preferences.languageSent(account, language);
        this.o.log(`the server did not take this account's language (${error.message}); not asking again`);
      }
    }
  }
}
