import { afterEach, describe, expect, it, vi } from 'vitest';
import { FirstScreen } from './first-screen.js';

/** Whether the gate has opened by now (its waiters run before this check's own continuation). */
async function isOpen(gate: FirstScreen): Promise<boolean> {
  return Promise.race([gate.opened.then(() => true), Promise.resolve().then(() => false)]);
}

describe('FirstScreen', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('opens when the renderer says its first screen is shown, not before', async () => {
    vi.useFakeTimers();
    const gate = new FirstScreen();
    gate.wait(3_000);
    await vi.advanceTimersByTimeAsync(2_999);
    expect(await isOpen(gate)).toBe(false);
    gate.shown();
    expect(await isOpen(gate)).toBe(true);
    // The wait's timer was cleared with it: nothing is left to fire.
    expect(vi.getTimerCount()).toBe(0);
  });

  it('opens after the wait when no renderer says anything (a browser host nobody opened)', async () => {
    vi.useFakeTimers();
    const gate = new FirstScreen();
    gate.wait(3_000);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(await isOpen(gate)).toBe(true);
  });

  it('opens when the console stops, so that nothing waiting on it holds the stop up', async () => {
    const gate = new FirstScreen();
    gate.wait(60_000);
    gate.stop();
    expect(await isOpen(gate)).toBe(true);
  });
});
