# shellcheck shell=bash
# Debian packages the fleet needs, installed once and skipped when present.

FLEET_PACKAGES=(
  debootstrap systemd-container openipmi ipmitool openssh-server openssh-client
  iproute2 apt-cacher-ng jq zstd util-linux procps curl
)

ensure_packages() {
  local missing=() pkg
  for pkg in "${FLEET_PACKAGES[@]}"; do
    dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null | grep -qx installed || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing ${missing[*]}"
  # Package scripts must not start daemons: apt-cacher-ng would listen on every address.
  local own_policy=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    own_policy=1
  fi
  local rc=0
  apt-get -qq -o DPkg::Lock::Timeout=600 update >&2 &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=600 \
      --no-install-recommends "${missing[@]}" >&2 || rc=$?
  [ -n "$own_policy" ] && rm -f /usr/sbin/policy-rc.d
  [ "$rc" -eq 0 ] || die "apt-get install ${missing[*]} failed (exit $rc)" "run it by hand to see why; the apt mirror must be reachable"
}
