#!/usr/bin/env bash
# Builds polyvisor: bindings generated from the provider's own schema, then the TypeScript, then the
# provider installed into the repository's offline filesystem mirror.
set -euo pipefail
cd "$(dirname "$0")/.."
export CHECKPOINT_DISABLE=1
[ -d node_modules ] || npm ci --no-audit --no-fund
npx tsc -p tsconfig.scripts.json
node dist/scripts/generate-bindings.js
npx tsc -p tsconfig.json
if [ -f scripts/install-provider.sh ]; then bash scripts/install-provider.sh; fi
