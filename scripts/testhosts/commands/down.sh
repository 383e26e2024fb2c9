# shellcheck shell=bash
# fleet down [--name GROUP]
# Stops and removes the hosts (all, or one group) by their recorded PIDs and names; the last
# host gone takes the proxy, the bridge and the fleet directory with it. The rootfs and apt caches stay.

cmd_down() {
  local group=""
  while [ $# -gt 0 ]; do
    case $1 in
      --name) group=${2:-}; shift 2 ;;
      *) die "down: unknown argument '$1'" "usage: fleet down [--name GROUP]" ;;
    esac
  done
  [ -d "$FLEET_DIR" ] || { log "down: no fleet at $FLEET_DIR"; return 0; }
  with_lock "$FLEET_DIR/fleet.lock" down_locked "$group"
}

down_locked() {
  local group=$1 name names=()
  for name in $(all_host_names); do
    [ -z "$group" ] || [ "$(host_field "$name" group)" = "$group" ] || continue
    names+=("$name")
  done
  [ ${#names[@]} -eq 0 ] || run_parallel host_destroy_locked "${names[@]}"
  local removed=${#names[@]}
  if [ -z "$(all_host_names)" ]; then
    proxy_down
    bridge_down
    rm -rf --one-file-system "$FLEET_DIR"
    log "down: removed $removed host(s), the apt proxy, bridge $BRIDGE and $FLEET_DIR"
  else
    inventory_write
    log "down: removed $removed host(s) of group ${group:-all}; others keep running"
  fi
}

host_destroy_locked() { with_lock "$(host_dir "$1")/power.lock" host_destroy "$1"; }

host_destroy() {
  local name=$1 dir index
  dir=$(host_dir "$name"); index=$(host_field "$name" index)
  power_off "$name"
  bmc_stop "$name"
  [ "$(host_field "$name" kind)" = nspawn ] && nspawn_umount "$name"
  netns_down "$name" "$index"
  if findmnt -rn -o TARGET | grep -q "^$dir/"; then
    die "something is still mounted under $dir; not deleting it" "unmount it: findmnt | grep $dir"
  fi
  rm -rf --one-file-system "$dir"
  cgroups_tidy
}

# libvirt LXC guests in a host write cgroups into this machine's v1 hierarchies (machine/,
# machine.slice/): remove the unused ones, deepest first (the kernel refuses a cgroup still in use).
cgroups_tidy() {
  local top
  for top in /sys/fs/cgroup/*/machine /sys/fs/cgroup/*/machine.slice; do
    [ -d "$top" ] && find "$top" -depth -type d -exec rmdir {} \; 2>/dev/null
  done
  return 0
}
