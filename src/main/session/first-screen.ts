/**
 * How long start-up work the first screen does not need waits for the renderer to say that screen
 * is shown: long enough for a slow machine's first paint, short enough that a console nobody opens
 * (a browser host before its tab, a script waiting for READY) still syncs soon.
 */
export const FIRST_SCREEN_WAIT_MS = 3_000;

/**
 * Opens once the renderer's first screen is shown (its data read from the cache, painted), or after
 * a wait without word from it, or when the console stops. Loading the demo API takes seconds of CPU
 * and the search index may have a backlog to catch up: on two cores either one slowed the first
 * screen by half (issue 14: start in a second), and neither is needed to show it.
 */
export class FirstScreen {
  private open!: () => void;
  private timer: ReturnType<typeof setTimeout> | null = null;
  readonly opened: Promise<void> = new Promise((resolve) => (this.open = resolve));

  /** Starts the wait (the core is created); `shown()` or `stop()` may come first. */
  wait(ms = FIRST_SCREEN_WAIT_MS): void {
    // Unreferenced: a core created and never started or stopped does not stay alive for it.
    this.timer ??= setTimeout(() => this.shown(), ms).unref();
  }

  /** The renderer's first screen is shown. Any later word is ignored. */
  shown(): void {
    if (this.timer) clearTimeout(this.timer);
    this.open();
  }

  /** The console stops: whatever waits goes on (and finds it stopping) rather than holding it up. */
  stop(): void {
    this.shown();
  }
}
