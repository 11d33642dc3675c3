#!/bin/sh
# The compose stack (deploy/compose.yaml) without Docker: three API processes on one PostgreSQL and
# a round-robin proxy in front (scripts/lb.mjs standing in for Caddy), all on loopback. The processes
# start together, as in compose: the migrations run once (the migrator's lock) and all become ready.
# Ctrl-C or SIGTERM stops them all (each API process drains its requests first).
#
#   DATABASE_URL=postgres://…  required (a database or schema of its own: `?options=-c%20search_path%3Dname`)
#   BILLING_OPERATOR_TOKEN     required (≥ 16 characters)
#   CREDENTIALS_KEY            32 random bytes, base64 (without it no gateway can take payments)
#   METRICS_TOKEN              optional (≥ 32 characters): turns on GET /metrics on each API process
#   API_PORTS                  default "8781 8782 8783"; LB_PORT default 8080
set -eu
cd "$(dirname "$0")/.."
: "${DATABASE_URL:?set DATABASE_URL to a PostgreSQL URL}"
: "${BILLING_OPERATOR_TOKEN:?set BILLING_OPERATOR_TOKEN}"
API_PORTS=${API_PORTS:-"8781 8782 8783"}
LB_PORT=${LB_PORT:-8080}
export DATABASE_URL BILLING_OPERATOR_TOKEN
export HOST=127.0.0.1 LOG_LEVEL=${LOG_LEVEL:-warn} TRUST_PROXY=127.0.0.1
export PUBLIC_BASE_URL=${PUBLIC_BASE_URL:-http://127.0.0.1:$LB_PORT}

sh scripts/build-api.sh
pids=""
stop() {
  trap - INT TERM EXIT
  for pid in $pids; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in $pids; do wait "$pid" 2>/dev/null || true; done
}
trap 'stop; exit 0' INT TERM
trap stop EXIT

backends=""
for port in $API_PORTS; do
  PORT=$port node --enable-source-maps out/api/server.mjs &
  pids="$pids $!"
  backends="${backends:+$backends,}127.0.0.1:$port"
done
# Every process ready (database reachable, migrations current): bounded, then give up.
for port in $API_PORTS; do
  tries=0
  until curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; do
    tries=$((tries + 1))
    if [ "$tries" -gt 120 ]; then echo "API on $port not ready after 60 s" >&2; exit 1; fi
    sleep 0.5
  done
done
BACKENDS=$backends LB_PORT=$LB_PORT node scripts/lb.mjs &
pids="$pids $!"
echo "stack up: http://127.0.0.1:$LB_PORT (API processes on $API_PORTS)"
wait
