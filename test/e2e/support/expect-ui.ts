import type { Locator } from 'playwright-core';
import { expect } from 'vitest';

/** How long the UI may take to reach a state (a sync, a reconnect) before the test fails. */
export const UI_TIMEOUT_MS = 20_000;

/** The visible text of every element the locator matches, joined; '' when there are none. */
export async function textOf(locator: Locator): Promise<string> {
  return (await locator.allInnerTexts()).join(' | ').replace(/\s+/g, ' ').trim();
}

/** Waits until the locator's text contains (string) or matches (RegExp) what is expected. */
export async function expectText(
  locator: Locator,
  expected: string | RegExp,
  timeout = UI_TIMEOUT_MS,
): Promise<void> {
  const poll = expect.poll(() => textOf(locator), { timeout, message: `text of ${locator.toString()}` });
  await (typeof expected === 'string' ? poll.toContain(expected) : poll.toMatch(expected));
}

/** Waits until the locator matches exactly `count` elements. */
export async function expectCount(locator: Locator, count: number, timeout = UI_TIMEOUT_MS): Promise<void> {
  await expect
    .poll(() => locator.count(), { timeout, message: `count of ${locator.toString()}` })
    .toBe(count);
}

/** Waits until the locator is visible (the first match, when several). */
export async function expectVisible(locator: Locator, timeout = UI_TIMEOUT_MS): Promise<void> {
  await locator.first().waitFor({ state: 'visible', timeout });
}

/** Waits until nothing the locator matches is visible. */
export async function expectHidden(locator: Locator, timeout = UI_TIMEOUT_MS): Promise<void> {
  await expect
    .poll(async () => (await locator.filter({ visible: true }).count()) === 0, {
      timeout,
      message: `${locator.toString()} to be hidden`,
    })
    .toBe(true);
}
