/**
 * The billing API in a process of its own for the sync bench, so that serving the feed never takes
 * turns with the desktop core's sync engine on one event loop. The parent passes the SQLite file in
 * BENCH_SYNC_DATABASE; this process binds port 0 on 127.0.0.1 and sends back its address over IPC.
 */
import { buildApp } from '../../src/server/app.js';
import { openStore } from '../../src/server/db/database.js';

const file = process.env.BENCH_SYNC_DATABASE;
if (!file || !process.send) throw new Error('start this through test/bench/sync.bench.ts');

const store = openStore(`sqlite:${file}`);
const app = await buildApp({ store });
const address = await app.listen({ port: 0, host: '127.0.0.1' });

let closing = false;
async function stop() {
  if (closing) return;
  closing = true;
  await app.close();
  await store.close();
  // A normal exit, so that --cpu-prof (BENCH_CPU_PROF) writes its profile.
  process.exit(0);
}
process.on('message', (message) => {
  if (message === 'stop') void stop();
  // CPU time this process has used so far (µs): what serving the feed cost, whatever the machine's load.
  if (message === 'cpu') process.send!({ cpu: process.cpuUsage() });
});
// The parent went away without asking: do not linger holding the database.
process.on('disconnect', () => void stop());
process.send({ address });
