# shellcheck shell=bash
# fleet devices NAME [DEVICE...]
# Device nodes of this machine bound into an nspawn host from its next power on (libvirt LXC needs
# /dev/fuse and loop devices). Without DEVICE, lists them. `--clear` removes them all.

cmd_devices() {
  local name=${1:-} dir dev
  [ -n "$name" ] || die "devices: no host named" "usage: fleet devices NAME [DEVICE...|--clear]"
  shift
  dir=$(host_dir "$name")
  [ -f "$dir/index" ] || die "devices: no test host named '$name'" "see 'fleet status' for the hosts"
  [ "$(host_field "$name" kind)" = nspawn ] || die "devices: $name is a $(host_field "$name" kind) host" "only nspawn hosts take device binds"
  if [ $# -eq 0 ]; then cat "$dir/devices" 2>/dev/null || true; return 0; fi
  if [ "$1" = --clear ]; then rm -f "$dir/devices"; return 0; fi
  for dev in "$@"; do
    [[ "$dev" =~ ^/dev/[A-Za-z0-9/_-]+$ ]] && { [ -c "$dev" ] || [ -b "$dev" ]; } ||
      die "devices: '$dev' is not a device node of this machine" "give paths like /dev/fuse or /dev/loop0"
  done
  printf '%s\n' "$@" >"$dir/devices.tmp"
  mv "$dir/devices.tmp" "$dir/devices"
  log "$name: devices $* are bound into the host from its next power on"
}
