# shellcheck shell=bash
# fleet up --hosts N [--kind light|nspawn] [--name GROUP]
# Ensures hosts GROUP-01..GROUP-NN exist, run and answer SSH with their pinned keys. Idempotent.

declare -A DEFAULT_GROUP=([light]=light [nspawn]=node)
declare -A PREPARE=([light]=light_prepare [nspawn]=nspawn_prepare)
declare -A SSH_WAIT_SECONDS=([light]=120 [nspawn]=300)

cmd_up() {
  local count="" kind=light group=""
  while [ $# -gt 0 ]; do
    case $1 in
      --hosts) count=${2:-}; shift 2 ;;
      --kind) kind=${2:-}; shift 2 ;;
      --name) group=${2:-}; shift 2 ;;
      *) die "up: unknown argument '$1'" "usage: fleet up --hosts N [--kind light|nspawn] [--name GROUP]" ;;
    esac
  done
  [[ "$count" =~ ^[0-9]+$ ]] && [ "$count" -ge 1 ] && [ "$count" -le $((LAST_HOST_INDEX - FIRST_HOST_INDEX + 1)) ] ||
    die "up: --hosts '$count' is not a host count" "give 1..$((LAST_HOST_INDEX - FIRST_HOST_INDEX + 1))"
  [ -n "${DEFAULT_GROUP[$kind]:-}" ] || die "up: --kind '$kind' is not a host kind" "use light or nspawn"
  group=${group:-${DEFAULT_GROUP[$kind]}}
  [[ "$group" =~ ^[a-z][a-z0-9-]{0,23}$ ]] ||
    die "up: --name '$group' is not a valid group name" "use 1-24 characters a-z, 0-9, '-', starting with a letter"
  [ "$(id -u)" -eq 0 ] || die "up: the fleet needs root (namespaces, bridge, mounts)" "run it as root"

  ensure_packages
  install -d -m 711 "$FLEET_DIR"  # the apt proxy user must reach proxy/
  install -d -m 700 "$HOSTS_DIR"
  with_lock "$FLEET_DIR/fleet.lock" up_locked "$count" "$kind" "$group"
}

up_locked() {
  local count=$1 kind=$2 group=$3 names=() name i
  bridge_up
  proxy_up
  ensure_client_key
  for ((i = 1; i <= count; i++)); do
    name=$(printf '%s-%02d' "$group" "$i")
    host_create "$name" "$kind" "$group"
    names+=("$name")
  done
  log "starting ${#names[@]} $kind host(s): ${names[0]} .. ${names[-1]}"
  UP_KIND=$kind run_parallel host_start "${names[@]}"
  inventory_write
  ssh_wait "${SSH_WAIT_SECONDS[$kind]}" "${names[@]}"
  run_parallel bmc_wait "${names[@]}"
  inventory_write
  log "up: ${#names[@]} $kind host(s) in group $group answer SSH; inventory at $INVENTORY"
}

# host_start NAME: network, first-boot files, BMC, power on; each step skips what is already done.
host_start() {
  local name=$1
  netns_claim "$name" "$(host_field "$name" kind)"
  netns_up "$name" "$(host_field "$name" index)"
  "${PREPARE[$UP_KIND]}" "$name"
  bmc_prepare "$name"
  bmc_start "$name"
  with_lock "$(host_dir "$name")/power.lock" power_on "$name"
}

# host_create NAME KIND GROUP: allocate an address, a host key and a BMC; nothing if it exists.
host_create() {
  local name=$1 kind=$2 group=$3 dir index
  dir=$(host_dir "$name")
  if [ -f "$dir/index" ]; then
    [ "$(host_field "$name" kind)" = "$kind" ] ||
      die "host $name exists as kind $(host_field "$name" kind), not $kind" "use another --name, or 'fleet down --name $group' first"
    return 0
  fi
  index=$(free_index) || die "no free address left in $NET_PREFIX.0/$PREFIX_LENGTH for $name" "take other groups down first"
  install -d -m 700 "$dir"
  printf '%s\n' "$kind" >"$dir/kind"
  printf '%s\n' "$group" >"$dir/group"
  make_host_key "$dir" "$name"
  printf '%s\n' "$index" >"$dir/index"
  host_json_write "$name"
}

free_index() {
  local used i
  used=" $(cat "$HOSTS_DIR"/*/index 2>/dev/null | tr '\n' ' ') "
  for ((i = FIRST_HOST_INDEX; i <= LAST_HOST_INDEX; i++)); do
    [[ "$used" == *" $i "* ]] || { echo "$i"; return 0; }
  done
  return 1
}
