/** What the core tells the checkpoint worker: it committed writes, or the cache is closing. */
export type CheckpointRequest = 'wrote' | 'close';
