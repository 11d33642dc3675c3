// A small round-robin reverse proxy for scripts/run-stack.sh, standing in for the compose file's Caddy
// where Docker is not available: it sends each request to the next API process whose /readyz answered
// 200 at the last check, streams answers (server-sent events included), retries a GET on another
// process if a connection fails, and keeps /metrics off the public side. Loopback only by default.
//   LB_PORT (8080), LB_HOST (127.0.0.1), BACKENDS ("127.0.0.1:8781,127.0.0.1:8782,…"), LB_CHECK_MS (2000)
import { createServer, request } from 'node:http';

const backends = (process.env.BACKENDS ?? '')
  .split(',')
  .filter(Boolean)
  .map((b) => ({ address: b, ready: false }));
if (backends.length === 0) throw new Error('BACKENDS: give at least one host:port');
const checkMs = Number(process.env.LB_CHECK_MS ?? 2000);
let next = 0;

function check(backend) {
  const [host, port] = backend.address.split(':');
  const req = request({ host, port, path: '/readyz', timeout: checkMs }, (res) => {
    backend.ready = res.statusCode === 200;
    res.resume();
  });
  req.on('timeout', () => req.destroy());
  req.on('error', () => (backend.ready = false));
  req.end();
}
const checkAll = () => backends.forEach(check);
checkAll();
setInterval(checkAll, checkMs).unref();

function pick(excluded) {
  const ready = backends.filter((b) => b.ready && !excluded.has(b));
  if (ready.length === 0) return null;
  return ready[next++ % ready.length];
}

const server = createServer((req, res) => {
  if (req.url === '/metrics' || req.url?.startsWith('/metrics?')) {
    res
      .writeHead(404, { 'content-type': 'application/json' })
      .end('{"error":{"code":"not_found","message":"no route"}}');
    return;
  }
  const tried = new Set();
  const forward = () => {
    const backend = pick(tried);
    if (!backend) {
      if (!res.headersSent) res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '1' });
      res.end('{"error":{"code":"unavailable","message":"no API process is ready"}}');
      return;
    }
    tried.add(backend);
    const [host, port] = backend.address.split(':');
    const headers = { ...req.headers, 'x-forwarded-for': req.socket.remoteAddress ?? '' };
    const upstream = request({ host, port, method: req.method, path: req.url, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => {
      backend.ready = false;
      // A request that may have reached the process is not sent twice (the client retries it with
      // its Idempotency-Key); a GET is safe to send to another.
      if (req.method === 'GET' && !res.headersSent) forward();
      else if (!res.headersSent)
        res
          .writeHead(502, { 'content-type': 'application/json' })
          .end('{"error":{"code":"bad_gateway","message":"the API process failed"}}');
      else res.destroy();
    });
    res.on('close', () => upstream.destroy());
    if (req.method === 'GET' || req.method === 'HEAD') upstream.end();
    else req.pipe(upstream);
  };
  forward();
});
const port = Number(process.env.LB_PORT ?? 8080);
const host = process.env.LB_HOST ?? '127.0.0.1';
server.listen(port, host, () => console.log(`READY http://${host}:${server.address().port}`));
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
