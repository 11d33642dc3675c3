import type { EmbeddedApi } from '../../server/embedded.js';

export type { EmbeddedApi };

/**
 * The billing API inside the app, for first run with no hosted API (see server/embedded.ts): SQLite
 * in the data folder, listening on 127.0.0.1 only, seeded once with a demo reseller.
 *
 * Imported when first needed: the whole server (Fastify, Kysely, the gateways, PDF and e-mail)
 * takes longer to load than the rest of the desktop core, and a console signed in to a hosted API
 * never needs it.
 */
export async function startEmbeddedApi(dataDir: string): Promise<EmbeddedApi> {
  const { startEmbeddedApi: start } = await import('../../server/embedded.js');
  return start({ dataDir });
}
