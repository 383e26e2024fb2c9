#!/usr/bin/env bash
# `npm run demo`: deploys the all-in-one example (examples/all-in-one) to local test hosts with
# `cdktf deploy` through polyvisor's provider, runs the checks and prints a summary. From a fresh
# clone on Debian 12 as root: installs what it needs (npm packages, the fleet's Debian packages,
# image tools), builds polyvisor, brings up five powered-off test hosts, and removes them at the end.
#   bash scripts/demo.sh [--keep]     --keep leaves the cloud and its hosts running
set -euo pipefail
cd "$(dirname "$0")/.."
export CHECKPOINT_DISABLE=1
export TF_CLI_CONFIG_FILE="$PWD/.polyvisor/terraformrc"
command -v terraform >/dev/null || { echo "demo: terraform is not on the PATH (needs 1.11.x)" >&2; exit 1; }
[ -d node_modules/.bin ] || npm ci --no-audit --no-fund
bash scripts/build.sh
exec node dist/scripts/demo/main.js "$@"
