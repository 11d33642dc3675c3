import { ChainSourceError } from '../gateways/crypto/http-chain-source.js';

/** A chain source that can say when the chain changed (HttpChainSource against the simulated chain). */
export interface ChainActivitySource {
  nextActivity(after: number | null, signal?: AbortSignal): Promise<number>;
}

export interface ChainActivityWatch {
  /** Stops watching; resolves once the loop has ended. */
  stop(): Promise<void>;
}

export interface ChainActivityWatchOptions {
  /** First wait after a failed request, doubled up to maxRetryMs. */
  retryMs?: number;
  maxRetryMs?: number;
  onError?: (error: unknown) => void;
  /** The source cannot tell (404): the interval of the events job stays the only way to learn. */
  onUnsupported?: () => void;
}

/**
 * Calls `onActivity` whenever the chain changed (a transfer sent, a block mined), so open crypto
 * invoices are re-read at once instead of at the events job's next tick. The tick stays: this only
 * makes it sooner. After a failure, it reconnects with backoff and calls `onActivity` once, since
 * something may have happened while it could not hear.
 */
export function watchChainActivity(
  source: ChainActivitySource,
  onActivity: () => void,
  options: ChainActivityWatchOptions = {},
): ChainActivityWatch {
  const controller = new AbortController();
  const { signal } = controller;
  const retryMs = options.retryMs ?? 500;
  const maxRetryMs = options.maxRetryMs ?? 30_000;

  const loop = async () => {
    let seen: number | null = null;
    let failures = 0;
    while (!signal.aborted) {
      try {
        const activity = await source.nextActivity(seen, signal);
        if (seen === null ? failures > 0 : activity !== seen) onActivity();
        seen = activity;
        failures = 0;
      } catch (error) {
        if (signal.aborted) return;
        if (error instanceof ChainSourceError && error.status === 404) {
          options.onUnsupported?.();
          return;
        }
        options.onError?.(error);
        failures += 1;
        seen = null;
        await pause(Math.min(maxRetryMs, retryMs * 2 ** (failures - 1)), signal);
      }
    }
  };
  const done = loop();
  return {
    async stop() {
      controller.abort();
      await done;
    },
  };
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(finish, ms);
    function finish() {
      clearTimeout(timer);
      signal.removeEventListener('abort', finish);
      resolve();
    }
    signal.addEventListener('abort', finish, { once: true });
  });
}
