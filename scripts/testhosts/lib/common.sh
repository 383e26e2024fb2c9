# shellcheck shell=bash
# Paths, fixed addresses, logging, locks and template rendering shared by every fleet command.

FLEET_LIB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(cd "$FLEET_LIB_DIR/../../.." && pwd)
TEMPLATE_DIR="$REPO_DIR/templates/testhosts"
# POLYVISOR_FLEET_ID (0-9) selects a separate fleet with its own bridge, range, names and state:
# id 0 (the default) is the shared fleet on pvbr0 / 10.213.0.0/24; tests of the fleet itself use others.
FLEET_ID=${POLYVISOR_FLEET_ID:-0}
[[ "$FLEET_ID" =~ ^[0-9]$ ]] || { echo "fleet: error: POLYVISOR_FLEET_ID '$FLEET_ID' is not 0-9" >&2; exit 1; }
if [ "$FLEET_ID" = 0 ]; then DEFAULT_FLEET_DIR="$REPO_DIR/.polyvisor/fleet"; else DEFAULT_FLEET_DIR="$REPO_DIR/.polyvisor/fleet-$FLEET_ID"; fi
FLEET_DIR=${POLYVISOR_FLEET_DIR:-$DEFAULT_FLEET_DIR}
CACHE_DIR=${POLYVISOR_CACHE_DIR:-/var/cache/polyvisor}

# The fleet's private network: one bridge in the root namespace, hosts get .2-.254, no default route.
BRIDGE=pvbr$FLEET_ID
NET_PREFIX=10.213.$FLEET_ID
BRIDGE_ADDRESS=$NET_PREFIX.1
PREFIX_LENGTH=24
FIRST_HOST_INDEX=2
LAST_HOST_INDEX=254
# Names of what the fleet creates in the root namespace: netns pvf<id>-<host>, veth pvf<id>-<index>.
NAME_PREFIX=pvf$FLEET_ID

# Each host's BMC listens on its own loopback address: 127.0.<21+id>.<host index>, standard IPMI port.
BMC_NET_PREFIX=127.0.$((21 + FLEET_ID))
BMC_PORT=623
BMC_USERNAME=admin

PROXY_PORT=3142
PROXY_URL="http://$BRIDGE_ADDRESS:$PROXY_PORT"

SSH_USER=root
CLIENT_KEY="$FLEET_DIR/id_ed25519"
KNOWN_HOSTS="$FLEET_DIR/known_hosts"
INVENTORY="$FLEET_DIR/inventory.json"
HOSTS_DIR="$FLEET_DIR/hosts"

log() { printf '[fleet] %s\n' "$*" >&2; }

# die WHAT [FIX]: one line naming what failed, then how to fix it.
die() {
  printf 'fleet: error: %s\n' "$1" >&2
  [ -n "${2:-}" ] && printf 'fleet: fix: %s\n' "$2" >&2
  exit 1
}

host_dir() { printf '%s/%s' "$HOSTS_DIR" "$1"; }
netns_name() { printf '%s-%s' "$NAME_PREFIX" "$1"; }
host_address() { printf '%s.%s' "$NET_PREFIX" "$1"; }
bmc_address() { printf '%s.%s' "$BMC_NET_PREFIX" "$1"; }

# Every host directory holds small one-value files: kind, index, group, pid. (No fork: the
# inventory reads these for every host.)
host_field() {
  local value=""
  read -r value 2>/dev/null <"$HOSTS_DIR/$1/$2" || true
  printf '%s' "$value"
}

all_host_names() {
  [ -d "$HOSTS_DIR" ] || return 0
  local dir
  for dir in "$HOSTS_DIR"/*/; do
    [ -f "$dir/index" ] && basename "$dir"
  done
}

# with_lock FILE COMMAND...: run COMMAND holding an exclusive lock on FILE.
with_lock() {
  local file=$1; shift
  mkdir -p "$(dirname "$file")"
  (
    flock -w 900 9 || die "could not lock $file within 15 minutes" "check for a stuck fleet command: fuser $file"
    # Daemons started by COMMAND must not inherit the lock.
    "$@" 9>&-
  ) 9>>"$file"
}

# render_template FILE KEY=VALUE...: print FILE with every @@KEY@@ replaced by VALUE.
render_template() {
  local content pair
  content=$(<"$TEMPLATE_DIR/$1"); shift
  for pair in "$@"; do
    content=${content//@@${pair%%=*}@@/${pair#*=}}
  done
  printf '%s\n' "$content"
}

# process_matches PID NEEDLE...: true when PID is alive and its command line holds every NEEDLE.
# Guards every kill against a recycled PID.
process_matches() {
  local pid=$1 cmdline needle; shift
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  local -a args=()
  mapfile -d '' -t args 2>/dev/null <"/proc/$pid/cmdline" || return 1
  cmdline="${args[*]} "
  for needle in "$@"; do
    [[ "$cmdline" == *"$needle"* ]] || return 1
  done
}

# stop_process PID GRACE_SECONDS NEEDLE...: SIGTERM, wait, then SIGKILL; only if PID still matches.
stop_process() {
  local pid=$1 grace=$2 waited=0; shift 2
  process_matches "$pid" "$@" || return 0
  kill -TERM "$pid" 2>/dev/null || return 0
  while process_matches "$pid" "$@" && [ "$waited" -lt $((grace * 20)) ]; do
    sleep 0.05; waited=$((waited + 1))
  done
  if process_matches "$pid" "$@"; then kill -KILL "$pid" 2>/dev/null || true; fi
  # A zombie (its cmdline is empty) no longer matches: the process is gone.
  waited=0
  while process_matches "$pid" "$@" && [ "$waited" -lt 50 ]; do sleep 0.1; waited=$((waited + 1)); done
}

# random_hex BYTES: 2*BYTES hex digits.
# run_parallel FUNCTION NAME...: FUNCTION NAME for every NAME, $FLEET_PARALLEL at a time;
# fails naming every NAME whose FUNCTION failed.
FLEET_PARALLEL=${FLEET_PARALLEL:-16}
run_parallel() {
  local fn=$1 name pid rc failed=(); shift
  local -A running=()
  for name in "$@"; do
    "$fn" "$name" &
    running[$!]=$name
    while [ "${#running[@]}" -ge "$FLEET_PARALLEL" ]; do
      rc=0; wait -n -p pid "${!running[@]}" || rc=$?
      [ "$rc" -eq 0 ] || failed+=("${running[$pid]}")
      unset "running[$pid]"
    done
  done
  while [ "${#running[@]}" -gt 0 ]; do
    rc=0; wait -n -p pid "${!running[@]}" || rc=$?
    [ "$rc" -eq 0 ] || failed+=("${running[$pid]}")
    unset "running[$pid]"
  done
  [ ${#failed[@]} -eq 0 ] || die "$fn failed for: ${failed[*]}" "see the messages above and $HOSTS_DIR/<name>/"
}

random_hex() { od -An -tx1 -N"$1" /dev/urandom | tr -d ' \n'; }
