import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedReseller, startApi, type TestApi } from '../../../test/support/api.js';
import { RecordingProxy } from '../../../test/support/recording-proxy.js';
import type { Session } from '../../shared/ipc-contract.js';
import { MemorySecretStore } from './secret-store.js';
import { SessionManager } from './session-manager.js';

const PASSWORD = 'correct horse battery staple';

describe('the session manager against a hosted API', () => {
  let api: TestApi;
  let proxy: RecordingProxy;
  let dataDir: string;
  let changes: Session[];
  let session: SessionManager;

  beforeEach(async () => {
    api = await startApi('sqlite', { listen: true });
    proxy = await RecordingProxy.start(api.baseUrl);
    dataDir = mkdtempSync(join(tmpdir(), 'session-manager-'));
    changes = [];
    session = new SessionManager({
      dataDir,
      secrets: new MemorySecretStore(),
      onChanged: (s) => changes.push(s),
    });
  });

  afterEach(async () => {
    await session.stop();
    await proxy.close();
    await api.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const signIn = (email: string) =>
    session.connect({ method: 'password', url: proxy.url, email, password: PASSWORD });

  it('signs in as the account asked for last, even when signing out of the one before answers later', async () => {
    const first = await seedReseller(api.app, 'First');
    const second = await seedReseller(api.app, 'Second');
    await signIn(first.adminEmail);

    // Signing out waits for the API to forget the token; the user signs in elsewhere meanwhile.
    proxy.hold((e) => e.path === '/v1/auth/logout');
    const signingOut = session.signOut();
    const logout = await proxy.waitFor((e) => e.path === '/v1/auth/logout' && e.state === 'held');
    const signingIn = signIn(second.adminEmail);
    // The logout's answer comes late: after the sign-in if that goes ahead, or after a slow network's
    // two seconds if the sign-in waits for the sign-out.
    await Promise.race([signingIn, new Promise((resolve) => setTimeout(resolve, 2000))]);
    await proxy.forward(logout);
    await signingOut;
    const signedIn = await signingIn;

    expect(signedIn).toMatchObject({ state: 'signed_in', email: second.adminEmail, resellerName: 'Second' });
    expect(session.get()).toEqual(signedIn);
    expect(changes.at(-1)).toEqual(signedIn);
    expect(session.signedIn()?.account).toContain(second.resellerId);
  });
});
