# shellcheck shell=bash
# Debian hosts booted with systemd-nspawn: real systemd and sshd, in the host's network namespace,
# on an overlay of the cached rootfs (HOST_DIR/root = cached lower + HOST_DIR/upper).

nspawn_root() { printf '%s/root' "$(host_dir "$1")"; }

nspawn_mount() {
  local name=$1 dir lower
  dir=$(host_dir "$name")
  mountpoint -q "$dir/root" && return 0
  lower=$(rootfs_ensure)
  install -d -m 755 "$dir/root" "$dir/upper" "$dir/work"
  mount -t overlay "$NAME_PREFIX-$name" -o "lowerdir=$lower,upperdir=$dir/upper,workdir=$dir/work" "$dir/root" ||
    die "could not mount the root filesystem of $name at $dir/root" "check that $lower exists"
}

nspawn_umount() {
  local root; root=$(nspawn_root "$1")
  nspawn_release_loops "$1"
  if mountpoint -q "$root"; then
    umount "$root" || die "could not unmount $root" "find what still uses it: fuser -vm $root"
  fi
}

# nspawn_prepare NAME: host identity, apt sources (copied from this machine) and apt proxy.
nspawn_prepare() {
  local name=$1 dir root index
  dir=$(host_dir "$name"); root=$(nspawn_root "$name"); index=$(host_field "$name" index)
  nspawn_mount "$name"
  [ -f "$dir/prepared" ] && return 0
  install_ssh_identity "$dir" "$root" "$name"
  printf '%s\n' "$name" >"$root/etc/hostname"
  printf '127.0.0.1\tlocalhost\n%s\t%s\n' "$(host_address "$index")" "$name" >"$root/etc/hosts"
  od -An -tx1 -N16 /dev/urandom | tr -d ' \n' >"$root/etc/machine-id"; echo >>"$root/etc/machine-id"
  install -d -m 755 "$root/etc/apt/sources.list.d" "$root/etc/apt/apt.conf.d"
  cp /etc/apt/sources.list.d/*.sources "$root/etc/apt/sources.list.d/" 2>/dev/null || true
  [ -s /etc/apt/sources.list ] && cp /etc/apt/sources.list "$root/etc/apt/sources.list"
  render_template apt-proxy.conf "PROXY_URL=$PROXY_URL" >"$root/etc/apt/apt.conf.d/01polyvisor-proxy"
  : >"$dir/prepared"
}

nspawn_running() {
  process_matches "$(host_field "$1" pid)" systemd-nspawn "--machine=$1 "
}

nspawn_start() {
  local name=$1 dir dev binds=()
  dir=$(host_dir "$name")
  nspawn_running "$name" && return 0
  nspawn_mount "$name"
  # Device nodes recorded with `fleet devices` (libvirt LXC: /dev/fuse, loop devices).
  if [ -f "$dir/devices" ]; then while read -r dev; do [ -n "$dev" ] && binds+=("--bind=$dev"); done <"$dir/devices"; fi
  setsid systemd-nspawn --quiet --directory="$dir/root" --machine="$name" --boot \
    --register=no --keep-unit --network-namespace-path="/run/netns/$(netns_name "$name")" \
    --capability=all --console=read-only --link-journal=no --resolv-conf=off --timezone=off "${binds[@]}" \
    >>"$dir/console.log" 2>&1 </dev/null &
  printf '%s\n' "$!" >"$dir/pid"
}

# The container's PID 1: the systemd child of the nspawn process.
nspawn_init_pid() {
  local pid; pid=$(host_field "$1" pid)
  nspawn_running "$1" || return 0
  pgrep -P "$pid" -x systemd | head -n 1
}

# Orderly power-off: nspawn turns SIGTERM into a systemd poweroff of the container.
nspawn_shutdown() {
  stop_process "$(host_field "$1" pid)" 30 systemd-nspawn "--machine=$1 "
  nspawn_release_loops "$1"
}

# nspawn_release_loops NAME: a loop device is the machine's, not the container's: one the host
# attached to a file on its own root filesystem (a libvirt LXC guest's disk) stays attached after
# the container is gone, and eight such leaks leave no loop device for the next LXC guest. Once
# the host is off they serve nothing: detach those, and only those (matched by the backing file's
# filesystem, the host's root overlay).
nspawn_release_loops() {
  local name=$1 root dev loop back
  nspawn_running "$name" && return 0
  root=$(nspawn_root "$name")
  mountpoint -q "$root" || return 0
  dev=$(stat -c '%Hd:%Ld' "$root")
  while read -r loop back; do
    [ "$back" = "$dev" ] || continue
    losetup -d "$loop" 2>/dev/null && log "$name: released $loop (a guest disk left attached)"
  done < <(losetup -l -n -O NAME,BACK-MAJ:MIN 2>/dev/null)
  return 0
}

# Hard power-off: kill the container's PID 1 (the kernel ends its PID namespace), nspawn then exits.
nspawn_kill() {
  local name=$1 init waited=0
  init=$(nspawn_init_pid "$name")
  [ -n "$init" ] && kill -KILL "$init" 2>/dev/null
  while nspawn_running "$name" && [ "$waited" -lt 50 ]; do sleep 0.1; waited=$((waited + 1)); done
  nspawn_running "$name" && stop_process "$(host_field "$name" pid)" 5 systemd-nspawn "--machine=$name "
  nspawn_release_loops "$name"
  return 0
}
