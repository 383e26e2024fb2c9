#!/usr/bin/env bash
# Installs what the config tests need to check rendered files against the REAL option definitions
# of Debian 12's OpenStack (Zed): the Python libraries of nova, keystone, glance, cinder, neutron
# and placement (their option namespaces, plus the oslo/keystonemiddleware ones they pull in) and
# python3-oslo.config (oslo-config-validator, oslo-config-generator). Libraries only: no daemon
# package is installed and nothing is started.
#
# Idempotent: does nothing when the validator can already load nova's namespace.
# No service is started: a policy-rc.d that exits 101 is in place for the install.
# Always use /usr/bin/python3: another python3 may come first on PATH.
set -euo pipefail

PY=/usr/bin/python3

PACKAGES=(python3-nova python3-keystone python3-glance python3-cinder python3-neutron python3-placement python3-oslo.config)

ready() {
  [ -x "$PY" ] && [ -x /usr/bin/oslo-config-validator ] && [ -x /usr/bin/oslo-config-generator ] || return 1
  local pkg
  for pkg in "${PACKAGES[@]}"; do
    [ "$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null)" = "install ok installed" ] || return 1
  done
}

if ready; then
  echo "setup-oslo-validator: already installed"
  exit 0
fi

if [ "$(id -u)" != 0 ]; then
  echo "setup-oslo-validator: must run as root (apt-get install)" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
POLICY=/usr/sbin/policy-rc.d
CREATED_POLICY=0
if [ ! -e "$POLICY" ]; then
  printf '#!/bin/sh\nexit 101\n' > "$POLICY"
  chmod 0755 "$POLICY"
  CREATED_POLICY=1
fi
cleanup() { if [ "$CREATED_POLICY" = 1 ]; then rm -f "$POLICY"; fi; }
trap cleanup EXIT

# dbconfig-common must not try to configure a database for anything pulled in.
echo "dbconfig-common dbconfig-common/dbconfig-install boolean false" | debconf-set-selections

APT_OPTS=(-y -q -o DPkg::Lock::Timeout=900 -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold)
if ! apt-cache show python3-nova >/dev/null 2>&1; then
  apt-get -q -o DPkg::Lock::Timeout=900 update
fi
apt-get install "${APT_OPTS[@]}" --no-install-recommends "${PACKAGES[@]}"

# Each project's options must load (one interpreter each: they collide in oslo.config's registry).
for mod in nova.conf keystone.conf glance.opts cinder.opts neutron.opts placement.conf; do
  if ! "$PY" -c "import $mod" >/dev/null 2>&1; then
    echo "setup-oslo-validator: installed, but $mod does not import with $PY" >&2
    exit 1
  fi
done
echo "setup-oslo-validator: ready ($("$PY" -c 'import nova.version as v; print("nova", v.version_string())'))"
