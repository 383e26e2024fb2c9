# shellcheck shell=bash
# Lightweight hosts: a network namespace plus private mount, UTS and PID namespaces in which
# /etc /var /usr /opt /srv /root /home /run are overlays over the machine's own directories,
# with each host's writes landing in its own upper directory. PID 1 is light-init.sh, which runs sshd.

# Top-level directories overlaid per host; light-init.sh takes the same list.
LIGHT_OVERLAY_DIRS="etc var usr opt srv root home run"

light_check_layout() {
  local top=${FLEET_DIR#/}; top=/${top%%/*}
  case " $LIGHT_OVERLAY_DIRS " in
    *" ${top#/} "*) die "fleet state $FLEET_DIR lies under $top, which light hosts overlay" \
      "set POLYVISOR_FLEET_DIR to a directory outside /${LIGHT_OVERLAY_DIRS// /, /}" ;;
  esac
}

# light_prepare NAME INDEX: seed the host's upper directories with its identity and apt proxy.
light_prepare() {
  local name=$1 dir upper
  dir=$(host_dir "$name"); upper="$dir/upper"
  [ -f "$dir/prepared" ] && return 0
  light_check_layout
  install -d -m 755 "$upper" "$dir/work"
  local d
  for d in $LIGHT_OVERLAY_DIRS; do
    install -d "$upper/$d" "$dir/work/$d"
    chmod --reference="/$d" "$upper/$d"
  done
  install_ssh_identity "$dir" "$upper" "$name"
  printf '%s\n' "$name" >"$upper/etc/hostname"
  { printf '127.0.0.1\tlocalhost\n%s\t%s\n' "$(host_address "$(host_field "$name" index)")" "$name"; } >"$upper/etc/hosts"
  install -d -m 755 "$upper/etc/apt/apt.conf.d"
  render_template apt-proxy.conf "PROXY_URL=$PROXY_URL" >"$upper/etc/apt/apt.conf.d/01polyvisor-proxy"
  : >"$dir/prepared"
}

light_running() {
  local name=$1
  process_matches "$(host_field "$name" pid)" light-init.sh "$(host_dir "$name") "
}

light_start() {
  local name=$1 dir pid
  dir=$(host_dir "$name")
  light_running "$name" && return 0
  setsid ip netns exec "$(netns_name "$name")" \
    unshare --mount --uts --pid --fork --kill-child --mount-proc --propagation private -- \
    bash "$FLEET_LIB_DIR/light-init.sh" "$dir" "$name" "$LIGHT_OVERLAY_DIRS" \
    >>"$dir/console.log" 2>&1 </dev/null &
  pid=$!
  printf '%s\n' "$pid" >"$dir/pid"
}

# light_stop NAME: kill the host's PID 1 (unshare itself ignores SIGTERM); the kernel then ends
# every process of the host's PID namespace and unshare exits.
light_stop() {
  local name=$1 pid init waited=0
  pid=$(host_field "$name" pid)
  light_running "$name" || return 0
  init=$(pgrep -P "$pid" | head -n 1)
  [ -n "$init" ] && kill -KILL "$init" 2>/dev/null
  while light_running "$name" && [ "$waited" -lt 50 ]; do sleep 0.05; waited=$((waited + 1)); done
  light_running "$name" && kill -KILL "$pid" 2>/dev/null
  return 0
}
