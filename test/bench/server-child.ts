/**
 * The billing API in a process of its own for the ledger bench, so that the load generator (in the
 * parent) never takes turns on the server's event loop. The parent says where the database is through
 * the environment; this process binds port 0 on 127.0.0.1 and sends back the port it got over IPC.
 */
import { buildApp } from '../../src/server/app.js';
import { openStore } from '../../src/server/db/database.js';

const url = process.env.BENCH_DATABASE_URL;
const operatorToken = process.env.BENCH_OPERATOR_TOKEN;
if (!url || !operatorToken || !process.send) {
  throw new Error('start this through test/bench/ledger.bench.ts (it needs BENCH_* variables and IPC)');
}
const schema = process.env.BENCH_SCHEMA || undefined;
const poolSize = process.env.BENCH_POOL_SIZE ? Number(process.env.BENCH_POOL_SIZE) : undefined;

const store = openStore(url, { ...(schema ? { schema } : {}), ...(poolSize ? { poolSize } : {}) });
const app = await buildApp({
  store,
  operatorToken,
  databaseUrl: store.dialect === 'postgres' ? url : undefined,
  schema,
});
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
  if (message === 'cpu') process.send!({ cpu: process.cpuUsage() });
});
// The parent went away without asking: do not linger holding the database.
process.on('disconnect', () => void stop());
process.send({ address });
