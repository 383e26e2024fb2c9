# shellcheck shell=bash
# fleet ssh NAME [COMMAND...]   log in with the fleet key, checking the pinned host key
# fleet ipmi NAME ARGS...       ipmitool -I lanplus -C 3 against the host's BMC (password from its file)

require_host() {
  [ -f "$(host_dir "${1:-}")/index" ] || die "no test host named '${1:-}'" "see 'fleet status' for host names"
}

cmd_ssh() {
  local name=${1:-}; shift || true
  require_host "$name"
  exec ssh -F /dev/null -o BatchMode=yes -o StrictHostKeyChecking=yes -o UserKnownHostsFile="$KNOWN_HOSTS" \
    -o GlobalKnownHostsFile=/dev/null -o LogLevel=ERROR -i "$CLIENT_KEY" \
    "$SSH_USER@$(host_address "$(host_field "$name" index)")" "$@"
}

cmd_ipmi() {
  local name=${1:-}; shift || true
  require_host "$name"
  bmc_ipmitool "$name" "$@"
}
