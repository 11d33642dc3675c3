import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { roleSchema } from '../../shared/api/auth.js';
import type { ChannelArgs, Language, Session } from '../../shared/ipc-contract.js';
import { createApiClient, type ApiClient } from '../api/client.js';
import { startEmbeddedApi, type EmbeddedApi } from './embedded-api.js';
import type { FirstScreen } from './first-screen.js';
import { LanguageSync } from './language-sync.js';
import { PreferenceStore, SIGNED_OUT_ACCOUNT } from './preferences.js';
import type { SecretStore } from './secret-store.js';

/** What is remembered about the connection between runs: nothing secret (see SecretStore). */
const connectionFileSchema = z.object({
  mode: z.enum(['demo', 'hosted']),
  apiUrl: z.string().nullable(),
  role: roleSchema,
  resellerId: z.string(),
  principalId: z.string(),
  resellerName: z.string().nullable(),
  email: z.string().nullable(),
  customerId: z.string().nullable(),
  /** Absent in files written before the console showed "Assigned to me". */
  userId: z.string().nullable().optional(),
});
type ConnectionFile = z.infer<typeof connectionFileSchema>;

export interface SignedIn {
  client: ApiClient;
  /** The API and principal the cache and outbox belong to. */
  account: string;
  /**
   * The demo resumed from its cache while the embedded API still loads: the console reads its cache
   * and queues writes, but nothing syncs yet, and the client's calls wait for the API.
   */
  connecting?: true;
}

/**
 * Who the console is signed in as, and where: the embedded demo API (first run) or a hosted one.
 * Credentials go to the SecretStore only; the renderer sees the Session summary.
 */
export class SessionManager {
  private session: Session = nobody('starting');
  private embedded: EmbeddedApi | null = null;
  private current: SignedIn | null = null;
  private readonly file: string;
  private readonly preferences: PreferenceStore;
  private readonly languageSync: LanguageSync;
  private stopping = false;
  /** The change under way (signing in or out): the next waits for it. */
  private changing: Promise<void> = Promise.resolve();
  private changes = 0;

  constructor(
    private readonly o: {
      dataDir: string;
      secrets: SecretStore;
      /** A resumed demo loads its API once this opens: the first screen reads the cache alone. */
      firstScreen?: FirstScreen;
      /** Called after every change, with the new connection (null when signed out). */
      onChanged(session: Session, signedIn: SignedIn | null): void;
      log?(message: string, error?: unknown): void;
    },
  ) {
    this.file = join(o.dataDir, 'connection.json');
    this.preferences = new PreferenceStore(o.dataDir);
    this.languageSync = new LanguageSync({ preferences: this.preferences, log: o.log ?? (() => undefined) });
  }

  /** The language the signed-in user chose (signed out: the last choice on this computer). */
  language(): Language | null {
    return this.preferences.language(this.current?.account ?? SIGNED_OUT_ACCOUNT);
  }

  /**
   * The person's choice, kept here at once (it works offline) and told to the server in the
   * background, for the emails it sends them: the answer does not wait for it.
   */
  setLanguage(language: Language): Language {
    // Also the signed-out default, so the connection screen opens in the language last used here.
    if (this.current) this.preferences.setLanguage(this.current.account, language);
    this.preferences.setLanguage(SIGNED_OUT_ACCOUNT, language);
    void this.languageSync.send(this.current);
    return language;
  }

  /**
   * Tells the server the signed-in account's language if it has not taken it yet (the console is
   * online again, or signed in); resolves once that is done or has failed quietly.
   */
  sendLanguage(): Promise<void> {
    return this.languageSync.send(this.current);
  }

  get(): Session {
    return this.session;
  }

  signedIn(): SignedIn | null {
    return this.current;
  }

  /** The renderer showed its first screen: what waited for it (the demo's API) may start. */
  firstScreenShown(): void {
    this.o.firstScreen?.shown();
  }

  /** Resumes the last connection; with none (first run) starts on the embedded demo. */
  async start(): Promise<void> {
    const saved = this.readFile();
    if (!saved || saved.mode === 'demo') return void (await this.useDemo(saved));
    const token = this.o.secrets.load();
    if (!token || !saved.apiUrl) return this.update(null, null);
    // Offline-first: trust what we knew; the sync engine finds out if the token stopped working.
    this.update(saved, token);
  }

  /**
   * Signs in to the embedded demo API, starting it first. With the demo's last connection given
   * (a restart), the console resumes it from the cache at once: loading the API takes seconds, and
   * the dashboard need not wait for it: the API loads once the first screen is shown (FirstScreen).
   */
  useDemo(resume?: ConnectionFile | null): Promise<Session> {
    return this.inTurn(() => this.signInToDemo(resume));
  }

  private async signInToDemo(resume?: ConnectionFile | null): Promise<Session> {
    const resuming = resume?.mode === 'demo' && !this.current;
    const signingIn = (async () => {
      if (resuming) await this.o.firstScreen?.opened;
      if (this.stopping) throw new Error('the console is closing');
      this.embedded ??= await startEmbeddedApi(this.o.dataDir);
      // Stopped while it loaded: stop() found nothing to close yet.
      if (this.stopping) {
        await this.stopEmbedded();
        throw new Error('the console is closing');
      }
      const { url, credentials } = this.embedded;
      return { url, login: await createApiClient(url, null).login(credentials.email, credentials.password) };
    })();
    if (resuming)
      this.resumeWhileConnecting(
        resume,
        signingIn.then(({ url, login }) => createApiClient(url, login.token)),
      );
    let signedIn: Awaited<typeof signingIn>;
    try {
      signedIn = await signingIn;
    } catch (error) {
      // Stopped before the API was up: the resumed session stays as it was; calls made on it fail.
      if (this.stopping) return this.session;
      throw error;
    }
    const { url, login } = signedIn;
    const me = await createApiClient(url, login.token).me();
    const file: ConnectionFile = {
      mode: 'demo',
      apiUrl: url,
      role: login.principal.role,
      resellerId: login.principal.resellerId!,
      principalId: login.principal.userId!,
      resellerName: me.reseller?.name ?? null,
      email: me.email,
      customerId: null,
      userId: login.principal.userId ?? null,
    };
    this.writeFile(file);
    this.preferences.adoptServerLanguage(accountOf(file), me.language);
    this.update(file, login.token, false);
    return this.session;
  }

  connect(input: ChannelArgs<'session:connect'>): Promise<Session> {
    return this.inTurn(() => this.signInToHosted(input));
  }

  private async signInToHosted(input: ChannelArgs<'session:connect'>): Promise<Session> {
    let token: string;
    if (input.method === 'password') {
      token = (await createApiClient(input.url, null).login(input.email, input.password)).token;
    } else {
      token = input.apiKey;
    }
    const me = await createApiClient(input.url, token).me();
    if (!me.principal.resellerId) throw new Error('the operator credential cannot be used in the console');
    const file: ConnectionFile = {
      mode: 'hosted',
      apiUrl: input.url.replace(/\/+$/, ''),
      role: me.principal.role,
      resellerId: me.principal.resellerId,
      principalId: me.principal.userId ?? me.principal.apiKeyId ?? 'unknown',
      resellerName: me.reseller?.name ?? null,
      email: me.email,
      customerId: me.principal.customerId ?? null,
      userId: me.principal.userId ?? null,
    };
    this.o.secrets.save(token);
    this.writeFile(file);
    // Before the session changes: the renderer then asks for this account's language.
    this.preferences.adoptServerLanguage(accountOf(file), me.language);
    await this.stopEmbedded();
    this.update(file, token);
    return this.session;
  }

  signOut(): Promise<Session> {
    return this.inTurn(() => this.signOutNow());
  }

  private async signOutNow(): Promise<Session> {
    const token = this.o.secrets.load();
    if (this.current && token?.startsWith('rs_')) await this.current.client.logout().catch(() => undefined);
    this.o.secrets.clear();
    const saved = this.readFile();
    // Signed out stays signed out across restarts (no silent return to the demo).
    if (saved)
      this.writeFile({ ...saved, mode: 'hosted', apiUrl: saved.mode === 'demo' ? null : saved.apiUrl });
    await this.stopEmbedded();
    this.update(null, null);
    return this.session;
  }

  /**
   * Runs a change of who is signed in once the one before it has ended, so they end in the order
   * they were asked. A sign-out whose logout answers late otherwise ended after the sign-in the user
   * made meanwhile, and cleared its token: the console showed nobody signed in.
   */
  private inTurn(change: () => Promise<Session>): Promise<Session> {
    // With none under way it starts at once: a resumed demo is signed in before start() returns.
    const turn = this.changes === 0 ? change() : this.changing.then(change);
    this.changes += 1;
    this.changing = turn.catch(() => undefined).then(() => void (this.changes -= 1));
    return turn;
  }

  /** The console is closing: no demo API starts from now on (see useDemo). */
  closing(): void {
    this.stopping = true;
    this.o.firstScreen?.stop();
  }

  async stop(): Promise<void> {
    this.closing();
    await this.stopEmbedded();
  }

  private async stopEmbedded() {
    const embedded = this.embedded;
    this.embedded = null;
    await embedded?.close();
  }

  /**
   * The demo's last sign-in, until the embedded API is up: its account (the cache it reads) is known
   * from the file; the client's calls wait for the API and its sign-in (useDemo then replaces it).
   */
  private resumeWhileConnecting(file: ConnectionFile, client: Promise<ApiClient>) {
    // Failing to start is useDemo's to report; a call made meanwhile gets the same error.
    client.catch(() => undefined);
    this.current = { client: callsOnceReady(client), account: accountOf(file), connecting: true };
    // Its old port is no page of ours any more: no API origin is trusted until the API is up.
    this.session = { ...sessionOf(file, true), apiUrl: null };
    this.o.onChanged(this.session, this.current);
  }

  private update(file: ConnectionFile | null, token: string | null, remembered = this.o.secrets.persistent) {
    if (file && token && file.apiUrl) {
      this.current = { client: createApiClient(file.apiUrl, token), account: accountOf(file) };
      this.session = sessionOf(file, remembered);
    } else {
      this.current = null;
      this.session = nobody('signed_out');
    }
    this.o.onChanged(this.session, this.current);
  }

  private readFile(): ConnectionFile | null {
    if (!existsSync(this.file)) return null;
    try {
      const parsed = connectionFileSchema.safeParse(JSON.parse(readFileSync(this.file, 'utf8')));
      return parsed.success ? parsed.data : null;
    } catch {
      return null; // unreadable: start as on first run
    }
  }

  private writeFile(file: ConnectionFile) {
    writeFileSync(this.file, JSON.stringify(file, null, 2));
  }
}

/** Demo: the embedded API's port changes per run, so the account is the demo itself. */
function accountOf(file: ConnectionFile): string {
  return `${file.mode === 'demo' ? 'demo' : file.apiUrl}|${file.resellerId}|${file.principalId}`;
}

function sessionOf(file: ConnectionFile, remembered: boolean): Session {
  return {
    state: 'signed_in',
    mode: file.mode,
    apiUrl: file.apiUrl,
    role: file.role,
    resellerName: file.resellerName,
    email: file.email,
    customerId: file.customerId,
    // A file from before userId was kept: its principal is the user, unless it was an API key.
    userId: file.userId ?? (file.principalId.startsWith('usr_') ? file.principalId : null),
    remembered: file.mode === 'demo' ? true : remembered,
  };
}

/**
 * A client whose every call waits for `ready` and then goes to it. Only its calls are forwarded:
 * `baseUrl` and `token` are not known yet (the sync engine, which reads them, starts with the real
 * client), and it is no promise itself (`then` is absent, so awaiting it does not wait).
 */
function callsOnceReady(ready: Promise<ApiClient>): ApiClient {
  return new Proxy({} as ApiClient, {
    get: (_target, name) => {
      if (name === 'then' || name === 'baseUrl' || name === 'token') return undefined;
      return (...args: unknown[]) =>
        ready.then((client) => (client[name as keyof ApiClient] as (...a: unknown[]) => unknown)(...args));
    },
  });
}

/** The session before anyone signed in: starting, or signed out. */
function nobody(state: 'starting' | 'signed_out'): Session {
  return {
    state,
    mode: null,
    apiUrl: null,
    role: null,
    resellerName: null,
    email: null,
    customerId: null,
    userId: null,
    remembered: false,
  };
}
