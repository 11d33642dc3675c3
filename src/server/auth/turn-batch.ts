/**
 * Look-ups asked for in the same event-loop turn answered by ONE query: requests that arrive
 * together (parsed in the same I/O phase) each ask for their key, and after that phase
 * (setImmediate) the loader runs once with every distinct key asked. A lone request waits for no
 * timer, only for the end of the turn it arrived in. Nothing is kept after the answer: each turn
 * reads afresh, so what a look-up sees is never older than the turn its request arrived in.
 */
export class TurnBatch<V> {
  private waiting = new Map<
    string,
    Array<{ resolve(value: V | undefined): void; reject(error: unknown): void }>
  >();
  private scheduled = false;

  constructor(
    /** The values found for `keys` (a key found nowhere is simply missing from the map). */
    private readonly load: (keys: string[]) => Promise<Map<string, V>>,
  ) {}

  get(key: string): Promise<V | undefined> {
    return new Promise((resolve, reject) => {
      const callers = this.waiting.get(key);
      if (callers) callers.push({ resolve, reject });
      else this.waiting.set(key, [{ resolve, reject }]);
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    const batch = this.waiting;
    this.waiting = new Map();
    this.scheduled = false;
    try {
      const found = await this.load([...batch.keys()]);
      for (const [key, callers] of batch) for (const c of callers) c.resolve(found.get(key));
    } catch (error) {
      for (const callers of batch.values()) for (const c of callers) c.reject(error);
    }
  }
}
