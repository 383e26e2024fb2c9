#!/usr/bin/env bash
# Makes PostgreSQL server binaries available for the provider's remote-state tests (terraform's `pg`
# backend). Idempotent: does nothing when initdb/pg_ctl/postgres are already installed. The tests
# start their own private instance (temp dir, loopback port, unprivileged user) and stop it by PID;
# no cluster is created or started here.
set -euo pipefail

if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1; then
  echo "PostgreSQL server binaries present: $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | head -1)"
  exit 0
fi

export DEBIAN_FRONTEND=noninteractive
# Install without creating or starting Debian's default cluster.
mkdir -p /etc/postgresql-common
echo "create_main_cluster = false" >/etc/postgresql-common/createcluster.conf
POLICY=/usr/sbin/policy-rc.d
CREATED_POLICY=0
if [ ! -e "$POLICY" ]; then
  printf '#!/bin/sh\nexit 101\n' >"$POLICY" && chmod 0755 "$POLICY" && CREATED_POLICY=1
fi
apt-get update -qq
apt-get install -y -qq --no-install-recommends postgresql-15
if [ "$CREATED_POLICY" = 1 ]; then rm -f "$POLICY"; fi
echo "PostgreSQL installed: $(ls -d /usr/lib/postgresql/*/bin | head -1)"
