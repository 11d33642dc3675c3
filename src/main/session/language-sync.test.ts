import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError, NetworkError, type ApiClient } from '../api/client.js';
import type { Language } from '../../shared/ipc-contract.js';
import { LanguageSync } from './language-sync.js';
import { PreferenceStore } from './preferences.js';

const ACCOUNT = 'https://api.example|rsl_1|usr_1';

/** A client whose PUT /v1/me/language answers what the test says, and records what it was sent. */
function fakeClient(answer: (language: Language) => Promise<unknown>) {
  const sent: Language[] = [];
  const client = {
    setMyLanguage: (language: Language) => {
      sent.push(language);
      return answer(language);
    },
  } as unknown as ApiClient;
  return { client, sent };
}

describe('LanguageSync', () => {
  let dir: string;
  let preferences: PreferenceStore;
  let logs: string[];
  let sync: LanguageSync;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'language-sync-'));
    preferences = new PreferenceStore(dir);
    logs = [];
    sync = new LanguageSync({ preferences, log: (message) => logs.push(message) });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("sends the account's choice once; the same choice again sends nothing, a new one is sent", async () => {
    const { client, sent } = fakeClient(async (language) => ({ language }));
    await sync.send({ client, account: ACCOUNT });
    expect(sent).toEqual([]); // nothing chosen yet: nothing to tell
    preferences.setLanguage(ACCOUNT, 'vi');
    await sync.send({ client, account: ACCOUNT });
    await sync.send({ client, account: ACCOUNT });
    preferences.setLanguage(ACCOUNT, 'vi');
    await sync.send({ client, account: ACCOUNT });
    expect(sent).toEqual(['vi']);
    preferences.setLanguage(ACCOUNT, 'en');
    await sync.send({ client, account: ACCOUNT });
    expect(sent).toEqual(['vi', 'en']);
    // Remembered across restarts: a new console has nothing left to send.
    await new LanguageSync({ preferences: new PreferenceStore(dir), log: () => undefined }).send({
      client,
      account: ACCOUNT,
    });
    expect(sent).toEqual(['vi', 'en']);
  });

  it('unreachable or failing for now: never rejects, and the choice is sent on a later try', async () => {
    let up = false;
    const { client, sent } = fakeClient(async (language) => {
      if (!up) throw new NetworkError('cannot reach https://api.example: ECONNREFUSED');
      return { language };
    });
    preferences.setLanguage(ACCOUNT, 'vi');
    await expect(sync.send({ client, account: ACCOUNT })).resolves.toBeUndefined();
    await sync.send({ client, account: ACCOUNT });
    up = true;
    await sync.send({ client, account: ACCOUNT });
    await sync.send({ client, account: ACCOUNT });
    expect(sent).toEqual(['vi', 'vi', 'vi']);
    expect(logs).toEqual([]);
  });

  it('a refusal that will not change (an API key has no language) is not asked again; a 5xx or 401 is', async () => {
    const answers = [
      new ApiError(503, 'unavailable', 'try later'),
      new ApiError(401, 'unauthorized', 'session expired'),
      new ApiError(403, 'forbidden', 'an API key has none'),
    ];
    const { client, sent } = fakeClient(async () => {
      throw answers.shift();
    });
    preferences.setLanguage(ACCOUNT, 'vi');
    for (let i = 0; i < 5; i++) await sync.send({ client, account: ACCOUNT });
    expect(sent).toEqual(['vi', 'vi', 'vi']);
    expect(logs).toEqual([expect.stringContaining('an API key has none')]);
  });

  it('one send at a time: a switch made while one is under way is sent after it', async () => {
    const answering: Array<() => void> = [];
    const { client, sent } = fakeClient(
      (language) => new Promise((resolve) => answering.push(() => resolve({ language }))),
    );
    preferences.setLanguage(ACCOUNT, 'vi');
    const first = sync.send({ client, account: ACCOUNT });
    preferences.setLanguage(ACCOUNT, 'en');
    const second = sync.send({ client, account: ACCOUNT });
    expect(sent).toEqual(['vi']); // 'en' waits for the answer to 'vi'
    answering.shift()!();
    await new Promise((resolve) => setImmediate(resolve));
    expect(sent).toEqual(['vi', 'en']);
    answering.shift()!();
    await Promise.all([first, second]);
    expect(preferences.unsentLanguage(ACCOUNT)).toBeNull();
  });
});
