import { startEmbeddedApi as start, type EmbeddedApi } from '../../server/embedded.js';

export type { EmbeddedApi };

/**
 * The billing API inside the app, for first run with no hosted API (see server/embedded.ts): SQLite
 * in the data folder, listening on 127.0.0.1 only, seeded once with a demo reseller.
 */
export function startEmbeddedApi(dataDir: string): Promise<EmbeddedApi> {
  return start({ dataDir });
}
