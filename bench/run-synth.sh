#!/usr/bin/env bash
# Runs the synthesis benchmark from the compiled app (build first with `npm run build`).
# Usage: bash bench/run-synth.sh   (BENCH_NODES / BENCH_NETWORKS / BENCH_FLAVORS to change the size)
set -euo pipefail
cd "$(dirname "$0")/.."
export CHECKPOINT_DISABLE=1
if [ ! -f dist/bench/synth.js ]; then
  echo "dist/bench/synth.js is missing: run \`npm run build\` first" >&2
  exit 70
fi
exec node dist/bench/synth.js "$@"
