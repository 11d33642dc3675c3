/** What the embedded API's worker (embedded-worker.ts) tells the core. */
export type EmbeddedReply =
  | { kind: 'started'; url: string; credentials: { email: string; password: string } }
  | { kind: 'closed' }
  | { kind: 'failed'; message: string };
