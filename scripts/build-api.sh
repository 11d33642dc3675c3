#!/bin/sh
# Bundles the billing API (src/server + src/shared) into one ES module, out/api/server.mjs, with
# every package left external: it runs with plain `node` beside a production-only node_modules.
# Used by deploy/Dockerfile and by scripts/run-stack.sh, so both run the same file.
set -eu
cd "$(dirname "$0")/.."
npx --no-install esbuild src/server/server.ts \
  --bundle --platform=node --format=esm --packages=external --target=node20 \
  --sourcemap --log-level=warning --outfile=out/api/server.mjs
echo "built out/api/server.mjs"
