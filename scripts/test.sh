#!/usr/bin/env bash
# The test suite, from a fresh clone: installs what it needs (npm packages, Debian packages), builds
# polyvisor, and runs every test against real parts (terraform, sshd test hosts, BMC simulators,
# PostgreSQL, Debian's OpenStack option definitions).
set -euo pipefail
cd "$(dirname "$0")/.."
export CHECKPOINT_DISABLE=1
start=$(date +%s)
step() { printf '\n== %s (+%ss)\n' "$1" "$(( $(date +%s) - start ))"; }

step "npm packages"
[ -d node_modules/.bin ] || npm ci --no-audit --no-fund

step "Debian packages"
bash scripts/setup-oslo-validator.sh
bash scripts/setup-postgres.sh

step "build"
bash scripts/build.sh
export TF_CLI_CONFIG_FILE="$PWD/.polyvisor/terraformrc"

step "tests"
mkdir -p .polyvisor
# The end-to-end cloud gets its own fleet (bridge pvbr6), apart from the one `npm run demo` uses (5),
# so a demo left running by hand never shares addresses with the test's hosts.
export POLYVISOR_DEMO_FLEET_ID=${POLYVISOR_DEMO_FLEET_ID:-6}
set +e
npx vitest run --reporter=default --reporter=json --outputFile=.polyvisor/vitest-report.json "$@"
code=$?
set -e
# One plain closing line for CI: counts from vitest's own JSON report.
node -e '
  const r = require(process.argv[1]);
  console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed`);
' "$PWD/.polyvisor/vitest-report.json" || true
step "done"
exit "$code"
