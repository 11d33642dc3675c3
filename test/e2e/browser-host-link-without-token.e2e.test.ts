import { describe, expect } from 'vitest';
import { expectHidden, expectText } from './support/expect-ui.js';
import { test } from './support/fixtures.js';

describe('opening the browser host without its access token', () => {
  test('says the link is missing its token (or has a stale one) and to open the URL npm start printed', async ({
    host,
    page,
    screenshot,
  }) => {
    const origin = new URL(await host.url()).origin;
    const problem = page.getByRole('alert');

    // The address without its #token=… fragment, as typed or bookmarked.
    await page.goto(`${origin}/`);
    await expectText(problem, 'This link is missing its access token');
    await expectText(
      problem,
      'Open the address that “npm start” printed in its terminal: it ends in #token=',
    );
    expect(await problem.textContent()).not.toMatch(/not answering/);
    // Trying again cannot help: no button offers it.
    await expectHidden(problem.getByRole('button', { name: 'Try again' }));
    await screenshot('missing-token');

    // A token from an earlier run: the core refuses it.
    await page.goto(`${origin}/#token=from-an-earlier-run`);
    await page.reload();
    await expectText(problem, 'The console did not accept this link');
    await expectText(problem, 'probably one from an earlier run');
    await screenshot('stale-token');
  });
});
