#!/usr/bin/env bash
# Installs Debian's ansible-core for bench/rollout.ts (the side-by-side figure). Idempotent.
set -euo pipefail
if command -v ansible-playbook >/dev/null 2>&1; then
  echo "ansible-core already installed: $(ansible-playbook --version | head -1)"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -q --no-install-recommends ansible-core
ansible-playbook --version | head -1
